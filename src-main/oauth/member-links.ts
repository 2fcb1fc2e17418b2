// The host side of the bot's LinkPort: /link through GitHub's device flow (default) or a
// one-time signed web link on the public base URL, /unlink, and the admin's overrides.
//
// Rules, decided: links are global (one per Discord user, as the store keeps them), so a GitHub
// account links to at most one Discord account, across every org and guild; a second member is
// refused with a message, and only an admin can move an account (`replace`). A linked member
// must /unlink before linking another account: relinking is explicit. The member's GitHub token
// is used once to read their login and then revoked; it is never stored.
import type { LinkOutcome, LinkPort, LinkStart, LinkView, MemberRef } from '../../src-bot/ports.js';
import { GitGuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/types.js';
import type { LinksRepository, SettingsRepository } from '../store/repositories.js';
import type { Link, LinkMethod } from '../store/types.js';
import { PAGES, type CallbackPage } from './callback-page.js';
import {
  githubOAuthRequest,
  identifyGitHubToken,
  revokeGitHubToken,
  type GitHubAppCredentials,
} from './github-accounts.js';
import {
  pollDeviceAuthorization,
  realSleep,
  requestDeviceCode,
  type DeviceOutcome,
  type Sleep,
} from './github-device-flow.js';
import type { OAuthFlows } from './oauth-flows.js';
import { STATE_TTL_MS } from './pending-authorizations.js';
import { githubEndpoints } from './providers.js';
import { WebLinkTokens } from './web-link-tokens.js';

/** What changed, for the sync (re-plan the member's roles) and the audit log. */
export interface LinkChange {
  discordUserId: string;
  /** Where the member ran /link or /unlink; null for an admin's change from the API. */
  guildId: string | null;
  /** The new link (onLinked) or the removed one (onUnlinked). */
  link: Link;
  /** The member's link this one replaced (admin relink), if any. */
  previous?: Link;
  /** "member:<discord id>" or "admin:<discord id | api-token>". */
  actor: string;
}

export interface MemberLinkServiceOptions {
  links: LinksRepository;
  settings: SettingsRepository;
  secrets: SecretStore;
  flows: OAuthFlows;
  logger: Logger;
  userAgent: string;
  /** A member was linked: the host re-plans their roles (the role engine's SyncService.syncUser). */
  onLinked?: (change: LinkChange) => void;
  /** A member was unlinked: their managed roles go (through sync). */
  onUnlinked?: (change: LinkChange) => void;
  now?: () => number;
  sleep?: Sleep;
}

type Member = MemberRef & { username: string };

interface PendingLink {
  member: Member;
  listeners: ((outcome: LinkOutcome) => void)[];
  abort: AbortController;
  /** What a repeat /link gets while this one is pending. */
  started: Promise<LinkStart>;
  web: { nonce: string; url: string; expiresAt: number; opened: boolean } | null;
}

/** The admin identity behind an override: a Discord user when known, else the API token. */
export interface AdminActor {
  discordUserId: string | null;
}

const NOT_SET_UP =
  "Linking isn't set up on this GitGuild yet: an admin has to add the GitHub OAuth App's client ID in GitGuild's settings.";

function view(link: Link): LinkView {
  return { githubLogin: link.githubLogin, linkedAt: link.linkedAt, method: link.method };
}

function actorOf(actor: AdminActor): string {
  return `admin:${actor.discordUserId ?? 'api-token'}`;
}

export class MemberLinkService implements LinkPort {
  private readonly pending = new Map<string, PendingLink>();
  /** Web-link nonce → Discord user id; forgotten when the link is opened or expires. */
  private readonly webNonces = new Map<string, string>();
  private readonly tokens: WebLinkTokens;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private stopped = false;

  constructor(private readonly options: MemberLinkServiceOptions) {
    this.log = options.logger.child('links');
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.tokens = new WebLinkTokens(options.secrets, this.log, this.now);
  }

  // ---- LinkPort ----

  async linkOf(userId: string): Promise<LinkView | null> {
    const link = this.options.links.byDiscordUser(userId);
    return link ? view(link) : null;
  }

  async start(member: Member, onOutcome: (outcome: LinkOutcome) => void): Promise<LinkStart> {
    const linked = this.options.links.byDiscordUser(member.userId);
    if (linked) return { kind: 'already_linked', link: view(linked) };
    const existing = this.pending.get(member.userId);
    if (existing) {
      existing.listeners.push(onOutcome);
      return this.repeat(existing);
    }
    if (this.stopped)
      return { kind: 'unavailable', message: 'GitGuild is restarting; try again in a minute.' };
    const entry: PendingLink = {
      member,
      listeners: [onOutcome],
      abort: new AbortController(),
      started: Promise.resolve({ kind: 'unavailable', message: NOT_SET_UP }),
      web: null,
    };
    // Registered before anything is awaited, so a second /link while GitHub answers the first
    // waits for the same flow instead of starting another.
    this.pending.set(member.userId, entry);
    entry.started = this.begin(entry);
    const started = await entry.started;
    if (started.kind === 'unavailable') this.forget(entry);
    return started;
  }

  async unlink(member: MemberRef): Promise<LinkView | null> {
    const removed = await this.options.links.unlinkMember(member.userId);
    if (!removed) return null;
    this.log.info('member unlinked', { discordUserId: member.userId, guildId: member.guildId });
    this.notify('onUnlinked', {
      discordUserId: member.userId,
      guildId: member.guildId,
      link: removed,
      actor: `member:${member.userId}`,
    });
    return view(removed);
  }

  // ---- web mode: GET <public base>/link/<token> ----

  /** Whether a web link would open (signed, unexpired, unused), without using it up. */
  async checkWebLink(token: string): Promise<boolean> {
    const checked = await this.tokens.verify(token);
    if (!checked.ok) {
      this.log.warn('web link refused', { reason: checked.reason });
      return false;
    }
    const userId = this.webNonces.get(checked.nonce);
    return userId !== undefined && this.pending.get(userId)?.web?.nonce === checked.nonce;
  }

  /** Opens a web link: once, before it expires, and only with a valid signature. */
  async openWebLink(token: string): Promise<{ redirect: string } | { page: CallbackPage }> {
    const checked = await this.tokens.verify(token);
    if (!checked.ok) {
      this.log.warn('web link refused', { reason: checked.reason });
      return { page: PAGES.linkExpired };
    }
    const userId = this.webNonces.get(checked.nonce);
    this.webNonces.delete(checked.nonce);
    const entry = userId === undefined ? undefined : this.pending.get(userId);
    if (!entry?.web || entry.web.nonce !== checked.nonce) {
      this.log.warn('web link refused', { reason: 'already used or no longer pending' });
      return { page: PAGES.linkExpired };
    }
    entry.web.opened = true;
    const settings = this.options.settings.get();
    const app = await this.appCredentials();
    if (!app) {
      this.settle(entry, {
        kind: 'failed',
        message: "Web linking isn't set up completely; ask a server admin.",
      });
      return { page: PAGES.linkFailed };
    }
    const flow = await this.options.flows.begin<LinkOutcome>({
      provider: 'github',
      endpoints: githubEndpoints(settings),
      client: app,
      // No scope: the public profile is enough to read the login.
      scope: '',
      redirect: { kind: 'public', baseUrl: settings.publicBaseUrl },
      purpose: 'member link',
      failurePage: PAGES.linkFailed,
      finish: async (tokens) => {
        const outcome = await this.linkWithToken(entry.member, tokens.accessToken, 'web_oauth');
        return {
          value: outcome,
          page:
            outcome.kind === 'linked' ? PAGES.linked(outcome.link.githubLogin) : PAGES.linkFailed,
        };
      },
    });
    void flow.outcome.then((result) => {
      if (result.ok) this.settle(entry, result.value);
      else if (result.reason === 'denied') this.settle(entry, { kind: 'denied' });
      else if (result.reason === 'expired') this.settle(entry, { kind: 'expired' });
      else
        this.settle(entry, {
          kind: 'failed',
          message: 'GitHub sign-in did not complete. Run /link to try again.',
        });
    });
    return { redirect: flow.authorizationUrl };
  }

  // ---- admin overrides (AdminApi links.*) ----

  list(): Link[] {
    return this.options.links.list();
  }

  async setLink(
    input: { discordUserId: string; githubLogin: string; replace: boolean },
    actor: AdminActor,
  ): Promise<Link> {
    const { links } = this.options;
    const owner = links.byGithubLogin(input.githubLogin);
    if (owner && owner.discordUserId !== input.discordUserId) {
      if (!input.replace) {
        throw new GitGuildError(
          'conflict',
          `GitHub account ${owner.githubLogin} is already linked to Discord member ${owner.discordUserId}.`,
          { hint: 'Set "replace" to move it to this member; the other member is unlinked.' },
        );
      }
      const moved = await links.unlinkMember(owner.discordUserId);
      if (moved)
        this.notify('onUnlinked', {
          discordUserId: moved.discordUserId,
          guildId: null,
          link: moved,
          actor: actorOf(actor),
        });
    }
    const previous = links.byDiscordUser(input.discordUserId);
    const link = await links.linkMember({
      discordUserId: input.discordUserId,
      githubLogin: input.githubLogin,
      // The store wants a Discord id; "0" marks an admin acting with the API token.
      linkedBy: actor.discordUserId ?? '0',
      method: 'admin',
    });
    this.log.info('member linked by an admin', {
      discordUserId: link.discordUserId,
      githubLogin: link.githubLogin,
      actor: actorOf(actor),
    });
    this.notify('onLinked', {
      discordUserId: link.discordUserId,
      guildId: null,
      link,
      ...(previous ? { previous } : {}),
      actor: actorOf(actor),
    });
    return link;
  }

  async removeLink(discordUserId: string, actor: AdminActor): Promise<Link | null> {
    const removed = await this.options.links.unlinkMember(discordUserId);
    if (!removed) return null;
    this.log.info('member unlinked by an admin', { discordUserId, actor: actorOf(actor) });
    this.notify('onUnlinked', {
      discordUserId,
      guildId: null,
      link: removed,
      actor: actorOf(actor),
    });
    return removed;
  }

  /** Members with a /link in progress. */
  pendingCount(): number {
    return this.pending.size;
  }

  /** The host stops: every pending link ends and its member hears so. */
  stop(): void {
    this.stopped = true;
    for (const entry of [...this.pending.values()]) {
      this.settle(entry, {
        kind: 'failed',
        message: 'GitGuild restarted before the link finished. Run /link again.',
      });
    }
  }

  // ---- internals ----

  private async begin(entry: PendingLink): Promise<LinkStart> {
    const settings = this.options.settings.get();
    if (settings.githubClientId === '') return { kind: 'unavailable', message: NOT_SET_UP };
    const web = settings.memberLinkMode === 'web';
    if (web && settings.publicBaseUrl !== '') return this.beginWeb(entry, settings.publicBaseUrl);
    if (web)
      this.log.warn('member link mode is web but no public base URL is set; using the device flow');
    return this.beginDevice(entry);
  }

  private async beginDevice(entry: PendingLink): Promise<LinkStart> {
    const settings = this.options.settings.get();
    let code;
    try {
      code = await requestDeviceCode({
        request: githubOAuthRequest(settings, this.options.userAgent),
        clientId: settings.githubClientId,
        scopes: [],
        now: this.now,
      });
    } catch (error) {
      this.log.warn('GitHub did not start a device flow', { error });
      return {
        kind: 'unavailable',
        message:
          "GitHub didn't answer, so linking can't start right now. Try /link again in a minute.",
      };
    }
    this.log.info('member link started', {
      method: 'device_flow',
      discordUserId: entry.member.userId,
      guildId: entry.member.guildId,
    });
    void this.runDevice(entry, code);
    return {
      kind: 'device',
      userCode: code.userCode,
      verificationUri: code.verificationUri,
      expiresAt: new Date(code.expiresAt).toISOString(),
      reused: false,
    };
  }

  private async runDevice(
    entry: PendingLink,
    code: Awaited<ReturnType<typeof requestDeviceCode>>,
  ): Promise<void> {
    const settings = this.options.settings.get();
    let result: DeviceOutcome;
    try {
      result = await pollDeviceAuthorization({
        request: githubOAuthRequest(settings, this.options.userAgent),
        clientId: settings.githubClientId,
        code,
        now: this.now,
        sleep: this.sleep,
        signal: entry.abort.signal,
        logger: this.log,
      });
    } catch (error) {
      this.log.error('device flow failed', { error });
      result = { kind: 'failed', message: 'Linking failed on our side.' };
    }
    switch (result.kind) {
      case 'token':
        this.settle(entry, await this.linkWithToken(entry.member, result.token, 'device_flow'));
        return;
      case 'expired':
      case 'denied':
        this.settle(entry, { kind: result.kind });
        return;
      case 'cancelled':
        return; // settled by whoever cancelled
      case 'failed':
        this.settle(entry, {
          kind: 'failed',
          message: `${result.message} Run /link to try again.`,
        });
    }
  }

  private async beginWeb(entry: PendingLink, publicBaseUrl: string): Promise<LinkStart> {
    if (!(await this.appCredentials())) {
      return {
        kind: 'unavailable',
        message:
          "Web linking isn't set up completely: an admin has to add the GitHub OAuth App's client secret.",
      };
    }
    const web = await this.mintWebLink(entry, publicBaseUrl);
    this.log.info('member link started', {
      method: 'web',
      discordUserId: entry.member.userId,
      guildId: entry.member.guildId,
    });
    return {
      kind: 'web',
      url: web.url,
      expiresAt: new Date(web.expiresAt).toISOString(),
      reused: false,
    };
  }

  private async mintWebLink(
    entry: PendingLink,
    publicBaseUrl: string,
  ): Promise<NonNullable<PendingLink['web']>> {
    const nonce = WebLinkTokens.nonce();
    const expiresAt = this.now() + STATE_TTL_MS;
    const token = await this.tokens.sign(nonce, expiresAt);
    if (entry.web) this.webNonces.delete(entry.web.nonce);
    const web = { nonce, url: `${publicBaseUrl}/link/${token}`, expiresAt, opened: false };
    entry.web = web;
    this.webNonces.set(nonce, entry.member.userId);
    // Unopened, the URL lapses after ten minutes (and with it the pending link, unless a newer
    // URL or an opened one carries it on); once opened, the GitHub flow's own expiry applies.
    void this.sleep(expiresAt - this.now(), entry.abort.signal).then(
      () => {
        if (entry.web === web && !web.opened) this.settle(entry, { kind: 'expired' });
      },
      () => undefined,
    );
    return web;
  }

  /** A repeat /link: the pending code or URL, not a second flow. */
  private async repeat(entry: PendingLink): Promise<LinkStart> {
    const started = await entry.started;
    if (started.kind === 'device') return { ...started, reused: true };
    if (started.kind === 'web' && entry.web) {
      // An opened link cannot be opened again; the member gets a fresh one for the same flow.
      if (!entry.web.opened)
        return {
          kind: 'web',
          url: entry.web.url,
          expiresAt: new Date(entry.web.expiresAt).toISOString(),
          reused: true,
        };
      const settings = this.options.settings.get();
      const web = await this.mintWebLink(entry, settings.publicBaseUrl);
      return {
        kind: 'web',
        url: web.url,
        expiresAt: new Date(web.expiresAt).toISOString(),
        reused: false,
      };
    }
    return started;
  }

  /** Reads the login with the member's token, revokes the token, and links if the rules allow. */
  private async linkWithToken(
    member: Member,
    token: string,
    method: LinkMethod,
  ): Promise<LinkOutcome> {
    const settings = this.options.settings.get();
    const log = this.log;
    log.addSecret(token);
    let login: string;
    try {
      login = (await identifyGitHubToken(settings, token, log, this.options.userAgent)).login;
    } catch (error) {
      log.warn('could not read the GitHub login of a linking member', { error });
      return {
        kind: 'failed',
        message: "GitHub didn't tell us who you are. Run /link to try again.",
      };
    } finally {
      void this.revokeMemberToken(token);
    }
    const { links } = this.options;
    const current = links.byDiscordUser(member.userId);
    if (current) {
      if (current.githubLogin.toLowerCase() === login.toLowerCase())
        return { kind: 'linked', link: view(current) };
      return {
        kind: 'conflict',
        message: `You're already linked to the GitHub account ${current.githubLogin}. Run /unlink first if you want to link ${login} instead.`,
      };
    }
    const owner = links.byGithubLogin(login);
    if (owner && owner.discordUserId !== member.userId) {
      log.info('member link refused: GitHub account already linked', {
        discordUserId: member.userId,
        githubLogin: login,
      });
      return {
        kind: 'conflict',
        message: `The GitHub account ${login} is already linked to another Discord member. If it's yours, ask a server admin to move it to you.`,
      };
    }
    let link: Link;
    try {
      link = await links.linkMember({
        discordUserId: member.userId,
        githubLogin: login,
        linkedBy: member.userId,
        method,
      });
    } catch (error) {
      if (error instanceof GitGuildError && error.identifier === 'conflict') {
        return {
          kind: 'conflict',
          message: `The GitHub account ${login} was just linked to another Discord member.`,
        };
      }
      log.error('storing a link failed', { error });
      return { kind: 'failed', message: "The link couldn't be saved. Run /link to try again." };
    }
    log.info('member linked', { discordUserId: member.userId, githubLogin: login, method });
    this.notify('onLinked', {
      discordUserId: member.userId,
      guildId: member.guildId,
      link,
      actor: `member:${member.userId}`,
    });
    return { kind: 'linked', link: view(link) };
  }

  private async revokeMemberToken(token: string): Promise<void> {
    const app = await this.appCredentials();
    if (!app) return; // Without the client secret the token cannot be revoked; it is simply dropped.
    try {
      await revokeGitHubToken(this.options.settings.get(), app, token, this.options.userAgent);
    } catch (error) {
      this.log.warn("could not revoke a member's GitHub token", { error });
    }
  }

  private async appCredentials(): Promise<GitHubAppCredentials | null> {
    const { secrets, settings } = this.options;
    const clientId = settings.get().githubClientId;
    if (clientId === '' || !secrets.status().available) return null;
    const clientSecret = await secrets.get('github.clientSecret').catch(() => null);
    if (!clientSecret) return null;
    this.log.addSecret(clientSecret);
    return { clientId, clientSecret };
  }

  private settle(entry: PendingLink, outcome: LinkOutcome): void {
    if (!this.forget(entry)) return;
    entry.abort.abort();
    for (const listener of entry.listeners) {
      try {
        listener(outcome);
      } catch (error) {
        this.log.error('a link outcome listener failed', { error });
      }
    }
  }

  /** Removes the entry if it is still the member's pending link; false when it already ended. */
  private forget(entry: PendingLink): boolean {
    if (this.pending.get(entry.member.userId) !== entry) return false;
    this.pending.delete(entry.member.userId);
    if (entry.web) this.webNonces.delete(entry.web.nonce);
    return true;
  }

  private notify(which: 'onLinked' | 'onUnlinked', change: LinkChange): void {
    try {
      this.options[which]?.(change);
    } catch (error) {
      this.log.error(`${which} failed`, { error });
    }
  }
}
