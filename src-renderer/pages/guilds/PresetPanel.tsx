// Presets: ready-made sets of mappings (the old Python bot's tiers, PR medals, reviewer tiers).
// Applying one adds its mappings (again: updates them) and creates missing roles on Discord,
// below GitGuild's role so it can assign them.
import { useState } from 'react';
import type { GitGuildClient } from '../../api/api-client';
import type { ApiError } from '../../api/api-error';
import { asApiError } from '../../app/use-health';
import { ErrorState, LoadingState } from '../../components/states';
import { useLoad } from '../../components/use-load';
import { ErrorBox } from '../ErrorBox';
import { describeCondition } from '../mappings/condition';
import { RoleChip } from './guild-bits';

export function PresetPanel({
  client,
  guildId,
  onApplied,
}: {
  client: GitGuildClient;
  guildId: string;
  onApplied: () => void;
}) {
  const presets = useLoad(() => client.api['mappings.presets'](), [client]);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  async function apply(id: string, title: string): Promise<void> {
    setBusy(id);
    setError(null);
    setResult(null);
    try {
      const answer = await client.api['mappings.applyPreset']({
        guildId,
        preset: id as 'python-bot-tiers',
      });
      setResult(
        `${title}: ${answer.mappings.length} mappings saved` +
          (answer.createdRoles.length > 0
            ? `, ${answer.createdRoles.length} roles created on Discord`
            : '') +
          (answer.missingRoles.length > 0
            ? `; missing roles: ${answer.missingRoles.join(', ')}`
            : '') +
          '.',
      );
      onApplied();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(null);
    }
  }
  return (
    <section className="presets" aria-labelledby="presets-title" data-testid="presets">
      <h3 id="presets-title">Presets</h3>
      {presets.state === 'loading' && (
        <LoadingState label="Loading presets…" testId="presets-loading" />
      )}
      {presets.state === 'failed' && (
        <ErrorState error={presets.error} testId="presets-error" onRetry={presets.reload} />
      )}
      {presets.state === 'loaded' && (
        <ul className="preset-list">
          {presets.value.presets.map((p) => (
            <li key={p.id} className="preset-card" data-testid={`preset-${p.id}`}>
              <div>
                <strong>{p.title}</strong>
                <p className="muted">{p.description}</p>
                <details>
                  <summary>{p.roles.length} roles</summary>
                  <ul className="preset-roles">
                    {p.roles.map((r) => (
                      <li key={r.name}>
                        <RoleChip name={r.name} color={r.color} />: {describeCondition(r.condition)}
                      </li>
                    ))}
                  </ul>
                </details>
              </div>
              <button
                type="button"
                onClick={() => apply(p.id, p.title)}
                disabled={busy !== null}
                data-testid={`preset-apply-${p.id}`}
              >
                {busy === p.id ? 'Applying…' : 'Apply'}
              </button>
            </li>
          ))}
        </ul>
      )}
      {result && (
        <p className="ok-box" role="status" data-testid="preset-result">
          {result}
        </p>
      )}
      {error && <ErrorBox error={error} testId="preset-error" />}
    </section>
  );
}
