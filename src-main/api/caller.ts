// Who is calling a method, as the transport established it. Electron's own window and the API
// token are the host's admin; a dashboard session (headless Discord sign-in) is an admin of some
// guilds only, and the guild scope check (guild-scope.ts) holds it to them.

/** A dashboard session as the api layer sees it (src-main/oauth/dashboard-sessions.ts fills it in). */
export interface SessionPrincipal {
  sessionId: string;
  userId: string;
  username: string;
  /** Guilds where Discord gives this user Manage Server; re-checked with Discord when stale. */
  guildIds(): Promise<ReadonlySet<string>>;
}

export type Caller =
  { kind: 'admin'; via: 'desktop' | 'api-token' } | { kind: 'session'; session: SessionPrincipal };

export interface CallContext {
  caller: Caller;
}

/** Electron's own window: the person at the desktop owns the host. */
export const DESKTOP_ADMIN: Caller = { kind: 'admin', via: 'desktop' };

/**
 * How the audit log names a caller: `admin:desktop`, `admin:api-token` (the API token), or
 * `admin:<discord user id>` for a dashboard session.
 */
export function actorOf(caller: Caller): string {
  return caller.kind === 'admin'
    ? `admin:${caller.via === 'desktop' ? 'desktop' : 'api-token'}`
    : `admin:${caller.session.userId}`;
}
