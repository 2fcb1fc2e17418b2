import { describe, expect, it } from 'vitest';
import { readMovingList } from '../../../src-main/github/moving-list.js';

interface Item {
  id: number;
  updatedAt: string;
}

const at = (second: number): string => new Date(Date.UTC(2024, 4, 1, 0, 0, second)).toISOString();

/** A list served newest update first with page-number pagination, like GitHub's REST lists. */
function pagedList(count: number, pageSize: number) {
  const items: Item[] = Array.from({ length: count }, (_, i) => ({
    id: i,
    updatedAt: at(1000 - i),
  }));
  const sorted = (): Item[] => [...items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  let served = 0;
  const beforePage = new Map<number, () => void>();
  return {
    items,
    get served() {
      return served;
    },
    beforePage,
    touch(id: number, second: number): void {
      const item = items.find((x) => x.id === id)!;
      item.updatedAt = at(second);
    },
    async readPages(onPage: (page: readonly Item[]) => boolean): Promise<void> {
      for (let page = 0; ; page++) {
        served += 1;
        beforePage.get(served)?.();
        const slice = sorted().slice(page * pageSize, (page + 1) * pageSize);
        if (!onPage(slice) || slice.length < pageSize) return;
      }
    },
  };
}

describe('reading a list sorted by update while it moves', () => {
  it('sees an item updated between pages, which a single pass misses', async () => {
    const list = pagedList(25, 10);
    // Before page 2: item 15 (on page 2) is updated and jumps to the head.
    list.beforePage.set(2, () => list.touch(15, 2000));
    const visits: number[] = [];
    const read = await readMovingList<Item>({
      readPages: (p) => list.readPages(p),
      updatedAt: (x) => x.updatedAt,
      mayHoldEvents: () => true,
      visit: (x) => visits.push(x.id),
    });

    expect(new Set(visits)).toEqual(new Set(list.items.map((x) => x.id)));
    // The shift reads item 9 twice at the page boundary; the re-read sees 15 and the old head.
    expect(visits.filter((id) => id === 9).length).toBe(2);
    expect(read.passes).toBe(2);
    expect(read.pages).toBe(4);
  });

  it('does not re-read a list that fit on one page', async () => {
    const list = pagedList(8, 10);
    const read = await readMovingList<Item>({
      readPages: (p) => list.readPages(p),
      updatedAt: (x) => x.updatedAt,
      mayHoldEvents: () => true,
      visit: () => undefined,
    });
    expect(read).toEqual({ passes: 1, pages: 1 });
  });

  it("re-reads only down to the first page's newest update, and stops at the window", async () => {
    const list = pagedList(40, 10);
    const visits: number[] = [];
    const read = await readMovingList<Item>({
      readPages: (p) => list.readPages(p),
      updatedAt: (x) => x.updatedAt,
      // Items 0..24 may hold events; the pass stops on page 3.
      mayHoldEvents: (u) => u >= at(1000 - 24),
      visit: (x) => visits.push(x.id),
    });
    // Nothing moved: the re-read costs one page and visits only the old head again.
    expect(read).toEqual({ passes: 2, pages: 4 });
    expect(visits.filter((id) => id === 0).length).toBe(2);
    expect(visits.length).toBe(26);
  });

  it('gives up with an error on a list that changes on every pass', async () => {
    const list = pagedList(25, 10);
    let next = 5000;
    // Before every page after the first, more than a page of items is updated: every re-read
    // needs more than one page again.
    for (let n = 2; n < 100; n++)
      list.beforePage.set(n, () =>
        Array.from({ length: 11 }, (_, k) => list.touch((n * 11 + k) % 25, next++)),
      );
    await expect(
      readMovingList<Item>({
        readPages: (p) => list.readPages(p),
        updatedAt: (x) => x.updatedAt,
        mayHoldEvents: () => true,
        visit: () => undefined,
      }),
    ).rejects.toThrow(/kept changing/);
  });
});
