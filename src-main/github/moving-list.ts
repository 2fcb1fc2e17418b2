// Reads a list sorted by last update, newest first, so that no item updated during the read is
// missed. An item updated while we page jumps to the head, which we have already read; with
// page-number pagination the rest also shift down one place (the page-boundary item is read
// twice; the accumulator's event identities make that harmless). Without relying on our clock:
// let M be the newest update on the first page of a pass; if the pass needed more than one page,
// every item updated since that page was served now sorts above M, so a new pass from the head
// that stops below M sees all of them. A single page is one consistent snapshot: no re-read.

export interface MovingListPass<T> {
  /**
   * Reads the list from its head, handing each page to `onPage` until it returns false or the
   * list ends.
   */
  readPages(onPage: (items: readonly T[]) => boolean): Promise<void>;
  updatedAt(item: T): string;
  /** False once items are too old to hold events for this crawl (the crawl window's cursor). */
  mayHoldEvents(updatedAt: string): boolean;
  /** Called for every item read; an item can be visited more than once. */
  visit(item: T): void;
}

export interface MovingListRead {
  /** Passes over the list: 1, plus one re-read per pass that needed more than one page. */
  passes: number;
  pages: number;
}

/** Passes before giving up on a list that changes faster than we can read it. */
const MAX_PASSES = 8;

export async function readMovingList<T>(list: MovingListPass<T>): Promise<MovingListRead> {
  let passes = 0;
  let pages = 0;
  // Re-reads stop at items updated strictly before this. Strictly: timestamps have one-second
  // resolution, so an item updated after our read in the same second as M also reads as M.
  let floorMs = Number.NEGATIVE_INFINITY;
  for (;;) {
    passes += 1;
    // Failing names the repo as missing (and the next crawl retries it); counting on would miss.
    if (passes > MAX_PASSES)
      throw new Error(`the list kept changing faster than it could be read (${MAX_PASSES} passes)`);
    let passPages = 0;
    let headMs = Number.NEGATIVE_INFINITY;
    await list.readPages((items) => {
      passPages += 1;
      if (passPages === 1)
        for (const item of items) headMs = Math.max(headMs, Date.parse(list.updatedAt(item)));
      for (const item of items) {
        const updatedAt = list.updatedAt(item);
        if (!list.mayHoldEvents(updatedAt) || Date.parse(updatedAt) < floorMs) return false;
        list.visit(item);
      }
      return true;
    });
    pages += passPages;
    // A re-read only covers what was updated during the previous pass, so passes shrink fast;
    // a pass that needed more than one page may itself have missed an item updated during it.
    if (passPages <= 1 || !Number.isFinite(headMs)) return { passes, pages };
    floorMs = headMs;
  }
}
