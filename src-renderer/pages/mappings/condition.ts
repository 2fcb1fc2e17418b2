// Mapping conditions in words, and the editor's defaults for each kind. Pure: unit-tested.
import type { MethodInput } from '../../../src-main/api/contract';

export type Condition = MethodInput<'mappings.create'>['condition'];
export type ConditionKind = Condition['kind'];
export type Window = Extract<Condition, { kind: 'metric' }>['window'];
export type Metric = Extract<Condition, { kind: 'metric' }>['metric'];

export const METRIC_LABELS: Record<Metric, string> = {
  prs_opened: 'PRs opened',
  prs_merged: 'merged PRs',
  issues: 'issues opened',
  commits: 'commits',
  reviews: 'reviews',
};

export const KIND_LABELS: Record<ConditionKind, string> = {
  metric: 'Count at least',
  rank: 'Rank in the top',
  team: 'Member of a GitHub team',
  org_member: 'Member of the organisation',
  linked: 'Linked to GitHub',
  all: 'All of',
  any: 'Any of',
};

export function windowText(w: Window): string {
  return w.kind === 'all_time' ? 'all time' : `last ${w.days} days`;
}

export function describeCondition(c: Condition): string {
  switch (c.kind) {
    case 'metric':
      return `${METRIC_LABELS[c.metric]} ≥ ${c.threshold} (${windowText(c.window)})`;
    case 'rank':
      return `top ${c.top} by ${METRIC_LABELS[c.metric]} (${windowText(c.window)})`;
    case 'team':
      return `in team ${c.team}`;
    case 'org_member':
      return 'member of the organisation';
    case 'linked':
      return 'linked to GitHub';
    case 'all':
    case 'any': {
      const parts = c.of.map((p) =>
        p.kind === 'all' || p.kind === 'any' ? `(${describeCondition(p)})` : describeCondition(p),
      );
      return parts.join(c.kind === 'all' ? ' and ' : ' or ');
    }
  }
}

export function defaultCondition(kind: ConditionKind, from?: Condition): Condition {
  const metric: Metric = from && 'metric' in from ? from.metric : 'prs_merged';
  const window: Window = from && 'window' in from ? from.window : { kind: 'all_time' };
  switch (kind) {
    case 'metric':
      return { kind, metric, window, threshold: 1 };
    case 'rank':
      return { kind, metric, window, top: 3 };
    case 'team':
      return { kind, team: 'core-team' };
    case 'org_member':
    case 'linked':
      return { kind };
    case 'all':
    case 'any':
      return {
        kind,
        of: from && from.kind !== 'all' && from.kind !== 'any' ? [from] : [{ kind: 'linked' }],
      };
  }
}

/** Conditions nest at most three levels deep (the store's rule). */
export const MAX_DEPTH = 3;
