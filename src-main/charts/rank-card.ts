// The /getstats rank card: avatar, names, counts per metric, rank, streak and a progress bar to
// the next role tier, drawn on @napi-rs/canvas as an opaque card that reads on dark and light.
import { createCanvas, loadImage, type SKRSContext2D } from '@napi-rs/canvas';
import { METRICS, type Metric } from '../store/types.js';
import { CARD, FONT_FAMILY, METRIC_COLORS, METRIC_LABELS, METRIC_NOUNS, PRIMARY } from './theme.js';
import type { RenderedPng } from './render.js';

export const RANK_CARD_SIZE = { width: 900, height: 300 } as const;

export interface RankCardInput {
  displayName: string;
  login: string;
  avatarPng: Buffer | null;
  /** What the counts cover, e.g. "all time". */
  windowLabel: string;
  counts: Record<Metric, number>;
  /** The member's rank in the headline metric, or null when unranked (zero). */
  rank: { metric: Metric; rank: number | null };
  streak: { current: number; longest: number };
  /** Progress to the next tier of the first tier group; null when the guild has no tiers. */
  tier: {
    current: string | null;
    next: string | null;
    metric: Metric;
    value: number;
    target: number | null;
  } | null;
  partial: boolean;
}

function fit(ctx: SKRSContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > maxWidth) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function roundRect(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

const format = (n: number): string => n.toLocaleString('en-US');

async function drawAvatar(ctx: SKRSContext2D, input: RankCardInput): Promise<void> {
  const cx = 150;
  const cy = 150;
  const r = 96;
  ctx.save();
  ctx.beginPath();
  ctx.arc(cx, cy, r + 6, 0, Math.PI * 2);
  ctx.fillStyle = PRIMARY;
  ctx.fill();
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.clip();
  let drawn = false;
  if (input.avatarPng) {
    try {
      const image = await loadImage(input.avatarPng);
      ctx.drawImage(image, cx - r, cy - r, r * 2, r * 2);
      drawn = true;
    } catch {
      // A broken avatar is not worth failing the card for; the initials stand in.
    }
  }
  if (!drawn) {
    ctx.fillStyle = CARD.panel;
    ctx.fillRect(cx - r, cy - r, r * 2, r * 2);
    ctx.fillStyle = CARD.text;
    ctx.font = `bold 72px ${FONT_FAMILY}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const initials = (input.displayName.match(/[\p{L}\p{N}]/gu) ?? ['?']).slice(0, 2).join('');
    ctx.fillText(initials.toUpperCase(), cx, cy + 4);
  }
  ctx.restore();
}

function drawProgress(ctx: SKRSContext2D, input: RankCardInput, x: number, right: number) {
  const y = 238;
  const h = 24;
  const width = right - x;
  const tier = input.tier;
  ctx.textBaseline = 'alphabetic';
  ctx.font = `17px ${FONT_FAMILY}`;
  let ratio = 0;
  let left: string;
  let rightText = '';
  if (!tier) {
    left = 'No role tiers on this server yet';
  } else if (tier.next === null || tier.target === null) {
    ratio = 1;
    left = tier.current ? `${tier.current}: top tier reached` : 'Top tier reached';
    rightText = `${format(tier.value)} ${METRIC_NOUNS[tier.metric]}`;
  } else {
    ratio = tier.target > 0 ? Math.min(1, tier.value / tier.target) : 0;
    left = `${tier.current ?? 'No tier yet'} → ${tier.next}`;
    rightText = `${format(tier.value)} / ${format(tier.target)} ${METRIC_NOUNS[tier.metric]}`;
  }
  ctx.fillStyle = CARD.text;
  ctx.textAlign = 'left';
  ctx.fillText(fit(ctx, left, width * 0.6), x, y - 10);
  ctx.fillStyle = CARD.muted;
  ctx.textAlign = 'right';
  ctx.fillText(fit(ctx, rightText, width * 0.4), right, y - 10);
  roundRect(ctx, x, y, width, h, h / 2);
  ctx.fillStyle = CARD.track;
  ctx.fill();
  if (ratio > 0) {
    roundRect(ctx, x, y, Math.max(h, width * ratio), h, h / 2);
    ctx.fillStyle = tier ? METRIC_COLORS[tier.metric] : PRIMARY;
    ctx.fill();
  }
}

export async function renderRankCard(input: RankCardInput): Promise<RenderedPng> {
  const { width, height } = RANK_CARD_SIZE;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  roundRect(ctx, 0, 0, width, height, 24);
  ctx.fillStyle = CARD.background;
  ctx.fill();
  await drawAvatar(ctx, input);

  const x = 280;
  const right = width - 30;
  ctx.textBaseline = 'alphabetic';
  // Rank, top right.
  ctx.textAlign = 'right';
  ctx.fillStyle = CARD.text;
  ctx.font = `bold 40px ${FONT_FAMILY}`;
  const rankText = input.rank.rank === null ? '-' : `#${format(input.rank.rank)}`;
  ctx.fillText(rankText, right, 70);
  const rankWidth = ctx.measureText(rankText).width;
  ctx.font = `15px ${FONT_FAMILY}`;
  ctx.fillStyle = CARD.muted;
  const rankLabel = `RANK · ${METRIC_LABELS[input.rank.metric].toUpperCase()}`;
  ctx.fillText(rankLabel, right, 94);
  const labelWidth = ctx.measureText(rankLabel).width;
  // Names.
  ctx.textAlign = 'left';
  ctx.fillStyle = CARD.text;
  ctx.font = `bold 36px ${FONT_FAMILY}`;
  ctx.fillText(fit(ctx, input.displayName, right - x - rankWidth - 30), x, 68);
  ctx.fillStyle = CARD.muted;
  ctx.font = `19px ${FONT_FAMILY}`;
  const streak =
    input.streak.current > 0
      ? `streak ${format(input.streak.current)} day${input.streak.current === 1 ? '' : 's'} (best ${format(input.streak.longest)})`
      : `no current streak (best ${format(input.streak.longest)})`;
  ctx.fillText(fit(ctx, `GitHub ${input.login} · ${streak}`, right - x - labelWidth - 24), x, 98);

  // Counts.
  const column = (right - x) / METRICS.length;
  METRICS.forEach((metric, i) => {
    const cx = x + column * i;
    ctx.fillStyle = METRIC_COLORS[metric];
    ctx.fillRect(cx, 124, 4, 52);
    ctx.fillStyle = CARD.text;
    ctx.font = `bold 28px ${FONT_FAMILY}`;
    ctx.fillText(fit(ctx, format(input.counts[metric]), column - 18), cx + 12, 152);
    ctx.fillStyle = CARD.muted;
    ctx.font = `14px ${FONT_FAMILY}`;
    ctx.fillText(fit(ctx, METRIC_LABELS[metric], column - 18), cx + 12, 174);
  });
  ctx.fillStyle = input.partial ? CARD.warning : CARD.muted;
  ctx.font = `14px ${FONT_FAMILY}`;
  ctx.fillText(input.partial ? `${input.windowLabel} · partial data` : input.windowLabel, x, 200);
  drawProgress(ctx, input, x, right);
  const png = await canvas.encode('png');
  return { png, width, height };
}
