// crawl.run and crawl.status: thin doors onto the host's crawl job, which owns single-flight,
// the token and the progress events.
import type { MethodOutput } from '../contract.js';
import type { HandlersFor } from '../handler-types.js';

export interface CrawlService {
  /**
   * Starts a crawl of one configured org (or all of them) in the background. Resolves with
   * `started: false` and a reason while another crawl runs; rejects when it cannot start at all
   * (no token, no org configured, unknown org).
   */
  run(org?: string): Promise<MethodOutput<'crawl.run'>>;
  status(): MethodOutput<'crawl.status'>;
}

export function crawlHandlers(crawl: CrawlService): HandlersFor<'crawl.run' | 'crawl.status'> {
  return {
    'crawl.run': async (input) => crawl.run(input?.org),
    'crawl.status': async () => crawl.status(),
  };
}
