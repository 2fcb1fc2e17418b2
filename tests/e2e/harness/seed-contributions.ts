// A large, deterministic contribution set written through the real store, as if a crawl had
// stored it: `contributors` logins with a long-tailed spread of daily counts over 20 repos and
// the last 400 days, and a crawl summary (partial when asked, with one unreadable repo). Used by
// the 10k-contributor e2e specs and `npm run bench -- ui`, where a real crawl of that size would
// take minutes and measure the crawler instead of the UI.
import type { Store } from '../../../src-main/store/index.js';
import { METRICS, type DailyCount } from '../../../src-main/store/types.js';

export interface SeedOptions {
  org: string;
  contributors: number;
  now: Date;
  partial?: boolean;
  seed?: number;
}

export interface SeedResult {
  rows: number;
  /** The login with the most merged PRs in the last 30 days, for specs to look for. */
  logins: string[];
}

/** mulberry32: small, fast, and the same numbers on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function contributorLogin(i: number): string {
  return `dev-${String(i).padStart(5, '0')}`;
}

export async function seedContributions(store: Store, options: SeedOptions): Promise<SeedResult> {
  const next = random(options.seed ?? 7);
  const repos = Array.from({ length: 20 }, (_, i) => `${options.org}/repo-${i + 1}`);
  const byRepo = new Map<string, DailyCount[]>(repos.map((r) => [r, []]));
  const today = Date.UTC(
    options.now.getUTCFullYear(),
    options.now.getUTCMonth(),
    options.now.getUTCDate(),
  );
  const logins: string[] = [];
  let rows = 0;
  for (let i = 0; i < options.contributors; i++) {
    const login = contributorLogin(i);
    logins.push(login);
    // A long tail: a few very active people, most with a handful of days.
    const activeDays = 1 + Math.floor(120 / (1 + i / 40) + next() * 6);
    const seen = new Set<string>();
    for (let d = 0; d < activeDays; d++) {
      const ago = Math.floor(next() ** 1.6 * 400);
      const day = new Date(today - ago * 86_400_000).toISOString().slice(0, 10);
      const metric = METRICS[Math.floor(next() * METRICS.length)]!;
      const repo = repos[Math.floor(next() * repos.length)]!;
      const key = `${day}|${metric}|${repo}`;
      if (seen.has(key)) continue;
      seen.add(key);
      byRepo.get(repo)!.push({ login, repo, metric, day, count: 1 + Math.floor(next() * 4) });
      rows += 1;
    }
  }
  const through = options.now.toISOString();
  for (const [repo, counts] of byRepo) {
    await store.contributions.commitRepoCrawl(options.org, repo, counts, {
      through,
      pushedAt: null,
      updatedAt: null,
      etags: {},
    });
  }
  await store.contributions.recordCrawl({
    org: options.org,
    startedAt: new Date(options.now.getTime() - 60_000).toISOString(),
    finishedAt: through,
    complete: !options.partial,
    missing: options.partial
      ? [
          {
            repo: `${options.org}/repo-dmca`,
            reason: 'GitHub answered 451 (unavailable for legal reasons)',
          },
        ]
      : [],
    requests: 0,
  });
  return { rows, logins };
}
