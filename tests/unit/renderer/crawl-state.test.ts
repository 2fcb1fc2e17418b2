import { describe, expect, it } from 'vitest';
import {
  crawlReducer,
  INITIAL_CRAWL_STATE,
  progressFraction,
  progressLabel,
  type CrawlState,
  type CrawlStatus,
  type CrawlSummary,
} from '../../../src-renderer/app/crawl-state';

const summary = (org: string, complete = true): CrawlSummary => ({
  org,
  startedAt: '2026-01-31T10:00:00Z',
  finishedAt: '2026-01-31T10:01:00Z',
  complete,
  missing: complete
    ? []
    : [{ repo: `${org}/takedown`, reason: 'unavailable for legal reasons (451)' }],
  requests: 42,
});
const idle: CrawlStatus = { running: null, orgs: [summary('acme')], lastError: null };
const loaded = (status: CrawlStatus = idle): CrawlState =>
  crawlReducer(INITIAL_CRAWL_STATE, { type: 'status-loaded', status });

describe('the crawl state', () => {
  it('shows a running crawl from the status answer, with its request and rate-limit detail', () => {
    const state = loaded({
      ...idle,
      running: { org: 'acme', reposDone: 3, reposTotal: 8, requests: 17, rateLimitRemaining: 4983 },
    });
    expect(state.progress).toEqual({
      done: 3,
      total: 8,
      detail: 'acme: 17 requests, 4983 requests left in the rate limit',
    });
  });

  it('follows crawl progress events and ignores other jobs', () => {
    let state = loaded();
    state = crawlReducer(state, { type: 'progress', job: 'sync', done: 1, total: 2 });
    expect(state.progress).toBeNull();
    state = crawlReducer(state, { type: 'progress', job: 'crawl', done: 2, total: 8, detail: 'x' });
    expect(state.progress).toEqual({ done: 2, total: 8, detail: 'x' });
  });

  it('clears the bar, records the summary and counts the finish when a crawl ends', () => {
    let state = crawlReducer(loaded(), { type: 'started', finishedBefore: 0 });
    expect(state.progress).toEqual({ done: 0, total: 0 });
    const partial = summary('acme', false);
    state = crawlReducer(state, { type: 'crawl-finished', summary: partial, error: null });
    expect(state.progress).toBeNull();
    expect(state.finishedCount).toBe(1);
    expect(state.status?.orgs).toEqual([partial]);
  });

  it('keeps the failure message when a crawl ends in an error', () => {
    const state = crawlReducer(loaded(), {
      type: 'crawl-finished',
      summary: null,
      error: 'The token cannot read acme.',
    });
    expect(state.status?.lastError).toBe('The token cannot read acme.');
    expect(state.status?.orgs).toEqual(idle.orgs);
  });

  it('does not show a bar for a crawl that already finished before crawl.run answered', () => {
    let state = crawlReducer(loaded(), {
      type: 'crawl-finished',
      summary: summary('acme'),
      error: null,
    });
    state = crawlReducer(state, { type: 'started', finishedBefore: 0 });
    expect(state.progress).toBeNull();
  });
});

describe('the progress bar text', () => {
  it('is indeterminate until the repository count is known', () => {
    expect(progressFraction({ done: 0, total: 0 })).toBeNull();
    expect(progressLabel({ done: 0, total: 0 })).toBe('Listing repositories…');
  });

  it('counts repositories and never overshoots', () => {
    expect(progressFraction({ done: 3, total: 12 })).toBe(0.25);
    expect(progressFraction({ done: 13, total: 12 })).toBe(1);
    expect(progressLabel({ done: 3, total: 12 })).toBe('3 of 12 repositories');
  });
});
