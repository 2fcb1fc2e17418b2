// The seeded org scenario and its ground truth: reproducible, GitHub-shaped, and counting
// exactly what the crawler is told to count.
import { describe, expect, it } from 'vitest';
import {
  contributorLogins,
  generateOrg,
  orgTruth,
  type SimOrg,
} from '../../../sim/scenarios/org.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');

function sum(org: SimOrg, metric: string, options: Parameters<typeof orgTruth>[1] = {}): number {
  return orgTruth(org, options)
    .filter((d) => d.metric === metric)
    .reduce((n, d) => n + d.count, 0);
}

describe('generateOrg', () => {
  it('is reproducible from its seed and differs across seeds', () => {
    const a = generateOrg({ seed: 5, preset: 'demo', now: NOW });
    const b = generateOrg({ seed: 5, preset: 'demo', now: NOW });
    const c = generateOrg({ seed: 6, preset: 'demo', now: NOW });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('gives the demo preset about 8 repos and 30 contributors with the edge-case repos', () => {
    const org = generateOrg({ seed: 1, preset: 'demo', now: NOW });
    expect(org.repos.length).toBeGreaterThanOrEqual(8);
    expect(org.repos.length).toBeLessThanOrEqual(12);
    expect(contributorLogins(org).length).toBe(30);
    expect(org.repos.filter((r) => r.archived)).toHaveLength(1);
    expect(org.repos.filter((r) => r.fork)).toHaveLength(1);
    expect(org.repos.filter((r) => r.empty && r.commits.length === 0)).toHaveLength(1);
    expect(org.repos.filter((r) => r.blocked)).toHaveLength(1);
    expect(org.users.filter((u) => u.type === 'Bot').map((u) => u.login)).toContain(
      'dependabot[bot]',
    );
  });

  it('keeps every event inside the past year and not after now, in GitHub time format', () => {
    const org = generateOrg({ seed: 2, preset: 'demo', now: NOW });
    const yearAgo = new Date(NOW - 366 * 86_400_000).toISOString();
    const now = new Date(NOW).toISOString();
    for (const r of org.repos) {
      for (const p of r.pulls) {
        expect(p.createdAt >= yearAgo && p.updatedAt <= now).toBe(true);
        expect(p.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        if (p.mergedAt) expect(p.mergedAt >= p.createdAt && p.state === 'closed').toBe(true);
      }
      for (const c of r.commits) expect(c.authorDate <= c.committerDate).toBe(true);
    }
  });

  it('numbers issues and PRs from one sequence per repo in creation order', () => {
    const org = generateOrg({ seed: 3, preset: 'demo', now: NOW });
    for (const r of org.repos) {
      const items = [...r.pulls, ...r.issues].sort((a, b) => a.number - b.number);
      expect(items.map((i) => i.number)).toEqual(items.map((_, i) => i + 1));
      for (let i = 1; i < items.length; i++)
        expect((items[i]?.createdAt ?? '') >= (items[i - 1]?.createdAt ?? '')).toBe(true);
    }
  });

  it('has long-tailed activity: the top fifth of contributors open most pull requests', () => {
    const org = generateOrg({ seed: 4, preset: 'demo', now: NOW });
    const perAuthor = new Map<string, number>();
    for (const r of org.repos)
      for (const p of r.pulls) perAuthor.set(p.author, (perAuthor.get(p.author) ?? 0) + 1);
    const counts = [...perAuthor.values()].sort((a, b) => b - a);
    const top = counts.slice(0, Math.ceil(counts.length / 5)).reduce((n, c) => n + c, 0);
    expect(top / counts.reduce((n, c) => n + c, 0)).toBeGreaterThan(0.5);
  });

  it('builds the large preset (200 repos, 50k PRs) in one go', () => {
    const org = generateOrg({ seed: 1, preset: 'large', now: NOW });
    expect(org.repos).toHaveLength(200);
    expect(org.repos.reduce((n, r) => n + r.pulls.length, 0)).toBe(50_000);
    expect(contributorLogins(org).length).toBe(2000);
  }, 90_000);
});

describe('orgTruth', () => {
  const org = generateOrg({ seed: 9, preset: 'demo', now: NOW });

  it('counts commits by author login on the author date and skips unlinked authors', () => {
    const repo = org.repos.find(
      (r) =>
        !r.archived &&
        !r.fork &&
        r.commits.some(
          (c) =>
            c.authorDate.slice(0, 10) !== c.committerDate.slice(0, 10) &&
            c.authorLogin &&
            !c.authorLogin.endsWith('[bot]'),
        ),
    );
    const c = repo?.commits.find(
      (x) =>
        x.authorDate.slice(0, 10) !== x.committerDate.slice(0, 10) &&
        x.authorLogin &&
        !x.authorLogin.endsWith('[bot]'),
    );
    expect(c).toBeDefined();
    const rows = orgTruth(org).filter(
      (d) =>
        d.metric === 'commits' &&
        d.repo === `${org.login}/${repo?.name}` &&
        d.login === c?.authorLogin,
    );
    expect(rows.some((d) => d.day === c?.authorDate.slice(0, 10))).toBe(true);
    const linked = org.repos
      .filter((r) => !r.archived && !r.fork && !r.blocked)
      .flatMap((r) => r.commits)
      .filter(
        (x) => x.authorLogin && !x.authorLogin.endsWith('[bot]') && x.parents.length < 2,
      ).length;
    expect(sum(org, 'commits')).toBe(linked);
  });

  it('counts the default branch as its head reaches it: no merge commits, no dangling commits', () => {
    const repos = org.repos.filter((r) => !r.archived && !r.fork && !r.blocked);
    const merges = repos.flatMap((r) => r.commits).filter((c) => c.parents.length >= 2);
    expect(merges.length).toBeGreaterThan(10);
    // Merge commits are by the merger, on the merge day: none of them is in the truth.
    const merger = merges[0]!;
    const dangling = repos.flatMap((r) => {
      const onBranch = new Set(r.commits.map((c) => c.sha));
      return r.objects.filter((c) => !onBranch.has(c.sha));
    });
    expect(dangling.length).toBe(2);
    expect(dangling.every((c) => c.landedAt === null)).toBe(true);
    const truthCommits = sum(org, 'commits', { includeBots: true });
    const reachableLinked = repos
      .flatMap((r) => r.commits)
      .filter((c) => c.authorLogin !== null && c.parents.length < 2).length;
    expect(truthCommits).toBe(reachableLinked);
    expect(merger.message).toMatch(/^Merge pull request #\d+ from /);
  });

  it('keeps a renamed repository findable under its former name', () => {
    const renamed = org.repos.filter((r) => r.formerNames.length > 0);
    expect(renamed).toHaveLength(1);
    expect(renamed[0]!.formerNames[0]).toBe(`old-${renamed[0]!.name}`);
  });

  it('excludes archived repos, forks and bots unless asked', () => {
    expect(
      sum(org, 'prs_opened', { includeArchived: true, includeForks: true, includeBots: true }),
    ).toBeGreaterThan(sum(org, 'prs_opened', { includeArchived: true, includeForks: true }));
    expect(orgTruth(org).some((d) => d.login.endsWith('[bot]'))).toBe(false);
    expect(
      orgTruth(org).some(
        (d) => d.repo.endsWith('/legacy-site') || d.repo.endsWith('/upstream-fork'),
      ),
    ).toBe(false);
    expect(
      orgTruth(org, { includeArchived: true }).some((d) => d.repo.endsWith('/legacy-site')),
    ).toBe(true);
  });

  it('counts merged PRs on the merge day and issues apart from PRs', () => {
    const active = org.repos.filter((r) => !r.archived && !r.fork && !r.blocked);
    const human = (login: string) => !login.endsWith('[bot]');
    expect(sum(org, 'prs_merged')).toBe(
      active.flatMap((r) => r.pulls).filter((p) => p.mergedAt && human(p.author)).length,
    );
    expect(sum(org, 'issues')).toBe(
      active.flatMap((r) => r.issues).filter((i) => human(i.author)).length,
    );
    expect(sum(org, 'reviews')).toBe(
      active.flatMap((r) => r.reviews).filter((r) => human(r.reviewer)).length,
    );
  });

  it('cuts off at now and since', () => {
    const cut = NOW - 30 * 86_400_000;
    const day = new Date(cut).toISOString().slice(0, 10);
    expect(orgTruth(org, { now: cut }).every((d) => d.day <= day)).toBe(true);
    expect(orgTruth(org, { since: cut }).every((d) => d.day >= day)).toBe(true);
  });
});
