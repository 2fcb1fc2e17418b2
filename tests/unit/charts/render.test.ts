import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { pngSize } from '../../../src-main/charts/png-size.js';
import {
  renderRankCard,
  RANK_CARD_SIZE,
  type RankCardInput,
} from '../../../src-main/charts/rank-card.js';
import { renderChartPng } from '../../../src-main/charts/render.js';
import { topContributorsSpec } from '../../../src-main/charts/specs.js';
import { ContributionIndex, computeStats } from '../../../src-main/stats/index.js';

function specWith(count: number) {
  const index = new ContributionIndex(
    count > 0
      ? [{ login: 'ada', repo: 'acme/app', metric: 'commits', day: '2025-05-14', count }]
      : [],
  );
  const snapshot = computeStats(index, { now: new Date('2025-05-15T12:00:00Z'), timeZone: 'UTC' });
  return topContributorsSpec({ org: 'acme', index, snapshot }, 'commits', '7d');
}

/** The colour of one pixel of a PNG, decoded by the same canvas library. */
async function pixel(png: Buffer, x: number, y: number): Promise<string> {
  const { loadImage } = await import('@napi-rs/canvas');
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
  return `#${[r, g, b].map((c) => c!.toString(16).padStart(2, '0')).join('')}`;
}

const CARD_INPUT: RankCardInput = {
  displayName: 'Ada',
  login: 'ada',
  avatarPng: null,
  windowLabel: 'all time',
  counts: { prs_opened: 1, prs_merged: 2, issues: 3, commits: 4_000, reviews: 5 },
  rank: { metric: 'prs_merged', rank: 3 },
  streak: { current: 2, longest: 9 },
  tier: { current: 'Regular', next: 'Core', metric: 'prs_merged', value: 2, target: 20 },
  partial: false,
};

describe('PNG rendering', () => {
  it('renders a chart spec at its size on an opaque card background', async () => {
    const spec = specWith(4);
    const { png, width, height } = await renderChartPng(spec);
    expect(pngSize(png)).toEqual({ width: spec.width, height: spec.height });
    expect([width, height]).toEqual([960, 540]);
    expect(await pixel(png, 2, 2)).toBe('#2b2d31');
  });

  it('renders an empty state that says what is missing', async () => {
    const spec = specWith(0);
    expect(spec.empty).toBe(true);
    const { png } = await renderChartPng(spec);
    expect(pngSize(png)).toEqual({ width: 960, height: 540 });
    expect(await pixel(png, 2, 2)).toBe('#2b2d31');
  });

  it('renders a rank card with initials, and with an avatar when one is given', async () => {
    const plain = await renderRankCard(CARD_INPUT);
    expect(pngSize(plain.png)).toEqual(RANK_CARD_SIZE);
    const avatarCanvas = createCanvas(64, 64);
    const ctx = avatarCanvas.getContext('2d');
    ctx.fillStyle = '#ff0000';
    ctx.fillRect(0, 0, 64, 64);
    const withAvatar = await renderRankCard({
      ...CARD_INPUT,
      avatarPng: await avatarCanvas.encode('png'),
    });
    expect(await pixel(withAvatar.png, 150, 150)).toBe('#ff0000');
    expect(await pixel(plain.png, 150, 110)).not.toBe('#ff0000');
  });

  it('survives a broken avatar by drawing initials', async () => {
    const card = await renderRankCard({ ...CARD_INPUT, avatarPng: Buffer.from('not a png') });
    expect(pngSize(card.png)).toEqual(RANK_CARD_SIZE);
  });

  it('reads PNG sizes and refuses what is not a PNG', () => {
    expect(pngSize(Buffer.from('GIF89a...............'))).toBeNull();
  });
});
