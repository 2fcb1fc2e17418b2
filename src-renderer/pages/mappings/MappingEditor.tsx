// The mapping editor: a role (with its colour; marked and not pickable when it is above GitGuild
// or managed by an integration), its condition (metric, rank, team, org member, linked, all/any),
// tier group and grace days. While editing, the unsaved draft, with the guild's other mappings,
// goes to `sync.preview` (debounced), which shows how many members would gain and lose each role
// and who, before anything is saved.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { GitGuildClient } from '../../api/api-client';
import type { ApiError } from '../../api/api-error';
import { navigate } from '../../app/navigate';
import { asApiError } from '../../app/use-health';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useLoad } from '../../components/use-load';
import { ErrorBox } from '../ErrorBox';
import {
  PlanDetails,
  roleHex,
  type GuildRole,
  type GuildView,
  type Mapping,
  type PlanView,
} from '../guilds/guild-bits';
import { PresetPanel } from '../guilds/PresetPanel';
import { ConditionEditor } from './ConditionEditor';
import { describeCondition, type Condition } from './condition';

const PREVIEW_DELAY_MS = 350;

interface Draft {
  roleId: string;
  label: string;
  enabled: boolean;
  group: string;
  graceDays: string;
  condition: Condition;
}

function draftOf(m: Mapping): Draft {
  return {
    roleId: m.roleId,
    label: m.label ?? '',
    enabled: m.enabled,
    group: m.group ?? '',
    graceDays: m.graceDays === null ? '' : String(m.graceDays),
    condition: m.condition,
  };
}

function toInput(d: Draft) {
  const grace = d.graceDays.trim();
  return {
    roleId: d.roleId,
    ...(d.label.trim() ? { label: d.label.trim() } : {}),
    enabled: d.enabled,
    group: d.group.trim() === '' ? null : d.group.trim(),
    graceDays: grace === '' ? null : Number(grace),
    condition: d.condition,
  };
}

export function MappingEditor({
  client,
  guildId,
  mappingId,
}: {
  client: GitGuildClient;
  guildId: string;
  mappingId: string;
}) {
  const data = useLoad(
    () =>
      Promise.all([client.api['guilds.list'](), client.api['mappings.list']({ guildId })]).then(
        ([g, m]) => ({ guild: g.guilds.find((x) => x.id === guildId), mappings: m.mappings }),
      ),
    [client, guildId, mappingId],
  );
  const isNew = mappingId === 'new';
  const guild = data.state === 'loaded' ? data.value.guild : undefined;
  const existing =
    data.state === 'loaded' ? data.value.mappings.find((m) => m.id === mappingId) : undefined;
  return (
    <section className="page page-wide" data-testid="page-mapping">
      <p className="crumbs">
        <a href="#/guilds">Guilds</a> ›{' '}
        {guild ? <a href={`#/guilds/${guildId}`}>{guild.name}</a> : 'Guild'} ›
      </p>
      <h1 tabIndex={-1}>{isNew ? 'New mapping' : 'Edit mapping'}</h1>
      {data.state === 'loading' && (
        <LoadingState label="Loading roles and mappings…" testId="mapping-loading" />
      )}
      {data.state === 'failed' && (
        <ErrorState error={data.error} testId="mapping-error" onRetry={data.reload} />
      )}
      {data.state === 'loaded' && (!guild || (!isNew && !existing)) && (
        <EmptyState
          title={guild ? 'This mapping no longer exists' : 'Unknown server'}
          testId="mapping-missing"
        >
          <p>
            Go back to{' '}
            {guild ? (
              <a href={`#/guilds/${guildId}`}>{guild.name}</a>
            ) : (
              <a href="#/guilds">Guilds</a>
            )}
            .
          </p>
        </EmptyState>
      )}
      {guild && (isNew || existing) && data.state === 'loaded' && (
        <Editor
          key={mappingId}
          client={client}
          guild={guild}
          mappings={data.value.mappings}
          existing={existing ?? null}
        />
      )}
      {guild && isNew && (
        <PresetPanel
          client={client}
          guildId={guildId}
          onApplied={() => navigate({ page: 'guild', guildId })}
        />
      )}
    </section>
  );
}

function Editor({
  client,
  guild,
  mappings,
  existing,
}: {
  client: GitGuildClient;
  guild: GuildView;
  mappings: Mapping[];
  existing: Mapping | null;
}) {
  const [draft, setDraft] = useState<Draft>(() =>
    existing
      ? draftOf(existing)
      : {
          roleId:
            guild.roles.find((r) => r.assignable && !mappings.some((m) => m.roleId === r.id))?.id ??
            guild.roles.find((r) => r.assignable)?.id ??
            '',
          label: '',
          enabled: true,
          group: '',
          graceDays: '',
          condition: {
            kind: 'metric',
            metric: 'prs_merged',
            window: { kind: 'all_time' },
            threshold: 1,
          },
        },
  );
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  // The whole set as it would be after saving: the others unchanged, this one as drafted.
  const drafts = useMemo(() => {
    const mine = {
      ...toInput(draft),
      ...(existing ? { id: existing.id, order: existing.order } : {}),
    };
    const others = mappings
      .filter((m) => m.id !== existing?.id)
      .map((m) => ({
        id: m.id,
        roleId: m.roleId,
        ...(m.label ? { label: m.label } : {}),
        enabled: m.enabled,
        group: m.group,
        graceDays: m.graceDays,
        condition: m.condition,
        order: m.order,
      }));
    return existing
      ? [...others, mine]
      : [...others, { ...mine, order: Math.max(-1, ...mappings.map((m) => m.order)) + 1 }];
  }, [draft, mappings, existing]);
  const preview = useLivePreview(client, guild.id, drafts, draft.roleId !== '' && guild.botPresent);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      if (existing) await client.api['mappings.update']({ id: existing.id, ...toInput(draft) });
      else await client.api['mappings.create']({ guildId: guild.id, ...toInput(draft) });
      navigate({ page: 'guild', guildId: guild.id });
    } catch (e) {
      setError(asApiError(e));
      setSaving(false);
    }
  }
  async function remove(): Promise<void> {
    if (
      !existing ||
      !window.confirm('Delete this mapping? Members keep the role until the next sync.')
    )
      return;
    try {
      await client.api['mappings.delete']({ id: existing.id });
      navigate({ page: 'guild', guildId: guild.id });
    } catch (e) {
      setError(asApiError(e));
    }
  }
  const groups = [...new Set(mappings.map((m) => m.group).filter((g): g is string => g !== null))];

  return (
    <div className="editor-layout">
      <form className="settings editor-form" onSubmit={save} data-testid="mapping-form">
        <RolePicker
          roles={guild.roles}
          value={draft.roleId}
          onChange={(id) => set('roleId', id)}
          guildId={guild.id}
        />
        <fieldset>
          <legend>Condition</legend>
          <p className="field-hint" data-testid="mapping-summary">
            Members get the role when: {describeCondition(draft.condition)}
          </p>
          <ConditionEditor
            value={draft.condition}
            onChange={(c) => set('condition', c)}
            depth={1}
            path="c"
          />
        </fieldset>
        <fieldset>
          <legend>Details</legend>
          <div className="form-grid">
            <div className="field">
              <label htmlFor="mapping-group">Tier group</label>
              <input
                id="mapping-group"
                list="mapping-groups"
                value={draft.group}
                onChange={(e) => set('group', e.target.value)}
                placeholder="none"
                data-testid="mapping-group"
              />
              <datalist id="mapping-groups">
                {groups.map((g) => (
                  <option key={g} value={g} />
                ))}
              </datalist>
              <p className="field-hint">A member holds only the highest tier of a group.</p>
            </div>
            <div className="field">
              <label htmlFor="mapping-grace">Grace days</label>
              <input
                id="mapping-grace"
                type="number"
                min={0}
                max={365}
                value={draft.graceDays}
                onChange={(e) => set('graceDays', e.target.value)}
                placeholder="default"
                data-testid="mapping-grace"
              />
              <p className="field-hint">
                How long a member keeps the role after the condition stops holding (empty: 7 days
                when it counts over a rolling window, otherwise none).
              </p>
            </div>
            <div className="field">
              <label htmlFor="mapping-label">Label</label>
              <input
                id="mapping-label"
                value={draft.label}
                onChange={(e) => set('label', e.target.value)}
                placeholder="the role's name"
              />
            </div>
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.enabled}
              onChange={(e) => set('enabled', e.target.checked)}
            />
            On (off: GitGuild stops managing this role)
          </label>
        </fieldset>
        {error && (
          <ErrorBox
            error={error}
            testId="mapping-save-error"
            lines={error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))}
          />
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="primary"
            disabled={saving || draft.roleId === ''}
            data-testid="mapping-save"
          >
            {saving ? 'Saving…' : 'Save mapping'}
          </button>
          <a href={`#/guilds/${guild.id}`}>Cancel</a>
          {existing && (
            <button type="button" onClick={remove} data-testid="mapping-delete">
              Delete
            </button>
          )}
        </div>
      </form>
      <aside
        className="preview-panel"
        aria-labelledby="preview-title"
        data-testid="mapping-preview"
      >
        <h2 id="preview-title" className="section-title">
          Live preview
        </h2>
        <p className="muted">
          What a sync would do with this draft and the server&apos;s other mappings. Nothing is
          saved or sent to Discord.
        </p>
        {!guild.botPresent && (
          <p className="warn-box">The bot is not in this server, so there is nothing to preview.</p>
        )}
        <div aria-live="polite" aria-busy={preview.busy}>
          {preview.busy && <LoadingState label="Updating the preview…" testId="preview-loading" />}
          {preview.error && <ErrorBox error={preview.error} testId="preview-error" />}
          {preview.plan && (
            <PlanDetails plan={preview.plan} testId="preview" focusRoleId={draft.roleId} />
          )}
        </div>
      </aside>
    </div>
  );
}

/** `sync.preview` of the drafts, after the admin stops typing; late answers are dropped. */
function useLivePreview(
  client: GitGuildClient,
  guildId: string,
  drafts: unknown[],
  enabled: boolean,
): { plan: PlanView | null; busy: boolean; error: ApiError | null } {
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const sequence = useRef(0);
  const key = JSON.stringify(drafts);
  useEffect(() => {
    if (!enabled) return;
    const mine = ++sequence.current;
    setBusy(true);
    const timer = setTimeout(() => {
      client.api['sync.preview']({ guildId, mappings: JSON.parse(key) as never }).then(
        (answer) => {
          if (mine !== sequence.current) return;
          setPlan(answer);
          setError(null);
          setBusy(false);
        },
        (e: unknown) => {
          if (mine !== sequence.current) return;
          setError(asApiError(e));
          setBusy(false);
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, guildId, key, enabled]);
  return { plan, busy, error };
}

function RolePicker({
  roles,
  value,
  onChange,
  guildId,
}: {
  roles: GuildRole[];
  value: string;
  onChange: (id: string) => void;
  guildId: string;
}) {
  const pickable = roles.filter((r) => r.id !== guildId);
  const bot = pickable.find((r) => r.managed && r.name === 'GitGuild');
  return (
    <fieldset className="role-picker" data-testid="role-picker">
      <legend>Role</legend>
      {pickable.length === 0 && <p className="muted">The bot sees no roles in this server.</p>}
      <ul>
        {pickable.map((r) => {
          const why = r.assignable
            ? null
            : r.managed
              ? 'managed by an integration'
              : `above ${bot?.name ?? 'GitGuild'}'s role: move it higher to use this one`;
          return (
            <li key={r.id}>
              <label className={`role-option${r.assignable ? '' : ' role-blocked'}`}>
                <input
                  type="radio"
                  name="mapping-role"
                  value={r.id}
                  checked={value === r.id}
                  disabled={!r.assignable}
                  onChange={() => onChange(r.id)}
                  data-testid={`role-option-${r.id}`}
                />
                <span
                  className="role-dot"
                  style={{ background: roleHex(r.color) }}
                  aria-hidden="true"
                />
                {r.name}
                {why && <span className="role-why"> ({why})</span>}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
