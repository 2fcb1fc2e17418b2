// One line at the bottom of every page: is the bot up, is the scheduler running, can secrets be
// stored, which version is this. Fed by `health` and `status` events (see use-health.ts), and
// while a crawl runs, a compact progress bar fed by `progress` events (see use-crawl.ts).
import type { Health } from '../../src-main/api/contract';
import type { CrawlProgressView } from './crawl-state';
import { CrawlProgressBar } from './CrawlProgressBar';
import type { HealthView } from './use-health';

type Tone = 'ok' | 'warn' | 'bad' | 'idle';

const BOT_LABEL: Record<Health['bot']['state'], [string, Tone]> = {
  not_configured: ['Bot not configured', 'idle'],
  connecting: ['Bot connecting', 'warn'],
  ready: ['Bot online', 'ok'],
  resuming: ['Bot reconnecting', 'warn'],
  disconnected: ['Bot disconnected', 'warn'],
  stopped: ['Bot stopped', 'idle'],
  error: ['Bot error', 'bad'],
};

const SCHEDULER_LABEL: Record<Health['scheduler']['state'], [string, Tone]> = {
  idle: ['Scheduler idle', 'ok'],
  // The host reports 'running' for a crawl as well as a sync; the crawl has its own bar beside it.
  running: ['Scheduler busy', 'ok'],
  stopped: ['Scheduler stopped', 'idle'],
  error: ['Scheduler error', 'bad'],
};

function Item({
  testId,
  tone,
  label,
  title,
}: {
  testId: string;
  tone: Tone;
  label: string;
  title?: string;
}) {
  return (
    <span className={`status-item tone-${tone}`} data-testid={testId} title={title}>
      <span className="status-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

export function StatusBar({
  view,
  crawl = null,
}: {
  view: HealthView;
  crawl?: CrawlProgressView | null;
}) {
  if (view.state === 'loading') {
    return (
      <footer className="status-bar" data-testid="status-bar" data-state="loading">
        <Item testId="status-connection" tone="idle" label="Connecting to the host…" />
      </footer>
    );
  }
  if (view.state === 'error') {
    return (
      <footer className="status-bar" data-testid="status-bar" data-state="error">
        <Item
          testId="status-connection"
          tone="bad"
          label={view.error.message}
          title={view.error.hint}
        />
        {view.error.hint && <span className="status-hint">{view.error.hint}</span>}
      </footer>
    );
  }
  const { health } = view;
  const [botLabel, botTone] = BOT_LABEL[health.bot.state];
  const [schedulerLabel, schedulerTone] = SCHEDULER_LABEL[health.scheduler.state];
  const guilds =
    health.bot.state === 'ready'
      ? ` · ${health.bot.guilds} guild${health.bot.guilds === 1 ? '' : 's'}`
      : '';
  const keychain = health.keychain.available
    ? { label: `Secrets: ${health.keychain.backend}`, tone: 'ok' as const }
    : { label: 'Secrets unavailable', tone: 'bad' as const };
  return (
    <footer className="status-bar" data-testid="status-bar" data-state="ok">
      <Item
        testId="status-bot"
        tone={botTone}
        label={botLabel + guilds}
        title={health.bot.detail}
      />
      <Item
        testId="status-scheduler"
        tone={schedulerTone}
        label={schedulerLabel}
        title={
          health.scheduler.nextRunAt
            ? `Next run ${new Date(health.scheduler.nextRunAt).toLocaleString()}`
            : undefined
        }
      />
      <Item
        testId="status-keychain"
        tone={keychain.tone}
        label={keychain.label}
        title={health.keychain.problem}
      />
      {!health.store.ok && (
        <Item testId="status-store" tone="bad" label="Store problem" title={health.store.problem} />
      )}
      {crawl && <CrawlProgressBar progress={crawl} compact testId="status-crawl" />}
      <span className="status-spacer" />
      <span
        className="status-version"
        data-testid="status-version"
        title={`Node ${health.versions.node}`}
      >
        {health.app.name} {health.app.version} · {health.mode}
      </span>
    </footer>
  );
}
