// This host at a glance: where its data lives, whether secrets can be kept, launching at login
// (desktop only: shown when the host's settings have it), and the way back into the setup wizard.
import { useState } from 'react';
import type { MethodOutput } from '../../../src-main/api/contract';
import type { GitGuildClient } from '../../api/api-client';
import type { ApiError } from '../../api/api-error';
import { navigate } from '../../app/navigate';
import { asApiError } from '../../app/use-health';
import { ErrorState, LoadingState } from '../../components/states';
import { useLoad } from '../../components/use-load';
import { ErrorBox } from '../ErrorBox';

type Settings = MethodOutput<'settings.get'>;
/** The desktop shell adds `launchAtLogin` to the settings; a headless host has none. */
type WithLaunchAtLogin = Settings & { launchAtLogin?: boolean };

export function HostSection({ client }: { client: GitGuildClient }) {
  const about = useLoad(() => client.api['host.about'](), [client]);
  const secrets = useLoad(() => client.api['secrets.status'](), [client]);
  const settings = useLoad(() => client.api['settings.get'](), [client]);
  return (
    <fieldset className="panel" data-testid="host-section">
      <legend>This host</legend>
      <dl className="facts">
        <div>
          <dt>Data folder</dt>
          <dd data-testid="host-data-dir">
            {about.state === 'loaded' && <code>{about.value.dataDir}</code>}
            {about.state === 'loading' && <LoadingState label="Loading…" testId="host-loading" />}
            {about.state === 'failed' && <ErrorState error={about.error} testId="host-error" />}
          </dd>
        </div>
        <div>
          <dt>Secret store</dt>
          <dd data-testid="host-keychain">
            {secrets.state === 'loaded' &&
              (secrets.value.keychain.available ? (
                <span>
                  <span className="pill pill-ok">Available</span> {secrets.value.keychain.backend}
                  {secrets.value.writable ? '' : ' (read-only)'}
                </span>
              ) : (
                <span>
                  <span className="pill pill-bad">Unavailable</span>{' '}
                  {secrets.value.keychain.problem ?? 'The secret store cannot be used.'}
                </span>
              ))}
          </dd>
        </div>
      </dl>
      {settings.state === 'loaded' && 'launchAtLogin' in settings.value && (
        <LaunchAtLogin
          client={client}
          initial={(settings.value as WithLaunchAtLogin).launchAtLogin === true}
        />
      )}
      <div className="form-row">
        <button
          type="button"
          onClick={() => navigate({ page: 'setup' })}
          data-testid="reopen-setup"
        >
          Re-open the setup wizard
        </button>
        <span className="field-hint">Check or change the bot, GitHub and organisation steps.</span>
      </div>
    </fieldset>
  );
}

function LaunchAtLogin({ client, initial }: { client: GitGuildClient; initial: boolean }) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<ApiError | null>(null);
  async function change(next: boolean): Promise<void> {
    setValue(next);
    setError(null);
    try {
      // Typed loosely until the desktop shell's settings field is part of the contract.
      const patch = { launchAtLogin: next } as Parameters<
        GitGuildClient['api']['settings.update']
      >[0];
      await client.api['settings.update'](patch);
    } catch (caught) {
      setValue(!next);
      setError(asApiError(caught));
    }
  }
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={value}
          onChange={(e) => void change(e.target.checked)}
          data-testid="setting-launchAtLogin"
        />
        Start GitGuild when I log in
      </label>
      {error && <ErrorBox error={error} testId="launch-at-login-error" />}
    </>
  );
}
