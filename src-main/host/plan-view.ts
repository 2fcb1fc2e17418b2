// The plan as the AdminApi shows it: the first 500 changed members in full, counts for the rest.
import type { PlanView } from '../api/methods/sync.js';
import type { SyncPlan } from '../roles/plan-types.js';

const SHOWN = 500;

export function toPlanView(plan: SyncPlan, paceMsPerWrite: number | null): PlanView {
  return {
    guildId: plan.guildId,
    generatedAt: plan.generatedAt,
    membersChecked: plan.membersChecked,
    membersChanging: plan.changes.length,
    totalAdds: plan.totalAdds,
    totalRemoves: plan.totalRemoves,
    capExceeded: plan.capExceeded,
    cap: plan.cap,
    changes: plan.changes.slice(0, SHOWN).map((c) => structuredClone(c)),
    changesOmitted: Math.max(0, plan.changes.length - SHOWN),
    roles: plan.roles.map((r) => ({ ...r })),
    problems: plan.problems.map((p) => ({ ...p })),
    heldInGrace: {
      count: plan.heldInGrace.length,
      first: plan.heldInGrace.slice(0, 50).map((h) => ({ ...h })),
    },
    linkedNotInGuild: plan.linkedNotInGuild.map((l) => ({ ...l })),
    topUnlinked: plan.topUnlinked.map((t) => ({ ...t })),
    estimatedApplyMs:
      paceMsPerWrite === null ? null : Math.round(paceMsPerWrite * plan.changes.length),
  };
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
