// Reads a repository's issues or pull requests (a GraphQL connection) for one crawl window. A full
// read, for a repository without a cursor, walks the list oldest first by creation time, an order
// nothing can change during the read, so one pass sees every item and costs exactly one request
// per 100 items. An incremental read walks it newest update first back to the cursor, and re-reads
// the head for items updated meanwhile (moving-list.ts).
import type { CrawlWindow } from './crawl-window.js';
import { readMovingList } from './moving-list.js';

export interface ListPage<T> {
  nodes: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

export type ListOrder =
  { field: 'CREATED_AT'; direction: 'ASC' } | { field: 'UPDATED_AT'; direction: 'DESC' };

export interface WindowListInput<T> {
  window: CrawlWindow;
  fetchPage(order: ListOrder, after: string | null): Promise<ListPage<T>>;
  /** Called for every item read; an item can be visited more than once. */
  visit(item: T): void;
}

export async function readWindowList<T extends { updatedAt: string }>(
  input: WindowListInput<T>,
): Promise<void> {
  const { window, fetchPage, visit } = input;
  if (window.from === null) {
    const order = { field: 'CREATED_AT', direction: 'ASC' } as const;
    for (let after: string | null = null; ;) {
      const page: ListPage<T> = await fetchPage(order, after);
      page.nodes.forEach(visit);
      if (!page.hasNextPage) return;
      after = page.endCursor;
    }
  }
  const order = { field: 'UPDATED_AT', direction: 'DESC' } as const;
  await readMovingList<T>({
    readPages: async (onPage) => {
      for (let after: string | null = null; ;) {
        const page: ListPage<T> = await fetchPage(order, after);
        if (!onPage(page.nodes) || !page.hasNextPage) return;
        after = page.endCursor;
      }
    },
    updatedAt: (item) => item.updatedAt,
    mayHoldEvents: (updatedAt) => window.mayHoldEvents(updatedAt),
    visit,
  });
}
