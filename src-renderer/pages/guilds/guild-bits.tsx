// Pieces the guild, mapping, sync and members pages share: role chips in the role's colour,
// problem lists with their fix, the plan of a sync (who gains and loses which role, and why),
// the guild picker, and saving a CSV the host produced.
import { useState } from 'react';
import type { MethodOutput } from '../../../src-main/api/contract';

export type GuildView = MethodOutput<'guilds.list'>['guilds'][number];
export type GuildRole = GuildView['roles'][number];
export type PlanView = MethodOutput<'sync.preview'>;
export type Mapping = MethodOutput<'mappings.list'>['mappings'][number];
export type SyncRun = MethodOutput<'sync.history'>['runs'][number];
export type Problem = PlanView['problems'][number];

/** Discord's role colour as CSS; 0 means "no colour" (Discord draws it grey). */
export function roleHex(color: number): string {
  return color === 0 ? '#99aab5' : `#${color.toString(16).padStart(6, '0')}`;
}

export function RoleChip({ name, color }: { name: string; color: number }) {
  return (
    <span className="role-chip">
      <span className="role-dot" style={{ background: roleHex(color) }} aria-hidden="true" />
      {name}
    </span>
  );
}

export function ProblemList({
  problems,
  testId,
}: {
  problems: readonly Problem[];
  testId: string;
}) {
  if (problems.length === 0) return null;
  return (
    <div className="warn-box" role="status" data-testid={testId}>
      <strong>
        {problems.length === 1 ? 'One problem' : `${problems.length} problems`} to fix
      </strong>
      <ul>
        {problems.map((p, i) => (
          <li key={`${p.code}-${p.roleId ?? i}`} data-code={p.code}>
            {p.message} <span className="fix">Fix: {p.fix}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function GuildPicker({
  guilds,
  value,
  onChange,
  testId,
}: {
  guilds: readonly GuildView[];
  value: string;
  onChange: (id: string) => void;
  testId: string;
}) {
  return (
    <label className="toolbar-field">
      Server
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {guilds.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Guilds GitGuild manages (configured), which the sync and members pages work on. */
export function managedGuilds(guilds: readonly GuildView[]): GuildView[] {
  return guilds.filter((g) => g.configured);
}

export function saveText(filename: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${s % 60} s`;
}

export function formatWhen(iso: string | null): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * A plan: per role how many gain and lose it, then who, with each change's reason. `focusRoleId`
 * (the mapping editor's role) is listed first and marked.
 */
export function PlanDetails({
  plan,
  testId,
  focusRoleId,
  whoLimit = 50,
}: {
  plan: PlanView;
  testId: string;
  focusRoleId?: string;
  whoLimit?: number;
}) {
  const [showAll, setShowAll] = useState(false);
  const roles = [...plan.roles].sort(
    (a, b) => Number(b.roleId === focusRoleId) - Number(a.roleId === focusRoleId),
  );
  const who = showAll ? plan.changes : plan.changes.slice(0, whoLimit);
  return (
    <div className="plan" data-testid={testId}>
      <p className="plan-summary" data-testid={`${testId}-summary`}>
        {plan.membersChecked} members checked: <strong>{plan.membersChanging}</strong> would change,{' '}
        <span className="gain">+{plan.totalAdds}</span> roles given,{' '}
        <span className="loss">−{plan.totalRemoves}</span> taken.
        {plan.heldInGrace.count > 0 && ` ${plan.heldInGrace.count} kept for now by grace days.`}
        {plan.estimatedApplyMs !== null &&
          plan.totalAdds + plan.totalRemoves > 0 &&
          ` About ${formatDuration(plan.estimatedApplyMs)} to apply.`}
      </p>
      {plan.capExceeded && (
        <p className="warn-box" data-testid={`${testId}-cap`}>
          More changes than this server&apos;s safety cap ({plan.cap}): applying asks you to
          confirm.
        </p>
      )}
      <ProblemList problems={plan.problems} testId={`${testId}-problems`} />
      {roles.length > 0 && (
        <table className="data-table" data-testid={`${testId}-roles`}>
          <caption className="sr-only">Changes per role</caption>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col" className="num">
                Gain
              </th>
              <th scope="col" className="num">
                Lose
              </th>
            </tr>
          </thead>
          <tbody>
            {roles.map((r) => (
              <tr
                key={r.roleId}
                data-role-id={r.roleId}
                className={r.roleId === focusRoleId ? 'focus-row' : undefined}
              >
                <th scope="row">
                  {r.name}
                  {r.roleId === focusRoleId && <span className="muted"> (this mapping)</span>}
                </th>
                <td className="num gain" data-testid="role-gain">
                  +{r.added}
                </td>
                <td className="num loss" data-testid="role-loss">
                  −{r.removed}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.changes.length > 0 && (
        <details className="plan-who" open={plan.changes.length <= 10}>
          <summary>Who changes ({plan.changes.length + plan.changesOmitted})</summary>
          <ul data-testid={`${testId}-who`}>
            {who.map((c) => (
              <li key={c.userId}>
                <strong>{c.username}</strong>
                {c.githubLogin && <span className="muted"> ({c.githubLogin})</span>}:{' '}
                {c.add.map((a) => (
                  <span key={`a${a.roleId}`} className="change gain" title={a.reason}>
                    +{a.roleName} <span className="reason">{a.reason}</span>
                  </span>
                ))}
                {c.remove.map((a) => (
                  <span key={`r${a.roleId}`} className="change loss" title={a.reason}>
                    −{a.roleName} <span className="reason">{a.reason}</span>
                  </span>
                ))}
              </li>
            ))}
          </ul>
          {!showAll && plan.changes.length > whoLimit && (
            <button type="button" onClick={() => setShowAll(true)}>
              Show all {plan.changes.length}
            </button>
          )}
          {plan.changesOmitted > 0 && (
            <p className="muted">and {plan.changesOmitted} more not listed.</p>
          )}
        </details>
      )}
      {plan.changes.length === 0 && plan.problems.length === 0 && (
        <p className="ok-box" data-testid={`${testId}-nothing`}>
          Every member already has the roles they should: nothing would change.
        </p>
      )}
    </div>
  );
}
