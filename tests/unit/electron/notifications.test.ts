import { describe, expect, it } from 'vitest';
import {
  DesktopNotifier,
  NotificationLedger,
  type Notice,
} from '../../../src-main/electron/notifications.js';
import type { DesktopPage } from '../../../src-main/electron/desktop-pages.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { RecordingNotifications } from './recorders.js';

const failed: Notice = {
  key: 'failed:crawl',
  fingerprint: 'GitHub said 502',
  title: 'GitHub crawl failed',
  body: 'GitHub said 502',
  page: 'stats',
};
const hierarchy: Notice = {
  key: 'problem:1:role_above_bot:77',
  fingerprint: 'Move GitGuild above Maintainer.',
  title: 'Role hierarchy problem',
  body: 'Move GitGuild above Maintainer.',
  page: 'guilds',
};

describe('the notification ledger', () => {
  it('announces a problem once however often it is reported', () => {
    const ledger = new NotificationLedger();
    expect(ledger.reconcile([failed])).toEqual([failed]);
    expect(ledger.reconcile([failed])).toEqual([]);
    expect(ledger.reconcile([failed, hierarchy])).toEqual([hierarchy]);
    expect(ledger.reconcile([hierarchy, failed])).toEqual([]);
  });

  it('announces it again when it changes', () => {
    const ledger = new NotificationLedger();
    ledger.reconcile([failed]);
    const worse = { ...failed, fingerprint: 'token rejected', body: 'token rejected' };
    expect(ledger.reconcile([worse])).toEqual([worse]);
  });

  it('announces it again when it comes back after being fixed', () => {
    const ledger = new NotificationLedger();
    ledger.reconcile([failed, hierarchy]);
    expect(ledger.reconcile([hierarchy])).toEqual([]);
    expect(ledger.reconcile([hierarchy, failed])).toEqual([failed]);
  });
});

function notifier() {
  const natives = new RecordingNotifications();
  const opened: DesktopPage[] = [];
  const sink = memorySink(100);
  const n = new DesktopNotifier({
    isSupported: natives.isSupported,
    create: natives.create,
    openPage: (page) => opened.push(page),
    logger: createLogger('test', { sinks: [sink] }),
  });
  return { natives, opened, n, sink };
}

describe('the desktop notifier', () => {
  it('shows a native notification per new notice and opens its page on click', () => {
    const { natives, opened, n } = notifier();
    n.update([failed, hierarchy]);
    n.update([failed, hierarchy]);
    expect(natives.titles()).toEqual(['GitHub crawl failed', 'Role hierarchy problem']);
    natives.created[1]?.click();
    natives.created[0]?.click();
    expect(opened).toEqual(['guilds', 'stats']);
  });

  it('shows one-off messages every time, and opens nothing when they have no page', () => {
    const { natives, opened, n } = notifier();
    n.show({ title: 'GitGuild is still running', body: 'In the tray.' });
    n.show({ title: 'GitGuild is still running', body: 'In the tray.' });
    natives.created[0]?.click();
    expect(natives.titles()).toHaveLength(2);
    expect(opened).toEqual([]);
  });

  it('logs instead of failing where the system has no notifications', () => {
    const { natives, n, sink } = notifier();
    natives.supported = false;
    n.update([failed]);
    expect(natives.created).toEqual([]);
    expect(sink.records.map((r) => r.msg)).toContain('notification not shown: not supported here');
  });
});
