// Guilds: every Discord server the bot is in or GitGuild manages, with the admin's badge when they
// signed in with Discord, the bot's presence (or an Invite button for servers the admin manages
// without the bot), and each managed server's health: the permission and role-hierarchy problems
// a sync would hit, each with its fix (from `sync.preview` of the saved mappings).
import { useEffect, useRef, useState } from 'react';
import type { GitGuildClient } from '../../api/api-client';
import type { ApiError } from '../../api/api-error';
import { navigate } from '../../app/navigate';
import { asApiError } from '../../app/use-health';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { shownValue, useLoad } from '../../components/use-load';
import { ErrorBox } from '../ErrorBox';
import { ProblemList, type GuildView } from './guild-bits';

type DiscordGuild = Awaited<ReturnType<GitGuildClient['api']['auth.discord.guilds']>>[number];

const BADGE: Record<NonNullable<DiscordGuild['badge']>, string> = {
  owner: 'Owner',
  administrator: 'Administrator',
  manage_server: 'Manage Server',
};

export function GuildsPage({ client }: { client: GitGuildClient }) {
  const guilds = useLoad(() => client.api['guilds.list'](), [client]);
  // The bot joining or leaving a server (or coming online) changes the list: read it again.
  const { reload } = guilds;
  const botSeen = useRef<string | null>(null);
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type !== 'status') return;
        const seen = `${event.health.bot.state}/${event.health.bot.guilds}`;
        if (botSeen.current !== null && botSeen.current !== seen) reload();
        botSeen.current = seen;
      }),
    [client, reload],
  );
  const auth = useLoad(() => client.api['auth.status'](), [client]);
  const signedIn = auth.state === 'loaded' && auth.value.discord.signedIn;
  const discord = useLoad(
    () => (signedIn ? client.api['auth.discord.guilds']() : Promise.resolve(null)),
    [client, signedIn],
  );
  const list = shownValue(guilds)?.guilds ?? null;
  const mine = discord.state === 'loaded' ? discord.value : null;
  const byId = new Map((mine ?? []).map((g) => [g.id, g]));
  const withoutBot = (mine ?? []).filter(
    (g) => g.canManage && !g.botPresent && !list?.some((l) => l.id === g.id && l.botPresent),
  );

  return (
    <section className="page page-wide" data-testid="page-guilds">
      <h1 tabIndex={-1}>Guilds</h1>
      <p className="lede">
        The Discord servers GitGuild&apos;s bot is in. Open one to choose its organisation, its
        settings and the roles it gives.
      </p>
      {guilds.state === 'failed' && (
        <ErrorState error={guilds.error} testId="guilds-error" onRetry={guilds.reload} />
      )}
      {list === null && guilds.state === 'loading' && (
        <LoadingState label="Loading servers…" testId="guilds-loading" />
      )}
      {list && list.length === 0 && (
        <EmptyState title="The bot is in no server yet" testId="guilds-empty">
          <p>
            Invite it with the link below (or from Setup → Invite the bot). It needs the bot token
            set and the bot online (see the status bar).
          </p>
        </EmptyState>
      )}
      {list && list.length > 0 && (
        <ul className="guild-list" data-testid="guild-list">
          {list.map((g) => (
            <GuildCard
              key={g.id}
              client={client}
              guild={g}
              discord={byId.get(g.id) ?? null}
              onChanged={guilds.reload}
            />
          ))}
        </ul>
      )}
      <section className="panel-section" aria-labelledby="invite-title">
        <h2 id="invite-title" className="section-title">
          Servers without the bot
        </h2>
        {auth.state === 'loaded' && !auth.value.discord.signedIn && (
          <DiscordSignIn client={client} inviteUrl={auth.value.setup.botInviteUrl} />
        )}
        {discord.state === 'failed' && (
          <ErrorState
            error={discord.error}
            testId="discord-guilds-error"
            onRetry={discord.reload}
          />
        )}
        {mine && withoutBot.length === 0 && (
          <p className="muted" data-testid="invite-none">
            The bot is in every server you manage.
          </p>
        )}
        {withoutBot.length > 0 && (
          <ul className="guild-list" data-testid="invite-list">
            {withoutBot.map((g) => (
              <li key={g.id} className="guild-card" data-testid={`invite-${g.id}`}>
                <GuildIcon name={g.name} />
                <div className="guild-main">
                  <div className="guild-name">
                    {g.name} {g.badge && <span className="pill pill-idle">{BADGE[g.badge]}</span>}
                  </div>
                  <div className="muted">The bot is not in this server.</div>
                </div>
                <InviteButton client={client} guildId={g.id} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

function GuildIcon({ name }: { name: string }) {
  const initials = name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 3);
  return (
    <span className="guild-icon" aria-hidden="true">
      {initials}
    </span>
  );
}

function GuildCard({
  client,
  guild,
  discord,
  onChanged,
}: {
  client: GitGuildClient;
  guild: GuildView;
  discord: DiscordGuild | null;
  onChanged: () => void;
}) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const health = useLoad(
    () =>
      guild.configured && guild.botPresent
        ? client.api['sync.preview']({ guildId: guild.id })
        : Promise.resolve(null),
    [client, guild.id, guild.configured, guild.botPresent],
  );
  async function manage(): Promise<void> {
    setBusy(true);
    try {
      await client.api['guilds.update']({ id: guild.id, enabled: true });
      onChanged();
      navigate({ page: 'guild', guildId: guild.id });
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }
  const notAssignable = guild.roles.filter((r) => !r.assignable && r.name !== '@everyone');
  return (
    <li className="guild-card" data-testid={`guild-${guild.id}`}>
      <GuildIcon name={guild.name} />
      <div className="guild-main">
        <div className="guild-name">
          {guild.configured ? (
            <a href={`#/guilds/${guild.id}`} data-testid="guild-open">
              {guild.name}
            </a>
          ) : (
            guild.name
          )}{' '}
          {discord?.badge && (
            <span className="pill pill-idle" data-testid="guild-badge">
              {BADGE[discord.badge]}
            </span>
          )}{' '}
          {guild.botPresent ? (
            <span className="pill pill-ok" data-testid="guild-bot">
              Bot present
            </span>
          ) : (
            <span className="pill pill-bad" data-testid="guild-bot">
              Bot missing
            </span>
          )}{' '}
          {guild.configured && !guild.enabled && <span className="pill pill-idle">Paused</span>}
        </div>
        <div className="muted">
          {guild.memberCount !== null && `${guild.memberCount} members · `}
          {guild.configured
            ? `Organisation: ${guild.org ?? 'not chosen'} · sync every ${guild.syncIntervalMinutes} min`
            : 'Not managed by GitGuild yet'}
          {guild.botPresent && ` · ${notAssignable.length} roles above the bot or managed`}
        </div>
        {health.state === 'loading' && guild.configured && guild.botPresent && (
          <LoadingState label="Checking permissions and roles…" testId="guild-health-loading" />
        )}
        {health.state === 'failed' && <ErrorBox error={health.error} testId="guild-health-error" />}
        {health.state === 'loaded' &&
          health.value &&
          (health.value.problems.length === 0 ? (
            <p className="health-ok" data-testid="guild-health-ok">
              ✓ Permissions and role order are fine for every mapping.
            </p>
          ) : (
            <ProblemList problems={health.value.problems} testId="guild-health" />
          ))}
        {error && <ErrorBox error={error} testId="guild-manage-error" />}
      </div>
      <div className="guild-actions">
        {guild.configured ? (
          <a className="button-link" href={`#/guilds/${guild.id}`}>
            Settings and roles
          </a>
        ) : guild.botPresent ? (
          <button
            type="button"
            className="primary"
            onClick={manage}
            disabled={busy}
            data-testid="guild-manage"
          >
            Manage with GitGuild
          </button>
        ) : (
          <InviteButton client={client} guildId={guild.id} />
        )}
      </div>
    </li>
  );
}

function InviteButton({ client, guildId }: { client: GitGuildClient; guildId: string }) {
  const [invite, setInvite] = useState<{ url: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  async function open(): Promise<void> {
    try {
      const answer = await client.api['auth.discord.invite']({ guildId });
      setInvite(answer);
      window.open(answer.url, '_blank', 'noopener,noreferrer');
    } catch (e) {
      setError(asApiError(e));
    }
  }
  return (
    <div className="guild-actions">
      <button type="button" className="primary" onClick={open} data-testid="guild-invite">
        Invite the bot
      </button>
      {invite && (
        <a href={invite.url} target="_blank" rel="noreferrer" data-testid="guild-invite-link">
          Open the invite again
        </a>
      )}
      {error && <ErrorBox error={error} testId="guild-invite-error" />}
    </div>
  );
}

function DiscordSignIn({
  client,
  inviteUrl,
}: {
  client: GitGuildClient;
  inviteUrl: string | null;
}) {
  const [start, setStart] = useState<{ url: string; opened: boolean } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  async function begin(): Promise<void> {
    try {
      const answer = await client.api['auth.discord.begin']();
      setStart({ url: answer.authorizationUrl, opened: answer.opened });
    } catch (e) {
      setError(asApiError(e));
    }
  }
  return (
    <div className="note-box" data-testid="guilds-signin">
      <p>
        Sign in with Discord to see the servers you manage where the bot is missing, and your badge
        in each (Owner, Administrator, Manage Server).
      </p>
      <p>
        <button type="button" onClick={begin} data-testid="guilds-signin-button">
          Sign in with Discord
        </button>{' '}
        {inviteUrl && (
          <a href={inviteUrl} target="_blank" rel="noreferrer" data-testid="guilds-invite-any">
            Or invite the bot to a server
          </a>
        )}
      </p>
      {start && !start.opened && (
        <p>
          Open{' '}
          <a href={start.url} target="_blank" rel="noreferrer">
            Discord&apos;s sign-in page
          </a>{' '}
          in your browser; this page updates when you are back.
        </p>
      )}
      {error && <ErrorBox error={error} testId="guilds-signin-error" />}
    </div>
  );
}
