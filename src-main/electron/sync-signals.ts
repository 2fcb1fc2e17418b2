// What the desktop reads from events that other parts of GitGuild are still building: the sync
// engine's finished runs and the problems they find (role hierarchy, missing permissions). The
// shapes are declared here, loosely, so the tray and notifications work the day those events are
// published; anything that does not match is ignored rather than guessed at.
import { z } from 'zod';

const ProblemSchema = z.looseObject({
  kind: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  guildId: z.string().optional(),
  roleId: z.string().optional(),
  /** A stable identity when the producer has one; otherwise one is built from the fields above. */
  key: z.string().optional(),
});

const SyncFinishedSchema = z.looseObject({
  type: z.literal('sync-finished'),
  guildId: z.string().optional(),
  error: z.string().nullable().optional(),
  problems: z.array(ProblemSchema).optional(),
});

/** A standing list of problems for one guild (or the whole host), replacing the previous list. */
const ProblemsSchema = z.looseObject({
  type: z.literal('problems'),
  guildId: z.string().optional(),
  problems: z.array(ProblemSchema),
});

export type ProblemCategory = 'hierarchy' | 'permissions' | 'other';

export interface ReportedProblem {
  key: string;
  category: ProblemCategory;
  message: string;
}

export type SyncSignal =
  | {
      kind: 'sync-finished';
      scope: string;
      error: string | null;
      problems: ReportedProblem[] | null;
    }
  | { kind: 'problems'; scope: string; problems: ReportedProblem[] };

export function problemCategory(kind: string): ProblemCategory {
  if (/hierarch|above|position/i.test(kind)) return 'hierarchy';
  if (/permission/i.test(kind)) return 'permissions';
  return 'other';
}

function toProblem(scope: string, p: z.infer<typeof ProblemSchema>): ReportedProblem {
  const message = p.hint ? `${p.message} ${p.hint}` : p.message;
  const key = p.key ?? [p.guildId ?? scope, p.kind, p.roleId ?? p.message].join(':');
  return { key, category: problemCategory(p.kind), message };
}

/** Reads a sync-engine event, or returns null for every other event. */
export function syncSignalOf(event: { type: string }): SyncSignal | null {
  if (event.type === 'sync-finished') {
    const parsed = SyncFinishedSchema.safeParse(event);
    if (!parsed.success) return null;
    const scope = parsed.data.guildId ?? 'all';
    return {
      kind: 'sync-finished',
      scope,
      error: parsed.data.error ?? null,
      problems: parsed.data.problems ? parsed.data.problems.map((p) => toProblem(scope, p)) : null,
    };
  }
  if (event.type === 'problems') {
    const parsed = ProblemsSchema.safeParse(event);
    if (!parsed.success) return null;
    const scope = parsed.data.guildId ?? 'all';
    return {
      kind: 'problems',
      scope,
      problems: parsed.data.problems.map((p) => toProblem(scope, p)),
    };
  }
  return null;
}
