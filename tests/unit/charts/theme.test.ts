import { describe, expect, it } from 'vitest';
import { CARD, METRIC_COLORS, contrastRatio } from '../../../src-main/charts/theme.js';

describe('chart colours', () => {
  it('keep text readable on the card background (WCAG AA, 4.5:1)', () => {
    expect(contrastRatio(CARD.text, CARD.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(CARD.muted, CARD.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(CARD.warning, CARD.background)).toBeGreaterThanOrEqual(4.5);
  });

  it('give every series 3:1 against the dark card and against a white page', () => {
    for (const [metric, color] of Object.entries(METRIC_COLORS)) {
      expect(contrastRatio(color, CARD.background), metric).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(color, '#ffffff'), metric).toBeGreaterThanOrEqual(3);
    }
  });

  it('compute contrast the WCAG way', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
  });
});
