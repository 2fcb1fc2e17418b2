import { afterEach, describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../../../src-main/api/chart-spec.js';
import { invokeMethod } from '../../../../src-main/api/invoke.js';
import type { DailyCount } from '../../../../src-main/store/types.js';
import { handlerFixture, type HandlerFixture } from '../handler-fixture.js';
import { rejection } from './rejection.js';

const NOW = new Date('2026-03-15T12:00:00Z');
let f: HandlerFixture;
afterEach(() => f.close());

const row = (login: string, day: string, count: number): DailyCount => ({
  login,
  repo: 'acme/app',
  metric: 'prs_merged',
  day,
  count,
});

async function seeded(): Promise<HandlerFixture> {
  const fixture = await handlerFixture({ now: () => NOW });
  await fixture.store.settings.update({ githubOrgs: ['acme'] });
  await fixture.store.contributions.commitRepoCrawl(
    'acme',
    { id: 1, name: 'acme/app' },
    [row('ada', '2026-03-14', 2), row('bob', '2026-03-10', 4)],
    { through: NOW.toISOString(), headOid: null },
  );
  return fixture;
}

describe('charts.spec', () => {
  it('returns the same chart.js spec the bot renders, from the stored stats', async () => {
    f = await seeded();
    const spec = (await invokeMethod(f.handlers, 'charts.spec', {
      chart: { kind: 'top-contributors', metric: 'prs_merged', window: '7d' },
    })) as ChartSpec;
    expect(spec.kind).toBe('top-contributors');
    expect(spec.data.labels).toEqual(['#1 bob', '#2 ada']);
    expect(spec.data.datasets[0]?.data).toEqual([4, 2]);
    // Never crawled to completion: the spec says its numbers may be low.
    expect(spec.partial).toBe(true);
  });

  it('refuses an org that is not configured and a day count out of range', async () => {
    f = await seeded();
    const org = await rejection(
      invokeMethod(f.handlers, 'charts.spec', {
        org: 'someone-else',
        chart: { kind: 'activity-trends', granularity: 'daily' },
      }),
    );
    expect(org.identifier).toBe('not_found');
    const days = await rejection(
      invokeMethod(f.handlers, 'charts.spec', {
        chart: { kind: 'time-series', metrics: ['commits'], days: 1000 },
      }),
    );
    expect(days.message).toContain('days');
  });
});
