// Evaluates a mapping's condition for one linked login, in three values: a condition whose data
// GitGuild does not have yet (no crawl, team never read) is `unknown`, and the planner leaves
// such a role as it is rather than take it away on missing data.
import type { MappingCondition } from '../store/types.js';
import { describeWindow, METRIC_LABELS } from './describe.js';
import type { ContributionFacts, DirectoryFacts } from './facts.js';

export type Verdict = 'yes' | 'no' | 'unknown';

export interface Evaluation {
  verdict: Verdict;
  /** Why, with the member's own numbers: "merged PRs ≥ 16 (all time): 18". */
  because: string;
}

export interface ConditionContext {
  /** Null when the org was never crawled (or the guild follows no org). */
  contributions: ContributionFacts | null;
  /** Null when org membership was never read. */
  directory: DirectoryFacts | null;
}

function leaf(verdict: Verdict, because: string): Evaluation {
  return { verdict, because };
}

export function evaluateCondition(
  condition: MappingCondition,
  login: string,
  ctx: ConditionContext,
): Evaluation {
  switch (condition.kind) {
    case 'metric': {
      const what = `${METRIC_LABELS[condition.metric]} ≥ ${condition.threshold} (${describeWindow(condition.window)})`;
      if (!ctx.contributions) return leaf('unknown', `${what}: no crawl yet`);
      const n = ctx.contributions.count(login, condition.metric, condition.window);
      return leaf(n >= condition.threshold ? 'yes' : 'no', `${what}: ${n}`);
    }
    case 'rank': {
      const what = `top ${condition.top} by ${METRIC_LABELS[condition.metric]} (${describeWindow(condition.window)})`;
      if (!ctx.contributions) return leaf('unknown', `${what}: no crawl yet`);
      const rank = ctx.contributions.rank(login, condition.metric, condition.window);
      return leaf(
        rank !== null && rank <= condition.top ? 'yes' : 'no',
        `${what}: ${rank === null ? 'unranked' : `rank ${rank}`}`,
      );
    }
    case 'team': {
      const what = `member of team ${condition.team}`;
      const team = ctx.directory?.teams.get(condition.team.toLowerCase());
      if (!team) return leaf('unknown', `${what}: team not read`);
      return leaf(
        team.has(login.toLowerCase()) ? 'yes' : 'no',
        `${what}: ${team.has(login.toLowerCase()) ? 'yes' : 'no'}`,
      );
    }
    case 'org_member': {
      if (!ctx.directory) return leaf('unknown', 'member of the org: members not read');
      const member = ctx.directory.members.has(login.toLowerCase());
      return leaf(member ? 'yes' : 'no', `member of the org: ${member ? 'yes' : 'no'}`);
    }
    case 'linked':
      return leaf('yes', 'linked to GitHub');
    case 'all':
    case 'any': {
      const parts = condition.of.map((c) => evaluateCondition(c, login, ctx));
      const decisive = condition.kind === 'all' ? 'no' : 'yes';
      const verdict: Verdict = parts.some((p) => p.verdict === decisive)
        ? decisive
        : parts.some((p) => p.verdict === 'unknown')
          ? 'unknown'
          : decisive === 'no'
            ? 'yes'
            : 'no';
      // Name the parts that decided it: the failing one of an `all`, the holding one of an `any`.
      const shown = parts.filter((p) => p.verdict === verdict);
      const because = (shown.length > 0 ? shown : parts)
        .map((p) => p.because)
        .join(condition.kind === 'all' ? ' and ' : ' or ');
      return { verdict, because };
    }
  }
}

/** Names of the teams a condition needs, for the scheduler's GitHub reads. */
export function teamsOf(condition: MappingCondition): string[] {
  if (condition.kind === 'team') return [condition.team.toLowerCase()];
  if (condition.kind === 'all' || condition.kind === 'any') return condition.of.flatMap(teamsOf);
  return [];
}

export function needsContributions(condition: MappingCondition): boolean {
  if (condition.kind === 'metric' || condition.kind === 'rank') return true;
  if (condition.kind === 'all' || condition.kind === 'any')
    return condition.of.some(needsContributions);
  return false;
}

export function needsDirectory(condition: MappingCondition): boolean {
  if (condition.kind === 'team' || condition.kind === 'org_member') return true;
  if (condition.kind === 'all' || condition.kind === 'any')
    return condition.of.some(needsDirectory);
  return false;
}
