// One guild: its settings (organisation, sync interval, removing roles on unlink, audit channel,
// safety cap, voice stats) saved through `guilds.update`, and its role mappings in order, with
// presets, reordering, enabling and deleting. Mappings open in the mapping editor.
import { useEffect, useState, type FormEvent } from 'react';
import type { GitGuildClient } from '../../api/api-client';
import type { ApiError } from '../../api/api-error';
import { asApiError } from '../../app/use-health';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { shownValue, useLoad } from '../../components/use-load';
import { ErrorBox } from '../ErrorBox';
import { describeCondition } from '../mappings/condition';
import { ProblemList, RoleChip, type GuildView, type Mapping } from './guild-bits';
import { PresetPanel } from './PresetPanel';

export function GuildPage({ client, guildId }: { client: GitGuildClient; guildId: string }) {
  const guilds = useLoad(() => client.api['guilds.list'](), [client]);
  // While a save reloads the list, the form stays mounted with the previous answer.
  const guild = shownValue(guilds)?.guilds.find((g) => g.id === guildId);
  return (
    <section className="page page-wide" data-testid="page-guild">
      <p className="crumbs">
        <a href="#/guilds">Guilds</a> ›
      </p>
      <h1 tabIndex={-1}>{guild?.name ?? 'Guild'}</h1>
      {guilds.state === 'loading' && !guild && (
        <LoadingState label="Loading the server…" testId="guild-loading" />
      )}
      {guilds.state === 'failed' && (
        <ErrorState error={guilds.error} testId="guild-error" onRetry={guilds.reload} />
      )}
      {guilds.state === 'loaded' && !guild && (
        <EmptyState title="GitGuild does not know this server" testId="guild-missing">
          <p>
            The bot is not in it and it is not configured. Go back to <a href="#/guilds">Guilds</a>.
          </p>
        </EmptyState>
      )}
      {guild && (
        <>
          {guild.configured && <MappingList client={client} guild={guild} />}
          <GuildSettings client={client} guild={guild} onSaved={guilds.reload} />
        </>
      )}
    </section>
  );
}

interface Form {
  enabled: boolean;
  org: string;
  syncIntervalMinutes: string;
  removeRolesOnUnlink: boolean;
  auditChannelId: string;
  maxChangesPerRun: string;
  voiceEnabled: boolean;
  numberStyle: 'full' | 'compact';
  categoryName: string;
}

function toForm(g: GuildView): Form {
  return {
    enabled: g.enabled,
    org: g.org ?? '',
    syncIntervalMinutes: String(g.syncIntervalMinutes),
    removeRolesOnUnlink: g.removeRolesOnUnlink,
    auditChannelId: g.auditChannelId ?? '',
    maxChangesPerRun: String(g.maxChangesPerRun),
    voiceEnabled: g.voiceStats.enabled,
    numberStyle: g.voiceStats.numberStyle,
    categoryName: g.voiceStats.categoryName,
  };
}

function GuildSettings({
  client,
  guild,
  onSaved,
}: {
  client: GitGuildClient;
  guild: GuildView;
  onSaved: () => void;
}) {
  const [form, setForm] = useState<Form>(() => toForm(guild));
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<ApiError | null>(null);
  const [voice, setVoice] = useState<string | null>(null);
  const orgs = useLoad(() => client.api['settings.get']().then((s) => s.githubOrgs), [client]);
  useEffect(() => setForm(toForm(guild)), [guild]);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setState('idle');
  };
  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setState('saving');
    setError(null);
    try {
      await client.api['guilds.update']({
        id: guild.id,
        enabled: form.enabled,
        org: form.org.trim() === '' ? null : form.org.trim(),
        syncIntervalMinutes: Number(form.syncIntervalMinutes),
        removeRolesOnUnlink: form.removeRolesOnUnlink,
        auditChannelId: form.auditChannelId === '' ? null : form.auditChannelId,
        maxChangesPerRun: Number(form.maxChangesPerRun),
        voiceStats: {
          ...guild.voiceStats,
          enabled: form.voiceEnabled,
          numberStyle: form.numberStyle,
          categoryName: form.categoryName,
        },
      });
      setState('saved');
      onSaved();
    } catch (e) {
      setError(asApiError(e));
      setState('idle');
    }
  }
  async function setupVoice(): Promise<void> {
    setVoice('Creating the channels…');
    try {
      const answer = await client.api['voiceStats.setup']({ guildId: guild.id });
      const created = answer.channels.filter((c) => c.created).length;
      setVoice(
        `${answer.channels.length} channels ready (${created} created): ${answer.channels.map((c) => c.name).join(', ')}`,
      );
    } catch (e) {
      setVoice(null);
      setError(asApiError(e));
    }
  }
  const orgOptions = orgs.state === 'loaded' ? orgs.value : [];
  return (
    <form className="settings" onSubmit={save} data-testid="guild-settings">
      <fieldset>
        <legend>Settings</legend>
        {!guild.configured && <p className="note">Saving turns GitGuild on for this server.</p>}
        <label className="check">
          <input
            type="checkbox"
            checked={form.enabled}
            onChange={(e) => set('enabled', e.target.checked)}
            data-testid="guild-enabled"
          />
          Sync this server&apos;s roles
        </label>
        <div className="field">
          <label htmlFor="guild-org">GitHub organisation</label>
          <input
            id="guild-org"
            list="guild-org-options"
            value={form.org}
            onChange={(e) => set('org', e.target.value)}
            placeholder="acme-oss"
            data-testid="guild-org"
          />
          <datalist id="guild-org-options">
            {orgOptions.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
          <p className="field-hint">
            Whose contributions decide the roles. Organisations GitGuild crawls:{' '}
            {orgOptions.length > 0 ? orgOptions.join(', ') : 'none yet (Settings or Setup)'}.
          </p>
        </div>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="guild-interval">Sync every (minutes)</label>
            <input
              id="guild-interval"
              type="number"
              min={5}
              max={1440}
              value={form.syncIntervalMinutes}
              onChange={(e) => set('syncIntervalMinutes', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="guild-cap">Safety cap (changes per run)</label>
            <input
              id="guild-cap"
              type="number"
              min={1}
              value={form.maxChangesPerRun}
              onChange={(e) => set('maxChangesPerRun', e.target.value)}
              data-testid="guild-cap"
            />
          </div>
          <div className="field">
            <label htmlFor="guild-audit">Audit channel</label>
            <select
              id="guild-audit"
              value={form.auditChannelId}
              onChange={(e) => set('auditChannelId', e.target.value)}
            >
              <option value="">None</option>
              {guild.textChannels.map((c) => (
                <option key={c.id} value={c.id}>
                  #{c.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={form.removeRolesOnUnlink}
            onChange={(e) => set('removeRolesOnUnlink', e.target.checked)}
          />
          Take GitGuild&apos;s roles back when a member unlinks
        </label>
      </fieldset>
      <fieldset>
        <legend>Voice stats channels</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={form.voiceEnabled}
            onChange={(e) => set('voiceEnabled', e.target.checked)}
          />
          Show org numbers as locked voice channels
        </label>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="guild-voice-category">Category name</label>
            <input
              id="guild-voice-category"
              value={form.categoryName}
              onChange={(e) => set('categoryName', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="guild-voice-style">Numbers</label>
            <select
              id="guild-voice-style"
              value={form.numberStyle}
              onChange={(e) => set('numberStyle', e.target.value as Form['numberStyle'])}
            >
              <option value="full">Full (12,345)</option>
              <option value="compact">Compact (12.3K)</option>
            </select>
          </div>
        </div>
        <p className="field-hint">
          Channels:{' '}
          {guild.voiceStats.stats.map((s) => s.format.replace('{value}', '…')).join(' · ')}
        </p>
        {guild.configured && guild.botPresent && (
          <p>
            <button type="button" onClick={setupVoice} data-testid="guild-voice-setup">
              Create or repair the channels now
            </button>{' '}
            {voice && <span data-testid="guild-voice-result">{voice}</span>}
          </p>
        )}
      </fieldset>
      {error && (
        <ErrorBox
          error={error}
          testId="guild-save-error"
          lines={error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))}
        />
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="primary"
          disabled={state === 'saving'}
          data-testid="guild-save"
        >
          {state === 'saving' ? 'Saving…' : 'Save settings'}
        </button>
        {state === 'saved' && (
          <span className="ok" role="status" data-testid="guild-saved">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}

function MappingList({ client, guild }: { client: GitGuildClient; guild: GuildView }) {
  const mappings = useLoad(
    () => client.api['mappings.list']({ guildId: guild.id }),
    [client, guild.id],
  );
  const health = useLoad(
    () =>
      guild.botPresent ? client.api['sync.preview']({ guildId: guild.id }) : Promise.resolve(null),
    [client, guild.id, mappings.state === 'loaded' ? mappings.value : null],
  );
  const [error, setError] = useState<ApiError | null>(null);
  const roles = new Map(guild.roles.map((r) => [r.id, r]));
  const list = mappings.state === 'loaded' ? mappings.value.mappings : [];

  async function act(run: () => Promise<unknown>): Promise<void> {
    setError(null);
    try {
      await run();
      mappings.reload();
    } catch (e) {
      setError(asApiError(e));
    }
  }
  const move = (index: number, by: -1 | 1) => {
    const ids = list.map((m) => m.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    return act(() => client.api['mappings.reorder']({ guildId: guild.id, ids }));
  };
  const remove = (m: Mapping) => {
    if (
      !window.confirm(
        `Delete the mapping for ${roles.get(m.roleId)?.name ?? m.roleId}? Members keep the role until the next sync.`,
      )
    )
      return;
    return act(() => client.api['mappings.delete']({ id: m.id }));
  };

  return (
    <section aria-labelledby="mappings-title" data-testid="guild-mappings">
      <div className="section-bar">
        <h2 id="mappings-title" className="section-title">
          Role mappings
        </h2>
        <a
          className="button-link primary"
          href={`#/guilds/${guild.id}/mappings/new`}
          data-testid="mapping-new"
        >
          New mapping
        </a>
      </div>
      <p className="muted">
        Linked members for whom a mapping&apos;s condition holds get its role. In a tier group a
        member holds only the highest tier they reach (lower in the list = lower tier).
      </p>
      {health.state === 'loaded' && health.value && (
        <ProblemList problems={health.value.problems} testId="mappings-problems" />
      )}
      {mappings.state === 'loading' && (
        <LoadingState label="Loading mappings…" testId="mappings-loading" />
      )}
      {mappings.state === 'failed' && (
        <ErrorState error={mappings.error} testId="mappings-error" onRetry={mappings.reload} />
      )}
      {mappings.state === 'loaded' && list.length === 0 && (
        <EmptyState title="No mappings yet" testId="mappings-empty" headingLevel={3}>
          <p>Start from a preset below, or make one with New mapping.</p>
        </EmptyState>
      )}
      {list.length > 0 && (
        <table className="data-table" data-testid="mappings-table">
          <caption className="sr-only">Role mappings of {guild.name}</caption>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">When</th>
              <th scope="col">Tier group</th>
              <th scope="col">Grace</th>
              <th scope="col">On</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((m, i) => {
              const role = roles.get(m.roleId);
              return (
                <tr key={m.id} data-testid={`mapping-row-${m.id}`} data-role-id={m.roleId}>
                  <th scope="row">
                    <a href={`#/guilds/${guild.id}/mappings/${m.id}`} data-testid="mapping-edit">
                      {role ? (
                        <RoleChip name={role.name} color={role.color} />
                      ) : (
                        `Missing role ${m.roleId}`
                      )}
                    </a>
                    {m.label && m.label !== role?.name && <span className="muted"> {m.label}</span>}
                  </th>
                  <td data-testid="mapping-condition">{describeCondition(m.condition)}</td>
                  <td>{m.group ?? '–'}</td>
                  <td>{m.graceDays === null ? 'default' : `${m.graceDays} d`}</td>
                  <td>
                    <input
                      type="checkbox"
                      checked={m.enabled}
                      aria-label={`Mapping for ${role?.name ?? m.roleId} is on`}
                      onChange={(e) =>
                        act(() =>
                          client.api['mappings.update']({ id: m.id, enabled: e.target.checked }),
                        )
                      }
                    />
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      onClick={() => move(i, -1)}
                      disabled={i === 0}
                      aria-label={`Move ${role?.name ?? m.id} up`}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      onClick={() => move(i, 1)}
                      disabled={i === list.length - 1}
                      aria-label={`Move ${role?.name ?? m.id} down`}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      onClick={() => remove(m)}
                      aria-label={`Delete the mapping for ${role?.name ?? m.id}`}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {error && <ErrorBox error={error} testId="mappings-action-error" />}
      <PresetPanel client={client} guildId={guild.id} onApplied={mappings.reload} />
    </section>
  );
}
