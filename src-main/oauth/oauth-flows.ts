// Every authorization-code flow the host has in progress, keyed by its one-time state. A flow
// is bound to its provider and to the exact redirect URI it was started with; its callback may
// arrive at a loopback server (desktop) or at the public base URL (headless web mode), and
// either way it is redeemed here: state, then code + PKCE exchange, then what the flow is for.
import { GitGuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import {
  exchangeAuthorizationCode,
  buildAuthorizationUrl,
  OAuthFlowError,
  type OAuthClient,
  type OAuthFailureReason,
  type TokenSet,
} from './authorization-code.js';
import { PAGES, type CallbackPage } from './callback-page.js';
import { LoopbackRedirectServer, type CallbackVerdict } from './loopback-redirect-server.js';
import { PendingAuthorizations, STATE_TTL_MS } from './pending-authorizations.js';
import { createPkcePair } from './pkce.js';
import { CALLBACK_PATHS, type OAuthEndpoints, type OAuthProviderName } from './providers.js';

export type FlowRedirect =
  /** `port: 0` for an ephemeral port (GitHub), a fixed port for Discord. */
  | { kind: 'loopback'; port: number }
  /** The host's public base URL, e.g. `https://gitguild.example.org`. */
  | { kind: 'public'; baseUrl: string };

export type FlowFailure = OAuthFailureReason | 'expired' | 'cancelled' | 'rejected';

export type FlowResult<R> =
  { ok: true; value: R } | { ok: false; reason: FlowFailure; message: string };

export interface BeginFlowOptions<R> {
  provider: OAuthProviderName;
  endpoints: OAuthEndpoints;
  client: OAuthClient;
  scope: string;
  extraAuthParams?: Record<string, string>;
  redirect: FlowRedirect;
  /** For the log: "admin sign-in", "member link" ... */
  purpose: string;
  /** What the flow is for, run with the tokens; its page is what the browser shows. */
  finish: (tokens: TokenSet) => Promise<{ value: R; page: CallbackPage }>;
  /** Shown when anything fails; generic by default. */
  failurePage?: CallbackPage;
}

export interface StartedFlow<R> {
  authorizationUrl: string;
  redirectUri: string;
  expiresAt: number;
  /** Settles once: the finished value, or why the flow ended without one. */
  outcome: Promise<FlowResult<R>>;
  cancel(): void;
}

interface PendingFlow {
  provider: OAuthProviderName;
  purpose: string;
  endpoints: OAuthEndpoints;
  client: OAuthClient;
  redirectUri: string;
  codeVerifier: string;
  server: LoopbackRedirectServer | null;
  failurePage: CallbackPage;
  finish: (tokens: TokenSet) => Promise<CallbackPage>;
  settle: (result: FlowResult<unknown>) => void;
}

export interface OAuthFlowsOptions {
  logger: Logger;
  now?: () => number;
  ttlMs?: number;
}

export class OAuthFlows {
  private readonly pending: PendingAuthorizations<PendingFlow>;
  private readonly fixedServers = new Map<number, LoopbackRedirectServer>();
  private readonly ephemeralServers = new Set<LoopbackRedirectServer>();
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();
  private readonly log: Logger;
  private readonly ttlMs: number;
  private stopped = false;

  constructor(options: OAuthFlowsOptions) {
    this.log = options.logger.child('oauth');
    this.ttlMs = options.ttlMs ?? STATE_TTL_MS;
    this.pending = new PendingAuthorizations<PendingFlow>({
      ttlMs: this.ttlMs,
      ...(options.now ? { now: options.now } : {}),
      onExpire: (entry) => this.expired(entry.state, entry.data),
    });
  }

  /** How many flows wait for their callback, optionally of one purpose. */
  count(purpose?: string): number {
    return this.pending.count((e) => purpose === undefined || e.data.purpose === purpose);
  }

  async begin<R>(options: BeginFlowOptions<R>): Promise<StartedFlow<R>> {
    if (this.stopped) throw new GitGuildError('conflict', 'GitGuild is shutting down.');
    const path = CALLBACK_PATHS[options.provider];
    let server: LoopbackRedirectServer | null = null;
    let redirectUri: string;
    if (options.redirect.kind === 'loopback') {
      server = await this.loopbackServer(options.provider, options.redirect.port, path);
      redirectUri = server.redirectUri;
    } else {
      redirectUri = `${options.redirect.baseUrl.replace(/\/+$/, '')}${path}`;
    }
    const pkce = await createPkcePair();
    let settle!: (result: FlowResult<unknown>) => void;
    const outcome = new Promise<FlowResult<unknown>>((resolve) => {
      let settled = false;
      settle = (result) => {
        if (settled) return;
        settled = true;
        resolve(result);
      };
    });
    let value: R | undefined;
    const entry = this.pending.create({
      provider: options.provider,
      purpose: options.purpose,
      endpoints: options.endpoints,
      client: options.client,
      redirectUri,
      codeVerifier: pkce.verifier,
      server,
      failurePage: options.failurePage ?? PAGES.failed,
      finish: async (tokens) => {
        const finished = await options.finish(tokens);
        value = finished.value;
        return finished.page;
      },
      settle: (result) => settle(result.ok ? { ok: true, value } : result),
    });
    server?.expectCallback();
    const timer = setTimeout(() => this.expire(entry.state), this.ttlMs);
    timer.unref();
    this.expiryTimers.set(entry.state, timer);
    const authorizationUrl = buildAuthorizationUrl(options.endpoints, options.client, {
      redirectUri,
      scope: options.scope,
      state: entry.state,
      codeChallenge: pkce.challenge,
      ...(options.extraAuthParams ? { extra: options.extraAuthParams } : {}),
    });
    this.log.info('authorization started', {
      purpose: options.purpose,
      provider: options.provider,
      redirectUri,
    });
    return {
      authorizationUrl,
      redirectUri,
      expiresAt: entry.expiresAt,
      outcome: outcome as Promise<FlowResult<R>>,
      cancel: () => this.end(entry.state, { ok: false, reason: 'cancelled', message: 'cancelled' }),
    };
  }

  /** GET <public base URL>/oauth/<provider>/callback on the headless host's web server. */
  async handlePublicCallback(
    provider: OAuthProviderName,
    publicBaseUrl: string,
    params: URLSearchParams,
  ): Promise<CallbackPage> {
    const redirectUri = `${publicBaseUrl.replace(/\/+$/, '')}${CALLBACK_PATHS[provider]}`;
    return (await this.redeem(provider, redirectUri, params)).page;
  }

  /** Ends every flow (the host stops): loopback servers close, outcomes settle as cancelled. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.pending.discard(() => true)) {
      this.clearTimer(entry.state);
      entry.data.settle({ ok: false, reason: 'cancelled', message: 'GitGuild stopped' });
    }
    const servers = [...this.fixedServers.values(), ...this.ephemeralServers];
    await Promise.all(servers.map((s) => s.close()));
  }

  private async loopbackServer(
    provider: OAuthProviderName,
    port: number,
    path: string,
  ): Promise<LoopbackRedirectServer> {
    const existing = port === 0 ? undefined : this.fixedServers.get(port);
    if (existing && !existing.isClosed) return existing;
    // A fixed port is free again only once the previous server has finished closing.
    if (existing) await existing.closed;
    // Bound after open: the server only learns its redirect URI (and port) once it listens.
    let uri = '';
    const server = await LoopbackRedirectServer.open({
      port,
      path,
      logger: this.log,
      timeoutMs: this.ttlMs,
      onCallback: (params) => this.redeem(provider, uri, params),
    });
    uri = server.redirectUri;
    const registry = port === 0 ? this.ephemeralServers : null;
    if (registry) registry.add(server);
    else this.fixedServers.set(port, server);
    void server.closed.then(() => {
      registry?.delete(server);
      if (this.fixedServers.get(port) === server) this.fixedServers.delete(port);
    });
    return server;
  }

  private async redeem(
    provider: OAuthProviderName,
    redirectUri: string,
    params: URLSearchParams,
  ): Promise<CallbackVerdict> {
    const taken = this.pending.take(
      params.get('state'),
      (entry) => entry.data.provider === provider && entry.data.redirectUri === redirectUri,
    );
    if (!taken.ok && taken.reason === 'expired')
      this.expired(taken.pending.state, taken.pending.data);
    if (!taken.ok) {
      this.log.warn('OAuth callback refused', {
        provider,
        reason: `state ${taken.reason}`,
        error: params.get('error') ?? undefined,
      });
      return { page: PAGES.failed, redeemed: false };
    }
    const { state, data: flow } = taken.pending;
    this.clearTimer(state);
    try {
      const tokens = await exchangeAuthorizationCode(flow.endpoints, flow.client, params, {
        state,
        redirectUri: flow.redirectUri,
        codeVerifier: flow.codeVerifier,
      });
      const page = await flow.finish(tokens);
      flow.settle({ ok: true, value: undefined });
      this.log.info('authorization finished', { purpose: flow.purpose, provider });
      return { page, redeemed: true };
    } catch (error) {
      if (error instanceof OAuthFlowError) {
        const result = this.fail(
          flow,
          { reason: error.reason, message: error.message },
          error.detail,
        );
        return { ...result, redeemed: true };
      }
      const message =
        error instanceof GitGuildError ? error.message : 'finishing the sign-in failed';
      if (!(error instanceof GitGuildError)) this.log.error('OAuth finish failed', { error });
      return { ...this.fail(flow, { reason: 'rejected', message }), redeemed: true };
    }
  }

  private fail(
    flow: PendingFlow,
    failure: { reason: FlowFailure; message: string },
    detail: Record<string, unknown> = {},
  ): CallbackVerdict {
    this.log.warn('authorization failed', {
      purpose: flow.purpose,
      provider: flow.provider,
      reason: failure.reason,
      detail: failure.message,
      ...detail,
    });
    flow.settle({ ok: false, ...failure });
    return { page: flow.failurePage, redeemed: false };
  }

  private expire(state: string): void {
    for (const entry of this.pending.discard((e) => e.state === state))
      this.expired(entry.state, entry.data);
  }

  private expired(state: string, flow: PendingFlow): void {
    this.clearTimer(state);
    flow.server?.release();
    flow.settle({ ok: false, reason: 'expired', message: 'no callback within the time limit' });
    this.log.info('authorization expired', { purpose: flow.purpose, provider: flow.provider });
  }

  private end(state: string, result: FlowResult<never>): void {
    this.clearTimer(state);
    for (const entry of this.pending.discard((e) => e.state === state)) {
      entry.data.server?.release();
      entry.data.settle(result);
    }
  }

  private clearTimer(state: string): void {
    const timer = this.expiryTimers.get(state);
    if (timer) clearTimeout(timer);
    this.expiryTimers.delete(state);
  }
}
