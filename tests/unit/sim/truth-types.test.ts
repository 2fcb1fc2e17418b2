// The simulator's ground truth has its own types (sim imports nothing from the product); this
// checks that they still describe exactly what the product stores, so a crawl can be compared
// with the truth value for value.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { TRUTH_METRICS, type TruthDailyCount } from '../../../sim/scenarios/truth-types.js';
import { generateOrg, orgTruth } from '../../../sim/scenarios/org.js';
import { METRICS, type DailyCount } from '../../../src-main/store/types.js';

describe("the simulator's ground-truth types", () => {
  it('are the same shape as the product DailyCount (checked by the type checker)', () => {
    expectTypeOf<TruthDailyCount>().toEqualTypeOf<DailyCount>();
    expectTypeOf<TruthDailyCount[]>().toEqualTypeOf<ReturnType<typeof orgTruth>>();
  });

  it('name the same metrics, in the same order', () => {
    expect([...TRUTH_METRICS]).toEqual([...METRICS]);
  });

  it("give truths the product's stores accept (metric, day and count)", () => {
    const truth = orgTruth(generateOrg({ preset: 'tiny', seed: 7 }));
    expect(truth.length).toBeGreaterThan(0);
    for (const row of truth) {
      expect(METRICS).toContain(row.metric);
      expect(row.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isSafeInteger(row.count) && row.count > 0).toBe(true);
    }
  });
});
