// Members: who linked which GitHub account (from `members.list`: Discord name, GitHub login, when
// and how, the roles GitGuild manages that they hold, all-time counts at a glance), unlinking,
// admin links (with moving an account linked to someone else), search, and the org's most active
// contributors nobody has linked, to invite.
import { useEffect, useState, type FormEvent } from 'react';
import type { GitGuildClient } from '../../api/api-client';
import type { ApiError } from '../../api/api-error';
import type { MethodOutput } from '../../../src-main/api/contract';
import { asApiError } from '../../app/use-health';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { shownValue, useLoad } from '../../components/use-load';
import { ErrorBox } from '../ErrorBox';
import { formatWhen, GuildPicker, managedGuilds, RoleChip } from '../guilds/guild-bits';

type MemberList = MethodOutput<'members.list'>;
type Member = MemberList['members'][number];

const METHOD: Record<Member['link']['method'], string> = {
  device_flow: '/link (device code)',
  web_oauth: '/link (web)',
  admin: 'admin',
};

export function MembersPage({ client }: { client: GitGuildClient }) {
  const guilds = useLoad(() => client.api['guilds.list'](), [client]);
  const managed = guilds.state === 'loaded' ? managedGuilds(guilds.value.guilds) : [];
  const [guildId, setGuildId] = useState('');
  const guild = managed.find((g) => g.id === guildId) ?? managed[0];
  const [changed, setChanged] = useState(0);
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'link-changed' || event.type === 'sync-finished')
          setChanged((n) => n + 1);
      }),
    [client],
  );
  const list = useLoad(
    () => (guild ? client.api['members.list']({ guildId: guild.id }) : Promise.resolve(null)),
    [client, guild?.id, changed],
  );
  const [search, setSearch] = useState('');
  const value = shownValue(list);
  const needle = search.trim().toLowerCase();
  const members = (value?.members ?? []).filter(
    (m) =>
      needle === '' ||
      m.link.githubLogin.toLowerCase().includes(needle) ||
      (m.member?.username.toLowerCase().includes(needle) ?? false) ||
      m.link.discordUserId.includes(needle),
  );
  return (
    <section className="page page-wide" data-testid="page-members">
      <h1 tabIndex={-1}>Members</h1>
      <p className="lede">
        Members link their GitHub account with <code>/link</code> in Discord. Here you see the
        links, fix them, and find active contributors who have not linked yet.
      </p>
      {guilds.state === 'loading' && (
        <LoadingState label="Loading servers…" testId="members-loading" />
      )}
      {guilds.state === 'failed' && (
        <ErrorState error={guilds.error} testId="members-error" onRetry={guilds.reload} />
      )}
      {guilds.state === 'loaded' && managed.length === 0 && (
        <EmptyState title="No server is managed yet" testId="members-no-guild">
          <p>
            Turn GitGuild on for a server under <a href="#/guilds">Guilds</a>; its linked members
            show here.
          </p>
        </EmptyState>
      )}
      {guild && (
        <>
          <div className="toolbar">
            <GuildPicker
              guilds={managed}
              value={guild.id}
              onChange={setGuildId}
              testId="members-guild"
            />
            <label className="toolbar-field search-field">
              Search
              <input
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                placeholder="Discord name, GitHub login or ID"
                data-testid="members-search"
              />
            </label>
          </div>
          {list.state === 'failed' && (
            <ErrorState error={list.error} testId="members-list-error" onRetry={list.reload} />
          )}
          {value === null && list.state === 'loading' && (
            <LoadingState label="Loading members…" testId="members-list-loading" />
          )}
          {value && !value.botConnected && (
            <p className="warn-box">
              The bot is not connected, so Discord names and roles are unknown.
            </p>
          )}
          {value && value.members.length === 0 && (
            <EmptyState title="Nobody has linked yet" testId="members-empty" headingLevel={2}>
              <p>Tell members to run /link in Discord, or link someone below.</p>
            </EmptyState>
          )}
          {value && value.members.length > 0 && (
            <MemberTable
              client={client}
              members={members}
              total={value.members.length}
              onChanged={() => setChanged((n) => n + 1)}
            />
          )}
          <AdminLink client={client} onLinked={() => setChanged((n) => n + 1)} />
          {value && <Unlinked list={value} />}
        </>
      )}
    </section>
  );
}

function MemberTable({
  client,
  members,
  total,
  onChanged,
}: {
  client: GitGuildClient;
  members: Member[];
  total: number;
  onChanged: () => void;
}) {
  const [error, setError] = useState<ApiError | null>(null);
  async function unlink(m: Member): Promise<void> {
    const who = m.member?.username ?? m.link.discordUserId;
    if (
      !window.confirm(
        `Unlink ${who} from ${m.link.githubLogin}? GitGuild takes back the roles it gave.`,
      )
    )
      return;
    try {
      setError(null);
      await client.api['links.remove']({ discordUserId: m.link.discordUserId });
      onChanged();
    } catch (e) {
      setError(asApiError(e));
    }
  }
  return (
    <section aria-labelledby="linked-title">
      <h2 id="linked-title" className="section-title">
        Linked members{' '}
        <span className="muted">
          ({members.length === total ? total : `${members.length} of ${total}`})
        </span>
      </h2>
      {members.length === 0 && (
        <p className="muted" data-testid="members-none-match">
          Nobody matches the search.
        </p>
      )}
      {members.length > 0 && (
        <table className="data-table" data-testid="members-table">
          <caption className="sr-only">Linked members</caption>
          <thead>
            <tr>
              <th scope="col">Discord</th>
              <th scope="col">GitHub</th>
              <th scope="col">Linked</th>
              <th scope="col">Managed roles</th>
              <th scope="col" className="num">
                Merged PRs
              </th>
              <th scope="col" className="num">
                Commits
              </th>
              <th scope="col" className="num">
                Reviews
              </th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr
                key={m.link.discordUserId}
                data-testid="member-row"
                data-discord-id={m.link.discordUserId}
                data-login={m.link.githubLogin}
              >
                <th scope="row">
                  {m.member ? m.member.username : <span className="muted">not in this server</span>}
                  <div className="muted small">{m.link.discordUserId}</div>
                </th>
                <td>{m.link.githubLogin}</td>
                <td>
                  {formatWhen(m.link.linkedAt)}
                  <div className="muted small">{METHOD[m.link.method]}</div>
                </td>
                <td data-testid="member-roles">
                  {m.member && m.member.managedRoles.length > 0 ? (
                    m.member.managedRoles.map((r) => (
                      <RoleChip key={r.id} name={r.name} color={r.color} />
                    ))
                  ) : (
                    <span className="muted">none</span>
                  )}
                </td>
                <td className="num">{m.totals?.prs_merged ?? '–'}</td>
                <td className="num">{m.totals?.commits ?? '–'}</td>
                <td className="num">{m.totals?.reviews ?? '–'}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => unlink(m)}
                    aria-label={`Unlink ${m.member?.username ?? m.link.discordUserId}`}
                    data-testid="member-unlink"
                  >
                    Unlink
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <ErrorBox error={error} testId="member-unlink-error" />}
    </section>
  );
}

function AdminLink({ client, onLinked }: { client: GitGuildClient; onLinked: () => void }) {
  const [discordUserId, setDiscordUserId] = useState('');
  const [githubLogin, setGithubLogin] = useState('');
  const [replace, setReplace] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setError(null);
    setDone(null);
    try {
      const link = await client.api['links.set']({
        discordUserId: discordUserId.trim(),
        githubLogin: githubLogin.trim(),
        replace,
      });
      setDone(`Linked ${link.discordUserId} to ${link.githubLogin}; their roles are being synced.`);
      setDiscordUserId('');
      setGithubLogin('');
      onLinked();
    } catch (e) {
      setError(asApiError(e));
    }
  }
  return (
    <form className="settings" onSubmit={submit} data-testid="admin-link">
      <fieldset>
        <legend>Link a member yourself</legend>
        <p className="field-hint">
          For members who cannot run /link. Discord: Settings → Advanced → Developer Mode, then
          right-click the member → Copy User ID.
        </p>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="link-discord">Discord user ID</label>
            <input
              id="link-discord"
              value={discordUserId}
              onChange={(e) => setDiscordUserId(e.target.value)}
              inputMode="numeric"
              required
              data-testid="admin-link-discord"
            />
          </div>
          <div className="field">
            <label htmlFor="link-github">GitHub login</label>
            <input
              id="link-github"
              value={githubLogin}
              onChange={(e) => setGithubLogin(e.target.value)}
              required
              data-testid="admin-link-github"
            />
          </div>
        </div>
        <label className="check">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
          Move the GitHub account if someone else has it linked
        </label>
        <button type="submit" data-testid="admin-link-submit">
          Link
        </button>{' '}
        {done && (
          <span className="ok" role="status" data-testid="admin-link-done">
            {done}
          </span>
        )}
        {error && (
          <ErrorBox
            error={error}
            testId="admin-link-error"
            lines={error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))}
          />
        )}
      </fieldset>
    </form>
  );
}

function Unlinked({ list }: { list: MemberList }) {
  return (
    <section aria-labelledby="unlinked-title" data-testid="members-unlinked">
      <h2 id="unlinked-title" className="section-title">
        Active contributors who have not linked
      </h2>
      {list.org === null && (
        <p className="muted">Choose the server&apos;s organisation under Guilds first.</p>
      )}
      {list.org !== null && list.unlinked.length === 0 && (
        <p className="muted">
          Everyone who contributed to {list.org} has linked (or no crawl has finished yet).
        </p>
      )}
      {list.unlinked.length > 0 && (
        <>
          <p className="muted">Invite them to the server and to run /link.</p>
          <table className="data-table" data-testid="unlinked-table">
            <caption className="sr-only">
              Unlinked contributors of {list.org}, most active first
            </caption>
            <thead>
              <tr>
                <th scope="col">GitHub</th>
                <th scope="col" className="num">
                  Contributions
                </th>
                <th scope="col" className="num">
                  Merged PRs
                </th>
                <th scope="col" className="num">
                  Commits
                </th>
                <th scope="col" className="num">
                  Reviews
                </th>
              </tr>
            </thead>
            <tbody>
              {list.unlinked.map((u) => (
                <tr key={u.login} data-testid="unlinked-row">
                  <th scope="row">{u.login}</th>
                  <td className="num">{u.total}</td>
                  <td className="num">{u.totals.prs_merged}</td>
                  <td className="num">{u.totals.commits}</td>
                  <td className="num">{u.totals.reviews}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
