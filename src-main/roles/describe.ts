// Words for conditions, windows and metrics: the same phrases appear in plan reasons, audit
// entries, the audit-log header Discord shows, and the mapping editor's preview.
import type { MappingCondition, MappingWindow, Metric } from '../store/types.js';

export const METRIC_LABELS: Record<Metric, string> = {
  prs_opened: 'PRs opened',
  prs_merged: 'merged PRs',
  issues: 'issues opened',
  commits: 'commits',
  reviews: 'reviews',
};

export function describeWindow(window: MappingWindow): string {
  if (window.kind === 'all_time') return 'all time';
  return window.days === 1 ? 'last day' : `last ${window.days} days`;
}

export function describeCondition(condition: MappingCondition): string {
  switch (condition.kind) {
    case 'metric':
      return `${METRIC_LABELS[condition.metric]} ≥ ${condition.threshold} (${describeWindow(condition.window)})`;
    case 'rank':
      return `top ${condition.top} by ${METRIC_LABELS[condition.metric]} (${describeWindow(condition.window)})`;
    case 'team':
      return `member of team ${condition.team}`;
    case 'org_member':
      return 'member of the org';
    case 'linked':
      return 'linked to GitHub';
    case 'all':
    case 'any': {
      const parts = condition.of.map((c) =>
        c.kind === 'all' || c.kind === 'any' ? `(${describeCondition(c)})` : describeCondition(c),
      );
      return parts.join(condition.kind === 'all' ? ' and ' : ' or ');
    }
  }
}

/** Whether a condition looks at windowed activity, which decides its default grace period. */
export function isWindowed(condition: MappingCondition): boolean {
  switch (condition.kind) {
    case 'metric':
    case 'rank':
      return condition.window.kind === 'rolling';
    case 'all':
    case 'any':
      return condition.of.some(isWindowed);
    default:
      return false;
  }
}

/** Grace defaults: a week for windowed activity, none for membership and all-time counts. */
export const DEFAULT_WINDOWED_GRACE_DAYS = 7;

export function graceDaysOf(mapping: {
  graceDays: number | null;
  condition: MappingCondition;
}): number {
  if (mapping.graceDays !== null) return mapping.graceDays;
  return isWindowed(mapping.condition) ? DEFAULT_WINDOWED_GRACE_DAYS : 0;
}
