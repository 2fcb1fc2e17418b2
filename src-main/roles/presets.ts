// Mapping presets an admin applies in one step. `python-bot-tiers` and `pr-medals` reproduce the
// old Python bot (ruxailab's disgitbot): its all-time tiers for merged PRs, issues and commits and
// its medals for the all-time top 3 by merged PRs, with the same role names and colours. The
// review preset rewards code review, which that bot never counted.
import type { MappingCondition, Metric } from '../store/types.js';

export interface PresetRole {
  /** Stable within the preset; the mapping id is derived from it. */
  key: string;
  name: string;
  color: number;
  group: string | null;
  condition: MappingCondition;
}

export interface Preset {
  id: PresetId;
  title: string;
  description: string;
  /** In mapping order: within a tier group, lowest tier first. */
  roles: PresetRole[];
}

export const PRESET_IDS = ['python-bot-tiers', 'pr-medals', 'reviews'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

const rgb = (r: number, g: number, b: number): number => (r << 16) | (g << 8) | b;
const ALL_TIME = { kind: 'all_time' } as const;

function tiers(
  prefix: string,
  group: string,
  metric: Metric,
  steps: [threshold: number, name: string, color: number][],
): PresetRole[] {
  return steps.map(([threshold, name, color]) => ({
    key: `${prefix}-${threshold}`,
    name,
    color,
    group,
    condition: { kind: 'metric', metric, window: ALL_TIME, threshold },
  }));
}

const PYTHON_BOT_TIERS: PresetRole[] = [
  ...tiers('prs', 'Merged PRs', 'prs_merged', [
    [1, '🌸 1+ PRs', rgb(255, 182, 193)],
    [6, '🌺 6+ PRs', rgb(255, 160, 180)],
    [16, '🌻 16+ PRs', rgb(255, 140, 167)],
    [31, '🌷 31+ PRs', rgb(255, 120, 154)],
    [51, '🌹 51+ PRs', rgb(255, 100, 141)],
  ]),
  ...tiers('issues', 'Issues', 'issues', [
    [1, '🍃 1+ GitHub Issues Reported', rgb(189, 252, 201)],
    [6, '🌿 6+ GitHub Issues Reported', rgb(169, 252, 186)],
    [16, '🌱 16+ GitHub Issues Reported', rgb(149, 252, 171)],
    [31, '🌾 31+ GitHub Issues Reported', rgb(129, 252, 156)],
    [51, '🍀 51+ GitHub Issues Reported', rgb(109, 252, 141)],
  ]),
  ...tiers('commits', 'Commits', 'commits', [
    [1, '☁️ 1+ Commits', rgb(230, 230, 250)],
    [51, '🌊 51+ Commits', rgb(173, 216, 230)],
    [101, '🌈 101+ Commits', rgb(186, 186, 255)],
    [251, '🌙 251+ Commits', rgb(221, 160, 221)],
    [501, '⭐ 501+ Commits', rgb(200, 140, 255)],
  ]),
];

// A tier group ordered bronze → champion: rank ties share a medal, as competition ranks do.
const PR_MEDALS: PresetRole[] = (
  [
    [3, 'bronze', '🔮 PR Bronze', rgb(205, 180, 150)],
    [2, 'runner-up', '💫 PR Runner-up', rgb(220, 220, 220)],
    [1, 'champion', '✨ PR Champion', rgb(255, 215, 180)],
  ] as const
).map(([top, key, name, color]) => ({
  key: `medal-${key}`,
  name,
  color,
  group: 'PR medals',
  condition: { kind: 'rank', metric: 'prs_merged', window: ALL_TIME, top },
}));

const LAST_90_DAYS = { kind: 'rolling', days: 90 } as const;
const REVIEWS: PresetRole[] = [
  ...(
    [
      [1, '👀 Reviewer', rgb(176, 224, 230)],
      [10, '🔎 Active Reviewer', rgb(135, 206, 235)],
      [30, '🧭 Review Lead', rgb(100, 149, 237)],
    ] as const
  ).map(([threshold, name, color]) => ({
    key: `reviews-${threshold}`,
    name,
    color,
    group: 'Reviews',
    condition: {
      kind: 'metric',
      metric: 'reviews',
      window: LAST_90_DAYS,
      threshold,
    } as MappingCondition,
  })),
  {
    key: 'reviews-top',
    name: '🏅 Top Reviewer',
    color: rgb(255, 193, 37),
    group: null,
    condition: { kind: 'rank', metric: 'reviews', window: { kind: 'rolling', days: 30 }, top: 3 },
  },
];

export const PRESETS: Record<PresetId, Preset> = {
  'python-bot-tiers': {
    id: 'python-bot-tiers',
    title: 'Tiers of the old Python bot',
    description:
      'Merged PRs 1/6/16/31/51, issues 1/6/16/31/51 and commits 1/51/101/251/501 (all time), one tier per group.',
    roles: PYTHON_BOT_TIERS,
  },
  'pr-medals': {
    id: 'pr-medals',
    title: 'Medals for the top 3 by merged PRs',
    description:
      'Champion, runner-up and bronze for the all-time top 3 by merged PRs (ties share).',
    roles: PR_MEDALS,
  },
  reviews: {
    id: 'reviews',
    title: 'Code review',
    description:
      'Reviewer tiers by reviews in the last 90 days (1/10/30) and Top Reviewer for the 30-day top 3.',
    roles: REVIEWS,
  },
};

/** The id a preset's mapping gets in a guild: re-applying a preset updates instead of duplicating. */
export function presetMappingId(preset: PresetId, key: string, guildId: string): string {
  return `${preset}-${key}-${guildId}`.slice(0, 64);
}
