import { describe, expect, it } from 'vitest';
import { CrawlWindow, DailyCountAccumulator } from '../../../src-main/github/crawl-window.js';

describe('crawl window', () => {
  const w = new CrawlWindow('2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z');

  it('is half-open: excludes its lower bound and includes its upper bound', () => {
    expect(w.contains('2024-05-01T00:00:00Z')).toBe(false);
    expect(w.contains('2024-05-01T00:00:01Z')).toBe(true);
    expect(w.contains('2024-05-02T00:00:00Z')).toBe(true);
    expect(w.contains('2024-05-02T00:00:01Z')).toBe(false);
    expect(w.contains(null)).toBe(false);
  });

  it('makes consecutive windows count every instant exactly once', () => {
    const next = new CrawlWindow(w.to, '2024-05-03T00:00:00Z');
    for (const t of ['2024-05-01T12:00:00Z', '2024-05-02T00:00:00Z', '2024-05-02T00:00:01Z']) {
      expect(Number(w.contains(t)) + Number(next.contains(t))).toBe(1);
    }
  });

  it('has no lower bound on a first crawl', () => {
    expect(new CrawlWindow(null, '2024-05-02T00:00:00Z').contains('2001-01-01T00:00:00Z')).toBe(
      true,
    );
  });

  it('still looks at items updated exactly at the lower bound', () => {
    expect(w.mayHoldEvents('2024-05-01T00:00:00Z')).toBe(true);
    expect(w.mayHoldEvents('2024-04-30T23:59:59Z')).toBe(false);
  });
});

describe('daily count accumulator', () => {
  it('sums events per login, metric and UTC day, converting offsets to UTC', () => {
    const acc = new DailyCountAccumulator('org/repo');
    acc.add('commit:a1', 'ana', 'commits', '2024-05-01T23:30:00Z');
    acc.add('commit:b2', 'ana', 'commits', '2024-05-02T01:30:00+02:00');
    acc.add('review:1', 'ana', 'reviews', '2024-05-01T10:00:00Z');
    expect(acc.toDailyCounts()).toEqual([
      { login: 'ana', repo: 'org/repo', metric: 'commits', day: '2024-05-01', count: 2 },
      { login: 'ana', repo: 'org/repo', metric: 'reviews', day: '2024-05-01', count: 1 },
    ]);
  });

  it('counts an event read twice in one crawl once', () => {
    const acc = new DailyCountAccumulator('org/repo');
    expect(acc.add('issue#7', 'ana', 'issues', '2024-05-01T10:00:00Z')).toBe(true);
    expect(acc.add('issue#7', 'ana', 'issues', '2024-05-01T10:00:00Z')).toBe(false);
    expect(acc.add('issue#8', 'ana', 'issues', '2024-05-01T11:00:00Z')).toBe(true);
    expect(acc.toDailyCounts()).toEqual([
      { login: 'ana', repo: 'org/repo', metric: 'issues', day: '2024-05-01', count: 2 },
    ]);
  });

  it('counts one identity once per metric, so a PR is both opened and merged', () => {
    const acc = new DailyCountAccumulator('org/repo');
    acc.add('pr#3', 'ana', 'prs_opened', '2024-05-01T10:00:00Z');
    acc.add('pr#3', 'ana', 'prs_merged', '2024-05-02T10:00:00Z');
    acc.add('pr#3', 'ana', 'prs_merged', '2024-05-02T10:00:00Z');
    acc.add('pr#3', 'ana', 'prs_opened', '2024-05-01T10:00:00Z');
    expect(acc.toDailyCounts()).toEqual([
      { login: 'ana', repo: 'org/repo', metric: 'prs_opened', day: '2024-05-01', count: 1 },
      { login: 'ana', repo: 'org/repo', metric: 'prs_merged', day: '2024-05-02', count: 1 },
    ]);
  });

  it('takes a counted event back once, and a walk can start a metric over', () => {
    const acc = new DailyCountAccumulator('org/repo');
    acc.add('commit:a1', 'ana', 'commits', '2024-05-01T10:00:00Z');
    expect(acc.remove('commit:b2', 'ana', 'commits', '2024-05-01T11:00:00Z')).toBe(true);
    expect(acc.remove('commit:b2', 'ana', 'commits', '2024-05-01T11:00:00Z')).toBe(false);
    acc.remove('commit:c3', 'bob', 'commits', '2024-04-30T11:00:00Z');
    acc.add('issue#1', 'ana', 'issues', '2024-05-01T10:00:00Z');
    // ana's add and removal cancel out; bob's removal stays negative for the store to subtract.
    expect(acc.toDailyCounts()).toEqual([
      { login: 'bob', repo: 'org/repo', metric: 'commits', day: '2024-04-30', count: -1 },
      { login: 'ana', repo: 'org/repo', metric: 'issues', day: '2024-05-01', count: 1 },
    ]);
    acc.reset('commits');
    expect(acc.add('commit:a1', 'ana', 'commits', '2024-05-01T10:00:00Z')).toBe(true);
    expect(acc.toDailyCounts()).toEqual([
      { login: 'ana', repo: 'org/repo', metric: 'issues', day: '2024-05-01', count: 1 },
      { login: 'ana', repo: 'org/repo', metric: 'commits', day: '2024-05-01', count: 1 },
    ]);
  });

  it('refuses an event without an identity rather than counting it unguarded', () => {
    expect(() =>
      new DailyCountAccumulator('org/repo').add('', 'ana', 'issues', '2024-05-01T10:00:00Z'),
    ).toThrow(/identity/);
  });
});
