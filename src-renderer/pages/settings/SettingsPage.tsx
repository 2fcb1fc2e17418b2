// Settings: loads from `settings.get`, saves only what changed through `settings.update`, and
// shows the host's validation messages next to the fields they concern.
import {
  useEffect,
  useMemo,
  useState,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
} from 'react';
import type { GitGuildClient } from '../../api/api-client';
import type { ApiError } from '../../api/api-error';
import { asApiError } from '../../app/use-health';
import { ErrorBox } from '../ErrorBox';
import { AppearanceSection } from './AppearanceSection';
import { ConfigTransfer } from './ConfigTransfer';
import { HostSection } from './HostSection';
import { SecretsSection } from './SecretsSection';
import {
  diffSettings,
  issuesByField,
  toForm,
  type Settings,
  type SettingsField,
  type SettingsForm,
} from './settings-form';

type LoadState =
  | { state: 'loading' }
  | { state: 'failed'; error: ApiError }
  | { state: 'loaded'; settings: Settings };
type SaveState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved' }
  | { state: 'failed'; error: ApiError };

/** Field labels, used both on the form and to phrase the host's validation issues. */
const LABELS: Record<SettingsField, string> = {
  timeZone: 'Time zone',
  syncIntervalMinutes: 'Sync every (minutes)',
  startMinimized: 'Start minimized to the tray',
  launchAtLogin: 'Launch at login (desktop app, starts in the tray)',
  githubOrgs: 'Organisations',
  'crawl.includeArchived': 'Count archived repositories',
  'crawl.includeForks': 'Count forks',
  'crawl.includeBots': 'Count bot accounts',
  'crawl.repoInclude': 'Only these repositories',
  'crawl.repoExclude': 'Never these repositories',
  discordClientId: 'Discord application ID',
  githubApiBaseUrl: 'GitHub API URL',
  githubWebBaseUrl: 'GitHub web URL',
  discordApiBaseUrl: 'Discord API URL',
};

const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((tz) => tz !== 'UTC')];

export function SettingsPage({ client }: { client: GitGuildClient }) {
  const [load, setLoad] = useState<LoadState>({ state: 'loading' });
  // Bumped after an import so the form reloads what the file replaced.
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let active = true;
    // After an import the editor must not remount with the old settings before the new ones arrive.
    if (generation > 0) setLoad({ state: 'loading' });
    client.api['settings.get']().then(
      (settings) => active && setLoad({ state: 'loaded', settings }),
      (error: unknown) => active && setLoad({ state: 'failed', error: asApiError(error) }),
    );
    return () => {
      active = false;
    };
  }, [client, generation]);

  return (
    <section className="page" data-testid="page-settings">
      <h1 tabIndex={-1}>Settings</h1>
      <p className="lede">
        Settings of this GitGuild host. Tokens and client secrets are set under Secrets below and
        stay in the secret store (the system keychain, or the environment on a server).
      </p>
      <HostSection client={client} />
      <AppearanceSection />
      {load.state === 'loading' && <p data-testid="settings-loading">Loading settings…</p>}
      {load.state === 'failed' && <ErrorBox error={load.error} testId="settings-load-error" />}
      {load.state === 'loaded' && (
        <SettingsEditor
          key={generation}
          client={client}
          settings={load.settings}
          onSaved={(settings) => setLoad({ state: 'loaded', settings })}
        />
      )}
      <SecretsSection client={client} />
      <ConfigTransfer client={client} onImported={() => setGeneration((g) => g + 1)} />
    </section>
  );
}

function SettingsEditor({
  client,
  settings,
  onSaved,
}: {
  client: GitGuildClient;
  settings: Settings;
  onSaved: (settings: Settings) => void;
}) {
  const [form, setForm] = useState<SettingsForm>(() => toForm(settings));
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const patch = useMemo(() => diffSettings(settings, form), [settings, form]);
  const dirty = Object.keys(patch).length > 0;
  const fields = Object.keys(form) as SettingsField[];
  const issues =
    save.state === 'failed'
      ? issuesByField(save.error.issues, fields)
      : { byField: {}, general: [] };
  const firstInvalid = fields.find((field) => issues.byField[field]);

  // Bring the first refused field into view: the form is taller than the window.
  useEffect(() => {
    if (firstInvalid) document.getElementById(`setting-${firstInvalid}`)?.focus();
  }, [save, firstInvalid]);

  function set<K extends SettingsField>(key: K, value: SettingsForm[K]): void {
    setForm((previous) => ({ ...previous, [key]: value }));
    if (save.state === 'saved') setSave({ state: 'idle' });
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!dirty) return;
    setSave({ state: 'saving' });
    try {
      const saved = await client.api['settings.update'](patch);
      onSaved(saved);
      setForm(toForm(saved));
      setSave({ state: 'saved' });
    } catch (error) {
      setSave({ state: 'failed', error: asApiError(error) });
    }
  }

  const text = (
    key: Exclude<
      SettingsField,
      `crawl.include${'Archived' | 'Forks' | 'Bots'}` | 'startMinimized' | 'launchAtLogin'
    >,
  ) => ({
    id: `setting-${key}`,
    name: key,
    value: form[key],
    'data-testid': `setting-${key}`,
    'aria-invalid': issues.byField[key] ? true : undefined,
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
  });
  const check = (
    key:
      | 'crawl.includeArchived'
      | 'crawl.includeForks'
      | 'crawl.includeBots'
      | 'startMinimized'
      | 'launchAtLogin',
  ) => ({
    id: `setting-${key}`,
    name: key,
    type: 'checkbox',
    checked: form[key],
    'data-testid': `setting-${key}`,
    onChange: (e: { target: { checked: boolean } }) => set(key, e.target.checked),
  });

  return (
    // noValidate: the host is the one authority on what is valid, and says why.
    <form
      className="settings"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="settings-form"
    >
      {save.state === 'failed' && (
        <ErrorBox
          error={save.error}
          testId="settings-error"
          headline={
            save.error.issues.length > 0 ? 'The host did not save these settings:' : undefined
          }
          lines={[
            ...fields.flatMap((field) =>
              (issues.byField[field] ?? []).map((message) => `${LABELS[field]}: ${message}`),
            ),
            ...issues.general,
          ]}
        />
      )}
      <fieldset>
        <legend>Schedule</legend>
        <Field
          id="timeZone"
          label={LABELS['timeZone']}
          hint="Days and weekly windows are counted in this zone."
          errors={issues.byField.timeZone}
        >
          <input {...text('timeZone')} list="time-zones" autoComplete="off" spellCheck={false} />
          <datalist id="time-zones">
            {TIME_ZONES.map((tz) => (
              <option key={tz} value={tz} />
            ))}
          </datalist>
        </Field>
        <Field
          id="syncIntervalMinutes"
          label={LABELS['syncIntervalMinutes']}
          hint="Between 5 minutes and 24 hours (1440)."
          errors={issues.byField.syncIntervalMinutes}
        >
          <input {...text('syncIntervalMinutes')} inputMode="numeric" />
        </Field>
        <Check label={LABELS['startMinimized']} {...check('startMinimized')} />
        <Check label={LABELS['launchAtLogin']} {...check('launchAtLogin')} />
      </fieldset>

      <fieldset>
        <legend>GitHub</legend>
        <Field
          id="githubOrgs"
          label={LABELS['githubOrgs']}
          hint="Logins, separated by commas."
          errors={issues.byField.githubOrgs}
        >
          <input {...text('githubOrgs')} spellCheck={false} placeholder="my-org, another-org" />
        </Field>
        <Check label={LABELS['crawl.includeArchived']} {...check('crawl.includeArchived')} />
        <Check label={LABELS['crawl.includeForks']} {...check('crawl.includeForks')} />
        <Check label={LABELS['crawl.includeBots']} {...check('crawl.includeBots')} />
        <Field
          id="crawl.repoInclude"
          label={LABELS['crawl.repoInclude']}
          hint="One per line; empty means all."
          errors={issues.byField['crawl.repoInclude']}
        >
          <textarea {...text('crawl.repoInclude')} rows={3} spellCheck={false} />
        </Field>
        <Field
          id="crawl.repoExclude"
          label={LABELS['crawl.repoExclude']}
          hint="One per line."
          errors={issues.byField['crawl.repoExclude']}
        >
          <textarea {...text('crawl.repoExclude')} rows={3} spellCheck={false} />
        </Field>
      </fieldset>

      <fieldset>
        <legend>Endpoints</legend>
        <Field
          id="discordClientId"
          label={LABELS['discordClientId']}
          errors={issues.byField.discordClientId}
        >
          <input {...text('discordClientId')} inputMode="numeric" spellCheck={false} />
        </Field>
        <Field
          id="githubApiBaseUrl"
          label={LABELS['githubApiBaseUrl']}
          hint="Change for GitHub Enterprise Server."
          errors={issues.byField.githubApiBaseUrl}
        >
          <input {...text('githubApiBaseUrl')} spellCheck={false} />
        </Field>
        <Field
          id="githubWebBaseUrl"
          label={LABELS['githubWebBaseUrl']}
          errors={issues.byField.githubWebBaseUrl}
        >
          <input {...text('githubWebBaseUrl')} spellCheck={false} />
        </Field>
        <Field
          id="discordApiBaseUrl"
          label={LABELS['discordApiBaseUrl']}
          errors={issues.byField.discordApiBaseUrl}
        >
          <input {...text('discordApiBaseUrl')} spellCheck={false} />
        </Field>
      </fieldset>

      <div className="form-actions">
        <button
          type="submit"
          className="primary"
          disabled={!dirty || save.state === 'saving'}
          data-testid="settings-save"
        >
          {save.state === 'saving' ? 'Saving…' : 'Save'}
        </button>
        <button
          type="button"
          disabled={!dirty || save.state === 'saving'}
          onClick={() => {
            setForm(toForm(settings));
            setSave({ state: 'idle' });
          }}
          data-testid="settings-revert"
        >
          Revert
        </button>
        <span role="status" className="save-status">
          {save.state === 'saved' && (
            <span className="ok" data-testid="settings-saved">
              Saved.
            </span>
          )}
          {save.state === 'idle' && !dirty && <span className="muted">No unsaved changes.</span>}
        </span>
      </div>
    </form>
  );
}

function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div className={`field${errors ? ' has-error' : ''}`}>
      <label htmlFor={`setting-${id}`}>{label}</label>
      {children}
      {errors?.map((message) => (
        <p key={message} className="field-error" data-testid={`field-error-${id}`}>
          {message}
        </p>
      ))}
      {hint && !errors && <p className="field-hint">{hint}</p>}
    </div>
  );
}

function Check({
  label,
  ...input
}: { label: string } & InputHTMLAttributes<HTMLInputElement> & { 'data-testid': string }) {
  return (
    <label className="check">
      <input {...input} />
      {label}
    </label>
  );
}
