// crawl.run and crawl.status: thin doors onto the host's crawl job, which owns single-flight,
// the token and the progress events.
import type { CrawlService } from '../../scheduler/crawl-service.js';
import type { HandlersFor } from '../handler-types.js';

export type { CrawlService };

export function crawlHandlers(crawl: CrawlService): HandlersFor<'crawl.run' | 'crawl.status'> {
  return {
    'crawl.run': async (input) => crawl.run(input?.org),
    'crawl.status': async () => crawl.status(),
  };
}
