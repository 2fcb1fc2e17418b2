// A member's standing in each tier group whose tiers are metric thresholds: the tier they reach
// and the next one with how much is missing. The bot's /getstats shows it (StatsPort.tierProgress).
import type { Mapping, Metric } from '../store/types.js';
import type { ContributionFacts } from './facts.js';

export interface TierProgress {
  group: string;
  metric: Metric;
  current: { roleId: string; name: string; threshold: number } | null;
  next: { roleId: string; name: string; threshold: number; remaining: number } | null;
}

/** `roleName` resolves role ids to names (from Discord's cache); unknown ids fall back to labels. */
export function tierProgress(
  mappings: readonly Mapping[],
  facts: ContributionFacts,
  login: string,
  roleName: (roleId: string) => string | undefined,
): TierProgress[] {
  const groups = new Map<string, Mapping[]>();
  for (const m of mappings) {
    if (!m.enabled || m.group === null) continue;
    groups.set(m.group, [...(groups.get(m.group) ?? []), m]);
  }
  const out: TierProgress[] = [];
  for (const [group, members] of groups) {
    const tiers = members
      .sort((a, b) => a.order - b.order)
      .flatMap((m) => (m.condition.kind === 'metric' ? [{ m, c: m.condition }] : []));
    // Only groups of plain thresholds on one metric have a "next tier" to count towards.
    if (tiers.length === 0 || tiers.length !== members.length) continue;
    const metric = tiers[0]!.c.metric;
    if (tiers.some((t) => t.c.metric !== metric)) continue;
    const name = (m: Mapping) => roleName(m.roleId) ?? m.label ?? m.id;
    let current: TierProgress['current'] = null;
    let next: TierProgress['next'] = null;
    for (const { m, c } of tiers) {
      const count = facts.count(login, c.metric, c.window);
      if (count >= c.threshold)
        current = { roleId: m.roleId, name: name(m), threshold: c.threshold };
      else if (!next)
        next = {
          roleId: m.roleId,
          name: name(m),
          threshold: c.threshold,
          remaining: c.threshold - count,
        };
    }
    out.push({ group, metric, current, next });
  }
  return out;
}
