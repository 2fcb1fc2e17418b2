// What the API asks of the crawl job. Declared here, beside its implementation, so the scheduler
// never imports the API handlers (lint rule); `crawl.run` / `crawl.status` depend on it instead.
import type { MethodOutput } from '../api/contract.js';

export interface CrawlService {
  /**
   * Starts a crawl of one configured org (or all of them) in the background. Resolves with
   * `started: false` and a reason while another crawl runs; rejects when it cannot start at all
   * (no token, no org configured, unknown org).
   */
  run(org?: string): Promise<MethodOutput<'crawl.run'>>;
  status(): MethodOutput<'crawl.status'>;
}
