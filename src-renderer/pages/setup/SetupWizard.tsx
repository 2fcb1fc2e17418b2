// The setup wizard: one step at a time, each saying what is true now, what is wrong and how to
// fix it. Steps are read from the host's real state (setup-steps.ts); the step open last is kept
// in settings.setupWizard, so the admin can leave at any point and come back to the same place,
// in this browser or another.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { GitGuildClient } from '../../api/api-client';
import type { ApiError } from '../../api/api-error';
import { CrawlProgressBar } from '../../app/CrawlProgressBar';
import { navigate } from '../../app/navigate';
import type { CrawlController } from '../../app/use-crawl';
import { asApiError } from '../../app/use-health';
import type { SetupController } from '../../app/use-setup';
import { ErrorState, LoadingState } from '../../components/states';
import { ErrorBox } from '../ErrorBox';
import { SecretRow } from '../settings/SecretsSection';
import {
  resumeStep,
  SETUP_STEPS,
  type SetupFacts,
  type SetupStepId,
  type StepState,
  type StepStatus,
} from './setup-steps';

const STATUS_LABEL: Record<StepStatus, string> = {
  done: 'Done',
  attention: 'Needs attention',
  todo: 'To do',
  optional: 'Optional',
};

export function SetupWizard({
  client,
  crawl,
  setup,
}: {
  client: GitGuildClient;
  crawl: CrawlController;
  setup: SetupController;
}) {
  const [step, setStep] = useState<SetupStepId | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const { facts, states, refresh } = setup;

  // Fresh facts each time the wizard opens; then resume where the admin left off.
  useEffect(() => refresh(), [refresh]);
  useEffect(() => {
    if (step === null && facts) setStep(resumeStep(facts, states));
  }, [facts, states, step]);

  async function remember(patch: { step: SetupStepId | null; dismissedAt: string | null }) {
    try {
      await client.api['settings.update']({ setupWizard: patch });
      setSaveError(null);
    } catch (error) {
      setSaveError(asApiError(error));
    }
  }

  function open(next: SetupStepId): void {
    setStep(next);
    void remember({ step: next, dismissedAt: facts?.settings.setupWizard.dismissedAt ?? null });
  }

  async function leave(finished: boolean): Promise<void> {
    await remember({
      step: finished ? null : step,
      dismissedAt: finished ? new Date().toISOString() : null,
    });
    refresh();
    navigate({ page: 'stats' });
  }

  if (!facts || step === null) {
    return (
      <section className="page" data-testid="page-setup">
        <h1 tabIndex={-1}>Set up GitGuild</h1>
        <LoadingState label="Reading this host’s state…" testId="setup-loading" />
      </section>
    );
  }
  const index = SETUP_STEPS.findIndex((s) => s.id === step);
  const current = states[index]!;
  const previous = SETUP_STEPS[index - 1];
  const next = SETUP_STEPS[index + 1];

  return (
    <section className="page page-wide" data-testid="page-setup" data-step={step}>
      <h1 tabIndex={-1}>Set up GitGuild</h1>
      <p className="lede">
        A few steps, in any order; leave whenever you like and this page picks up where you stopped.
      </p>
      <div className="wizard">
        <nav aria-label="Setup steps" className="wizard-steps">
          <ol>
            {SETUP_STEPS.map((s, i) => {
              const state = states[i]!;
              return (
                <li key={s.id}>
                  <button
                    type="button"
                    className={`wizard-step status-${state.status}`}
                    aria-current={s.id === step ? 'step' : undefined}
                    onClick={() => open(s.id)}
                    data-testid={`setup-step-${s.id}`}
                    data-status={state.status}
                  >
                    <span className="wizard-step-number" aria-hidden="true">
                      {state.status === 'done' ? '✓' : i + 1}
                    </span>
                    <span className="wizard-step-title">{s.title}</span>
                    <span className="wizard-step-status">{STATUS_LABEL[state.status]}</span>
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
        <div className="wizard-panel" data-testid={`setup-panel-${step}`}>
          <h2>
            Step {index + 1}: {SETUP_STEPS[index]!.title}
          </h2>
          <StepVerdict state={current} />
          <StepBody step={step} client={client} crawl={crawl} facts={facts} onChange={refresh} />
          {saveError && <ErrorBox error={saveError} testId="setup-save-error" />}
          <div className="wizard-actions">
            {previous && (
              <button type="button" onClick={() => open(previous.id)} data-testid="setup-back">
                Back
              </button>
            )}
            {next ? (
              <button
                type="button"
                className="primary"
                onClick={() => open(next.id)}
                data-testid="setup-next"
              >
                Next: {next.title}
              </button>
            ) : (
              <button
                type="button"
                className="primary"
                onClick={() => void leave(true)}
                data-testid="setup-finish"
              >
                Finish
              </button>
            )}
            <span className="status-spacer" />
            <button type="button" onClick={() => void leave(false)} data-testid="setup-leave">
              Continue later
            </button>
          </div>
        </div>
      </div>
    </section>
  );
}

function StepVerdict({ state }: { state: StepState }) {
  const box =
    state.status === 'done' ? 'ok-box' : state.status === 'attention' ? 'warn-box' : 'note-box';
  return (
    <div className={box} role="status" data-testid="setup-verdict" data-status={state.status}>
      <p>
        <strong>{STATUS_LABEL[state.status]}.</strong> {state.summary}
      </p>
      {state.fix && (
        <p data-testid="setup-fix">
          <strong>How to fix:</strong> {state.fix}
        </p>
      )}
    </div>
  );
}

function StepBody({
  step,
  client,
  crawl,
  facts,
  onChange,
}: {
  step: SetupStepId;
  client: GitGuildClient;
  crawl: CrawlController;
  facts: SetupFacts;
  onChange: () => void;
}) {
  const secretRow = (account: 'discord.botToken' | 'github.token') => (
    <SecretRow
      client={client}
      account={account}
      present={facts.secrets.present[account]}
      writable={facts.secrets.writable}
      onStatus={() => onChange()}
    />
  );
  switch (step) {
    case 'bot':
      return (
        <>
          <ol className="how-to">
            <li>
              Open the Discord Developer Portal, choose <strong>Applications</strong> and your bot’s
              application (or <strong>New Application</strong>).
            </li>
            <li>
              On the <strong>Bot</strong> tab press <strong>Reset Token</strong> and copy it.
            </li>
            <li>Paste it below. It goes straight to the secret store and is never shown again.</li>
          </ol>
          {secretRow('discord.botToken')}
          <p className="field-hint" data-testid="setup-bot-state">
            Bot now: {facts.bot ? botWords(facts.bot) : 'unknown (the host is not answering)'}
          </p>
        </>
      );
    case 'discord-oauth':
      return <DiscordOAuthStep client={client} facts={facts} onChange={onChange} />;
    case 'github':
      return (
        <>
          <p>
            GitGuild reads the organisation’s pull requests, issues, commits and reviews with a
            GitHub token that can read its repositories (a fine-grained token with read access to
            the organisation’s repositories, or a classic token with <code>repo</code> for private
            ones). Sign-in with GitHub replaces this step later.
          </p>
          {secretRow('github.token')}
        </>
      );
    case 'org':
      return <OrgStep client={client} orgs={facts.settings.githubOrgs} onSaved={onChange} />;
    case 'crawl':
      return <CrawlStep crawl={crawl} facts={facts} />;
    case 'invite':
      return <InviteStep facts={facts} onChange={onChange} />;
  }
}

function botWords(bot: NonNullable<SetupFacts['bot']>): string {
  switch (bot.state) {
    case 'ready':
      return `online in ${bot.guilds} server${bot.guilds === 1 ? '' : 's'}.`;
    case 'not_configured':
      return 'not configured.';
    default:
      return `${bot.state}${bot.detail ? `: ${bot.detail}` : '.'}`;
  }
}

function OrgStep({
  client,
  orgs,
  onSaved,
}: {
  client: GitGuildClient;
  orgs: string[];
  onSaved: () => void;
}) {
  const [value, setValue] = useState(orgs[0] ?? '');
  const [state, setState] = useState<
    | { state: 'idle' }
    | { state: 'saving' }
    | { state: 'saved' }
    | { state: 'failed'; error: ApiError }
  >({ state: 'idle' });
  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setState({ state: 'saving' });
    const login = value.trim();
    try {
      await client.api['settings.update']({
        githubOrgs: [login, ...orgs.filter((o) => o.toLowerCase() !== login.toLowerCase())],
      });
      setState({ state: 'saved' });
      onSaved();
    } catch (error) {
      setState({ state: 'failed', error: asApiError(error) });
    }
  }
  return (
    <form onSubmit={(e) => void save(e)} noValidate data-testid="setup-org-form">
      <div className="field">
        <label htmlFor="setup-org">Organisation login</label>
        <input
          id="setup-org"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="my-org"
          spellCheck={false}
          autoComplete="off"
          data-testid="setup-org"
        />
        <p className="field-hint">As in github.com/&lt;login&gt;. More can be added in Settings.</p>
      </div>
      <div className="form-row">
        <button
          type="submit"
          className="primary"
          disabled={value.trim() === '' || state.state === 'saving'}
          data-testid="setup-org-save"
        >
          Save
        </button>
        <span role="status" className="save-status">
          {state.state === 'saved' && <span className="ok">Saved.</span>}
        </span>
      </div>
      {state.state === 'failed' && (
        <ErrorState
          error={state.error}
          testId="setup-org-error"
          headline="The organisation was not saved."
        />
      )}
    </form>
  );
}

function CrawlStep({ crawl, facts }: { crawl: CrawlController; facts: SetupFacts }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const started = useRef(false);
  const org = facts.settings.githubOrgs[0];
  async function start(): Promise<void> {
    setError(null);
    setNote(null);
    started.current = true;
    try {
      const answer = await crawl.run(org);
      if (!answer.started) setNote(answer.reason ?? 'The host did not start a crawl.');
    } catch (caught) {
      setError(asApiError(caught));
    }
  }
  const summary = crawl.status?.orgs.find((o) => o.org.toLowerCase() === org?.toLowerCase());
  return (
    <>
      <p>
        The first crawl reads every repository of {org ?? 'the organisation'} once; later crawls
        fetch only what changed. A large organisation takes a few minutes, and you can leave this
        page while it runs.
      </p>
      <div className="form-row">
        <button
          type="button"
          className="primary"
          onClick={() => void start()}
          disabled={!org || crawl.progress !== null}
          data-testid="setup-crawl"
        >
          {crawl.progress ? 'Crawling…' : summary ? 'Crawl again' : 'Start the first crawl'}
        </button>
      </div>
      {crawl.progress && (
        <CrawlProgressBar progress={crawl.progress} testId="setup-crawl-progress" />
      )}
      {error && <ErrorBox error={error} testId="setup-crawl-error" />}
      {note && (
        <p className="note" role="status">
          {note}
        </p>
      )}
      {summary && (
        <p data-testid="setup-crawl-summary">
          Last crawl finished {new Date(summary.finishedAt).toLocaleString()} with{' '}
          {summary.requests} requests
          {summary.missing.length > 0 &&
            `; ${summary.missing.length} repositories could not be read`}
          . <a href="#/stats">See the stats</a>.
        </p>
      )}
    </>
  );
}

function DiscordOAuthStep({
  client,
  facts,
  onChange,
}: {
  client: GitGuildClient;
  facts: SetupFacts;
  onChange: () => void;
}) {
  const [clientId, setClientId] = useState(facts.settings.discordClientId);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [start, setStart] = useState<{ url: string; opened: boolean } | null>(null);
  const setup = facts.auth?.setup;
  async function saveId(event: FormEvent): Promise<void> {
    event.preventDefault();
    try {
      setError(null);
      await client.api['settings.update']({ discordClientId: clientId.trim() });
      setSaved(true);
      onChange();
    } catch (e) {
      setError(asApiError(e));
    }
  }
  async function signIn(): Promise<void> {
    try {
      setError(null);
      const answer = await client.api['auth.discord.begin']();
      setStart({ url: answer.authorizationUrl, opened: answer.opened });
    } catch (e) {
      setError(asApiError(e));
    }
  }
  return (
    <>
      <ol className="how-to">
        <li>
          In the Discord Developer Portal open your bot’s application, then <strong>OAuth2</strong>.
        </li>
        <li>
          Under <strong>Redirects</strong> add exactly{' '}
          {setup ? (
            <code data-testid="setup-discord-redirect">{setup.discordRedirectUri}</code>
          ) : (
            'the redirect URI GitGuild shows here once the host answers'
          )}
          {setup?.discordPublicRedirectUri && (
            <>
              {' '}
              and <code>{setup.discordPublicRedirectUri}</code> (the dashboard’s public address)
            </>
          )}
          , and save.
        </li>
        <li>
          Copy the <strong>Client ID</strong> below, then <strong>Reset Secret</strong> and paste
          the client secret.
        </li>
      </ol>
      <form className="form-row" onSubmit={saveId}>
        <label htmlFor="setup-discord-client-id">Client ID</label>
        <input
          id="setup-discord-client-id"
          value={clientId}
          onChange={(e) => {
            setClientId(e.target.value);
            setSaved(false);
          }}
          inputMode="numeric"
          data-testid="setup-discord-client-id"
        />
        <button type="submit" data-testid="setup-discord-client-id-save">
          Save
        </button>
        {saved && <span className="ok">Saved.</span>}
      </form>
      <SecretRow
        client={client}
        account="discord.clientSecret"
        present={facts.secrets.present['discord.clientSecret']}
        writable={facts.secrets.writable}
        onStatus={() => onChange()}
      />
      <p>
        <button
          type="button"
          onClick={signIn}
          disabled={!facts.auth?.discord.configured}
          data-testid="setup-discord-signin"
        >
          Sign in with Discord
        </button>{' '}
        {start && !start.opened && (
          <a
            href={start.url}
            target="_blank"
            rel="noreferrer"
            data-testid="setup-discord-signin-link"
          >
            Open Discord’s sign-in page
          </a>
        )}
      </p>
      {error && <ErrorBox error={error} testId="setup-discord-error" />}
    </>
  );
}

function InviteStep({ facts, onChange }: { facts: SetupFacts; onChange: () => void }) {
  const setup = facts.auth?.setup;
  return (
    <>
      {setup?.botInviteUrl ? (
        <p>
          <a
            className="button-link primary"
            href={setup.botInviteUrl}
            target="_blank"
            rel="noreferrer"
            data-testid="setup-invite-link"
          >
            Invite the bot to a server
          </a>
        </p>
      ) : (
        <p className="warn-box" data-testid="setup-invite-missing">
          The invite link needs the application’s ID: set the bot token (step 1) or the Client ID
          (step 2).
        </p>
      )}
      {setup && (
        <>
          <p className="field-hint">
            Scopes{' '}
            {setup.botScopes.map((s) => (
              <code key={s}>{s} </code>
            ))}
            and exactly these permissions (integer {setup.botPermissions}):
          </p>
          <ul className="permission-list" data-testid="setup-invite-permissions">
            {setup.botPermissionList.map((p) => (
              <li key={p.name}>
                <strong>{p.name}</strong>: {p.why}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <button type="button" onClick={onChange} data-testid="setup-invite-check">
          Check again
        </button>{' '}
        <span className="field-hint" data-testid="setup-invite-bot">
          Bot now: {facts.bot ? botWords(facts.bot) : 'unknown (the host is not answering)'}
        </span>
      </p>
    </>
  );
}
