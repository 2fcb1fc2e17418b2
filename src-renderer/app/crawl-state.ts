// What the UI knows about crawling: the host's last `crawl.status` answer, kept current by
// `progress` and `crawl-finished` events. Pure, so the event handling is tested without a browser.
import type { AdminEvent, MethodOutput } from '../../src-main/api/contract';

export type CrawlStatus = MethodOutput<'crawl.status'>;
export type CrawlSummary = CrawlStatus['orgs'][number];

export interface CrawlProgressView {
  done: number;
  total: number;
  /** Requests made and rate-limit budget left, as the host phrases it. */
  detail?: string;
}

export interface CrawlState {
  /** Null until the first `crawl.status` answer. */
  status: CrawlStatus | null;
  /** Set while a crawl runs: from the status answer, then from each progress event. */
  progress: CrawlProgressView | null;
  /** Bumped whenever a crawl finishes, so pages know to reload what the crawl changed. */
  finishedCount: number;
}

export const INITIAL_CRAWL_STATE: CrawlState = { status: null, progress: null, finishedCount: 0 };

export type CrawlAction =
  | { type: 'status-loaded'; status: CrawlStatus }
  /** `finishedBefore`: finishedCount when crawl.run was called, to spot a crawl already over. */
  | { type: 'started'; finishedBefore: number }
  | AdminEvent;

export function progressFromStatus(status: CrawlStatus): CrawlProgressView | null {
  const running = status.running;
  if (!running) return null;
  const budget =
    running.rateLimitRemaining === null
      ? 'rate limit unknown'
      : `${running.rateLimitRemaining} requests left in the rate limit`;
  return {
    done: running.reposDone,
    total: running.reposTotal,
    detail: `${running.org}: ${running.requests} requests, ${budget}`,
  };
}

export function crawlReducer(state: CrawlState, action: CrawlAction): CrawlState {
  switch (action.type) {
    case 'status-loaded':
      return { ...state, status: action.status, progress: progressFromStatus(action.status) };
    case 'started':
      // The host answers `started` before the first repo is listed: show an empty bar at once,
      // unless a small crawl already finished while the answer was on its way.
      if (state.finishedCount !== action.finishedBefore) return state;
      return { ...state, progress: state.progress ?? { done: 0, total: 0 } };
    case 'progress': {
      if (action.job !== 'crawl') return state;
      const progress: CrawlProgressView = { done: action.done, total: action.total };
      if (action.detail !== undefined) progress.detail = action.detail;
      return { ...state, progress };
    }
    case 'crawl-finished': {
      const status = state.status;
      const next: CrawlState = { ...state, progress: null, finishedCount: state.finishedCount + 1 };
      if (!status) return next;
      const orgs = action.summary
        ? [...status.orgs.filter((o) => o.org !== action.summary?.org), action.summary]
        : status.orgs;
      return { ...next, status: { running: null, orgs, lastError: action.error } };
    }
    case 'status':
    case 'sync-finished':
    case 'auth-changed':
    case 'link-changed':
      return state;
  }
}

/** 0..1, or null when the total is not known yet (the bar then shows as indeterminate). */
export function progressFraction(progress: CrawlProgressView): number | null {
  if (progress.total <= 0) return null;
  return Math.min(1, Math.max(0, progress.done / progress.total));
}

export function progressLabel(progress: CrawlProgressView): string {
  if (progress.total <= 0) return 'Listing repositories…';
  return `${progress.done} of ${progress.total} repositories`;
}
