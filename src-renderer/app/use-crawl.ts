// The crawl state shared by the Stats page and the status bar: one `crawl.status` at start and
// after each finished crawl, progress from events in between.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { GitGuildClient } from '../api/api-client';
import { crawlReducer, INITIAL_CRAWL_STATE, type CrawlState } from './crawl-state';

export interface CrawlController extends CrawlState {
  /** Starts a crawl; resolves with the host's answer (`started: false` and why, if one runs). */
  run(org?: string): Promise<{ started: boolean; reason?: string }>;
}

export function useCrawl(client: GitGuildClient): CrawlController {
  const [state, dispatch] = useReducer(crawlReducer, INITIAL_CRAWL_STATE);
  const finishedCount = useRef(0);
  finishedCount.current = state.finishedCount;

  useEffect(() => {
    let stopped = false;
    const load = (): void => {
      client.api['crawl.status']().then(
        (status) => !stopped && dispatch({ type: 'status-loaded', status }),
        // The status bar already reports an unreachable host; the Stats page shows its own error.
        () => undefined,
      );
    };
    load();
    const unsubscribe = client.onEvent((event) => {
      if (stopped) return;
      dispatch(event);
      // The finished event carries one org's summary; the full status keeps every org right.
      if (event.type === 'crawl-finished') load();
    });
    return () => {
      stopped = true;
      unsubscribe();
    };
  }, [client]);

  const run = useCallback(
    async (org?: string) => {
      const finishedBefore = finishedCount.current;
      const answer = await client.api['crawl.run'](org ? { org } : {});
      if (answer.started) dispatch({ type: 'started', finishedBefore });
      return answer;
    },
    [client],
  );

  return { ...state, run };
}
