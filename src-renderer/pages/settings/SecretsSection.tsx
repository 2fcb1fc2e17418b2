// Secrets, write-only: for each token or client secret, whether the host has it, a field to set
// a new one and a Remove button. No value ever comes back from the host or stays in the page.
import { useEffect, useState, type FormEvent } from 'react';
import type { MethodInput, MethodOutput } from '../../../src-main/api/contract';
import type { GitGuildClient } from '../../api/api-client';
import type { ApiError } from '../../api/api-error';
import { asApiError } from '../../app/use-health';
import { ErrorBox } from '../ErrorBox';

type SecretsStatus = MethodOutput<'secrets.status'>;
type SettableAccount = MethodInput<'secrets.set'>['account'];

const ACCOUNTS: Record<SettableAccount, { label: string; hint: string }> = {
  'github.token': {
    label: 'GitHub token',
    hint: "A token with read access to the organisation's repositories; the crawl uses it.",
  },
  'discord.botToken': {
    label: 'Discord bot token',
    hint: 'From the Discord developer portal, Bot tab. The bot restarts with a new token.',
  },
  'discord.clientSecret': {
    label: 'Discord OAuth client secret',
    hint: 'For admin sign-in with Discord.',
  },
  'github.clientSecret': {
    label: 'GitHub OAuth client secret',
    hint: 'For admin sign-in and web-callback linking with GitHub.',
  },
};
const ACCOUNT_IDS = Object.keys(ACCOUNTS) as SettableAccount[];

type RowOutcome =
  | { state: 'idle' }
  | { state: 'busy' }
  | { state: 'saved' }
  | { state: 'removed' }
  | { state: 'failed'; error: ApiError };

export function SecretsSection({ client }: { client: GitGuildClient }) {
  const [status, setStatus] = useState<SecretsStatus | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);

  useEffect(() => {
    let active = true;
    client.api['secrets.status']().then(
      (s) => active && setStatus(s),
      (error: unknown) => active && setLoadError(asApiError(error)),
    );
    return () => {
      active = false;
    };
  }, [client]);

  return (
    <fieldset className="panel" data-testid="secrets">
      <legend>Secrets</legend>
      <p className="field-hint">
        Stored in {status ? backendName(status.keychain.backend) : 'the secret store'}, never in
        GitGuild's files. Values can be replaced or removed here, never shown.
      </p>
      {loadError && <ErrorBox error={loadError} testId="secrets-load-error" />}
      {status && !status.writable && (
        <div className="warn-box" data-testid="secrets-read-only">
          <strong>Secrets cannot be changed here.</strong>{' '}
          {status.keychain.available
            ? `This host reads them from the ${status.keychain.backend} backend, which is read-only: set the environment variable or secret file and restart GitGuild (README, "Secrets on a server").`
            : (status.keychain.problem ?? 'The secret store is unavailable.')}
        </div>
      )}
      {status &&
        ACCOUNT_IDS.map((account) => (
          <SecretRow
            key={account}
            client={client}
            account={account}
            present={status.present[account]}
            writable={status.writable}
            onStatus={setStatus}
          />
        ))}
    </fieldset>
  );
}

function backendName(backend: SecretsStatus['keychain']['backend']): string {
  switch (backend) {
    case 'keytar':
      return 'the system keychain';
    case 'env':
      return 'environment variables or secret files';
    case 'memory':
      return 'memory only (lost when the host stops)';
    case 'none':
      return 'no secret store';
  }
}

export function SecretRow({
  client,
  account,
  present,
  writable,
  onStatus,
}: {
  client: GitGuildClient;
  account: SettableAccount;
  present: boolean;
  writable: boolean;
  onStatus: (status: SecretsStatus) => void;
}) {
  const [outcome, setOutcome] = useState<RowOutcome>({ state: 'idle' });
  const [hasInput, setHasInput] = useState(false);
  const { label, hint } = ACCOUNTS[account];
  const id = `secret-${account}`;

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    // Uncontrolled on purpose: React mirrors a controlled input's value into the DOM attribute.
    const value = new FormData(form).get('value');
    if (typeof value !== 'string' || value === '') return;
    setOutcome({ state: 'busy' });
    try {
      onStatus(await client.api['secrets.set']({ account, value }));
      form.reset();
      setHasInput(false);
      setOutcome({ state: 'saved' });
    } catch (error) {
      setOutcome({ state: 'failed', error: asApiError(error) });
    }
  }

  async function remove(): Promise<void> {
    setOutcome({ state: 'busy' });
    try {
      onStatus(await client.api['secrets.delete']({ account }));
      setOutcome({ state: 'removed' });
    } catch (error) {
      setOutcome({ state: 'failed', error: asApiError(error) });
    }
  }

  return (
    <form className="secret-row" onSubmit={(e) => void save(e)} noValidate data-testid={id}>
      <div className="secret-head">
        <label htmlFor={`${id}-value`}>{label}</label>
        <span
          className={`pill ${present ? 'pill-ok' : 'pill-idle'}`}
          data-testid={`${id}-state`}
          data-present={present}
        >
          {present ? 'Set' : 'Not set'}
        </span>
      </div>
      <div className="form-row">
        <input
          id={`${id}-value`}
          name="value"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={present ? 'Enter a new value to replace it' : 'Paste the value'}
          disabled={!writable || outcome.state === 'busy'}
          onChange={(e) => setHasInput(e.target.value !== '')}
          data-testid={`${id}-input`}
        />
        <button
          type="submit"
          className="primary"
          disabled={!writable || !hasInput || outcome.state === 'busy'}
          data-testid={`${id}-save`}
        >
          Save
        </button>
        {present && (
          <button
            type="button"
            disabled={!writable || outcome.state === 'busy'}
            onClick={() => void remove()}
            data-testid={`${id}-remove`}
          >
            Remove
          </button>
        )}
        <span role="status" className="save-status">
          {outcome.state === 'saved' && <span className="ok">Saved.</span>}
          {outcome.state === 'removed' && <span className="ok">Removed.</span>}
        </span>
      </div>
      {outcome.state === 'failed' ? (
        <ErrorBox
          error={outcome.error}
          testId={`${id}-error`}
          lines={outcome.error.issues.map((i) => `${label}: ${i.message}`)}
        />
      ) : (
        <p className="field-hint">{hint}</p>
      )}
    </form>
  );
}
