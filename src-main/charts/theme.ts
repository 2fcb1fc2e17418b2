// Colours and fonts for charts and rank cards. PNGs carry their own opaque card background, so
// they read the same on Discord's dark and light themes; the series colours also keep a 3:1
// contrast against white, so the admin UI can draw the same specs on a light page
// (tests/unit/charts/theme.test.ts checks both).
import type { Metric } from '../store/types.js';

export const CARD = {
  background: '#2b2d31',
  panel: '#1e1f22',
  text: '#f2f3f5',
  muted: '#b5bac1',
  grid: '#404249',
  track: '#4e5058',
  warning: '#f0b232',
} as const;

export const METRIC_COLORS: Record<Metric, string> = {
  prs_opened: '#4f7ff0',
  prs_merged: '#8a63d2',
  issues: '#d0661e',
  commits: '#2d9d78',
  reviews: '#e24a8d',
};

/** One colour for single-series charts. */
export const PRIMARY = '#4f7ff0';

/** The first family the system has wins; Liberation and DejaVu cover Linux without extra fonts. */
export const FONT_FAMILY =
  "'Segoe UI', 'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

export const METRIC_LABELS: Record<Metric, string> = {
  prs_opened: 'PRs opened',
  prs_merged: 'PRs merged',
  issues: 'Issues',
  commits: 'Commits',
  reviews: 'Reviews',
};

/** The same labels inside a sentence ("12 PRs merged", "3 reviews"). */
export const METRIC_NOUNS: Record<Metric, string> = {
  prs_opened: 'PRs opened',
  prs_merged: 'PRs merged',
  issues: 'issues',
  commits: 'commits',
  reviews: 'reviews',
};

/** WCAG relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** WCAG contrast ratio between two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (hi + 0.05) / (lo + 0.05);
}
