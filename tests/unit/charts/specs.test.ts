import { describe, expect, it } from 'vitest';
import { ChartSpecSchema, type ChartSpecRequest } from '../../../src-main/api/chart-spec.js';
import {
  activityComparisonSpec,
  activityTrendsSpec,
  buildChartSpec,
  timeSeriesSpec,
  topContributorsSpec,
} from '../../../src-main/charts/specs.js';
import { ContributionIndex, computeStats } from '../../../src-main/stats/index.js';
import type { DailyCount } from '../../../src-main/store/types.js';

const NOW = new Date('2025-05-15T12:00:00Z');

function input(rows: DailyCount[], partial = false) {
  const index = new ContributionIndex(rows);
  return {
    org: 'acme',
    index,
    snapshot: computeStats(index, { now: NOW, timeZone: 'UTC', partial }),
  };
}

const row = (
  login: string,
  metric: DailyCount['metric'],
  day: string,
  count: number,
): DailyCount => ({
  login,
  repo: 'acme/app',
  metric,
  day,
  count,
});

const ROWS = [
  row('ada', 'prs_merged', '2025-05-14', 3),
  row('bo', 'prs_merged', '2025-05-10', 5),
  row('cy', 'prs_merged', '2025-05-10', 3),
  row('ada', 'commits', '2025-05-15', 7),
  row('bo', 'reviews', '2025-03-01', 2),
];

describe('chart specs', () => {
  it('rank the top contributors with competition ranks, largest first', () => {
    const spec = topContributorsSpec(input(ROWS), 'prs_merged', '30d');
    expect(spec.type).toBe('bar');
    expect(spec.options.indexAxis).toBe('y');
    expect(spec.data.labels).toEqual(['#1 bo', '#2 ada', '#2 cy']);
    expect(spec.data.datasets[0]?.data).toEqual([5, 3, 3]);
    expect(spec.description).toContain('First: bo with 5');
    expect(spec.empty).toBe(false);
  });

  it('compare the most active across metrics, one dataset per metric', () => {
    const spec = activityComparisonSpec(input(ROWS), 'all');
    expect(spec.data.labels).toEqual(['ada', 'bo', 'cy']);
    expect(spec.data.datasets.map((d) => d.label)).toEqual([
      'PRs opened',
      'PRs merged',
      'Issues',
      'Commits',
      'Reviews',
    ]);
    expect(spec.data.datasets.find((d) => d.label === 'Commits')?.data).toEqual([7, 0, 0]);
  });

  it('draw one point per day of a time series, ending today', () => {
    const spec = timeSeriesSpec(input(ROWS), ['commits', 'prs_merged'], 7);
    expect(spec.data.labels).toHaveLength(7);
    expect(spec.data.labels.at(-1)).toBe('May 15');
    // Metrics come in the canonical order whatever order they were asked in.
    expect(spec.data.datasets.map((d) => d.label)).toEqual(['PRs merged', 'Commits']);
    expect(spec.data.datasets[1]?.data.at(-1)).toBe(7);
    // May 9 … May 15: bo's 5 and cy's 3 on the 10th, ada's 3 on the 14th.
    expect(spec.data.datasets[0]?.data).toEqual([0, 8, 0, 0, 0, 3, 0]);
  });

  it('group trends by month for the monthly view', () => {
    const spec = activityTrendsSpec(input(ROWS), 'monthly');
    expect(spec.data.labels).toHaveLength(12);
    expect(spec.data.labels.slice(-3)).toEqual(['Mar 2025', 'Apr 2025', 'May 2025']);
    expect(spec.data.datasets.find((d) => d.label === 'Reviews')?.data.slice(-3)).toEqual([
      2, 0, 0,
    ]);
  });

  it('say what is missing instead of drawing an empty chart', () => {
    const spec = topContributorsSpec(input(ROWS), 'issues', '7d');
    expect(spec.empty).toBe(true);
    expect(spec.description).toBe('No issues in acme in the last 7 days.');
  });

  it('mark partial data in the subtitle and the description', () => {
    const spec = topContributorsSpec(input(ROWS, true), 'prs_merged', 'all');
    expect(spec.partial).toBe(true);
    expect(spec.options.plugins.subtitle.text).toContain('partial data');
    expect(spec.description).toContain('Partial data');
  });

  it('are plain JSON that the AdminApi schema accepts unchanged', () => {
    const requests: ChartSpecRequest[] = [
      { kind: 'top-contributors', metric: 'commits', window: 'all' },
      { kind: 'activity-comparison', window: '30d' },
      { kind: 'activity-trends', granularity: 'daily' },
      { kind: 'time-series', metrics: ['reviews'], days: 30 },
    ];
    for (const request of requests) {
      const spec = buildChartSpec(input(ROWS), request);
      const roundTrip = JSON.parse(JSON.stringify(spec)) as unknown;
      expect(roundTrip).toEqual(spec);
      expect(ChartSpecSchema.parse(roundTrip)).toEqual(spec);
    }
  });
});
