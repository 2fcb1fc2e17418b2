import { afterEach, describe, expect, it } from 'vitest';
import { invokeMethod } from '../../../../src-main/api/invoke.js';
import { handlerFixture, type HandlerFixture } from '../handler-fixture.js';
import { rejection } from './rejection.js';

let f: HandlerFixture;
afterEach(() => f.close());

describe('crawl handlers', () => {
  it('report nothing running and no crawls on a fresh store', async () => {
    f = await handlerFixture();
    expect(await invokeMethod(f.handlers, 'crawl.status', undefined)).toEqual({
      running: null,
      orgs: [],
      lastError: null,
    });
  });

  it('refuse to start without a configured org, naming where to add one', async () => {
    f = await handlerFixture();
    await f.secrets.set('github.token', 'ghp_unit_test_token_0123456789');
    const error = await rejection(invokeMethod(f.handlers, 'crawl.run', undefined));
    expect(error.identifier).toBe('invalid_input');
    expect(error.context.hint).toMatch(/Settings/);
    expect(f.crawls.isRunning).toBe(false);
  });

  it('refuse to start without a GitHub token with an unauthorized error and a hint', async () => {
    f = await handlerFixture();
    await f.store.settings.update({ githubOrgs: ['acme'] });
    const error = await rejection(invokeMethod(f.handlers, 'crawl.run', {}));
    expect(error.identifier).toBe('unauthorized');
    expect(error.context.hint).toMatch(/set a GitHub token in Settings/i);
    // The refusal frees the job: a later run is not blocked by it.
    expect(f.crawls.isRunning).toBe(false);
  });

  it('refuse an org that is not configured as not_found', async () => {
    f = await handlerFixture();
    await f.store.settings.update({ githubOrgs: ['acme'] });
    expect(
      (await rejection(invokeMethod(f.handlers, 'crawl.run', { org: 'elsewhere' }))).identifier,
    ).toBe('not_found');
  });

  it('report the last recorded crawl of each configured org only', async () => {
    f = await handlerFixture();
    await f.store.settings.update({ githubOrgs: ['acme'] });
    const summary = {
      org: 'acme',
      startedAt: '2026-03-15T11:00:00Z',
      finishedAt: '2026-03-15T11:01:00Z',
      complete: true,
      missing: [],
      requests: 4,
    };
    await f.store.contributions.recordCrawl(summary);
    await f.store.contributions.recordCrawl({ ...summary, org: 'dropped-org' });
    expect(await invokeMethod(f.handlers, 'crawl.status', undefined)).toEqual({
      running: null,
      orgs: [summary],
      lastError: null,
    });
  });
});
