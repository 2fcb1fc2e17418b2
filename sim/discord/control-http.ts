// The control API over HTTP (JSON under /_control), for tools outside the test process
// (the demo, a browser, curl). Mirrors the in-process DiscordSimControl one to one.
import type { DiscordSimControl } from './control.js';
import type { InjectInteractionInput } from './interaction-factory.js';
import { GitGuildSimError } from './sim-error.js';
import { DiscordApiError } from './errors.js';

/** JSON answers, or raw bytes (attachments) when `raw` is set. */
export type ControlAnswer = {
  status: number;
  body: unknown;
  raw?: { contentType: string; data: Buffer };
};
type Answer = ControlAnswer;

/** A route result that is sent as bytes instead of JSON. */
class RawBody {
  constructor(
    readonly contentType: string,
    readonly data: Buffer,
  ) {}
}

const asObject = (body: unknown): Record<string, unknown> =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

export function createControlHandler(
  control: DiscordSimControl,
): (method: string, path: string, body: unknown) => Promise<Answer> {
  const routes: {
    method: string;
    pattern: RegExp;
    run: (m: RegExpExecArray, body: Record<string, unknown>) => unknown;
  }[] = [
    {
      method: 'POST',
      pattern: /^\/interactions$/,
      run: (_m, b) => {
        const { id, token } = control.injectInteraction(b as unknown as InjectInteractionInput);
        return { id, token };
      },
    },
    {
      method: 'GET',
      pattern: /^\/interactions\/(\d+)$/,
      run: (m) => control.interaction(m[1] ?? ''),
    },
    {
      method: 'GET',
      pattern: /^\/interactions$/,
      run: (_m, b) => control.interactions(typeof b.limit === 'number' ? { limit: b.limit } : {}),
    },
    {
      method: 'GET',
      pattern: /^\/guilds\/(\d+)\/commands$/,
      run: (m) => control.commands(m[1]),
    },
    {
      method: 'GET',
      pattern: /^\/attachments\/(\d+)$/,
      run: (m) => {
        const file = control.attachment(m[1] ?? '');
        return new RawBody(file.contentType, file.data);
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/guilds\/(\d+)\/roles\/(\d+)$/,
      run: (m, b) =>
        control.updateRole(
          m[2] ?? '',
          {
            ...(typeof b.permissions === 'string' ? { permissions: b.permissions } : {}),
            ...(typeof b.position === 'number' ? { position: b.position } : {}),
            ...(typeof b.name === 'string' ? { name: b.name } : {}),
            ...(typeof b.color === 'number' ? { color: b.color } : {}),
          },
          m[1],
        ),
    },
    { method: 'GET', pattern: /^\/guild$/, run: () => control.guild() },
    { method: 'GET', pattern: /^\/guilds\/(\d+)$/, run: (m) => control.guild(m[1]) },
    {
      method: 'GET',
      pattern: /^\/guilds\/(\d+)\/members\/(\d+)$/,
      run: (m) => control.member(m[2] ?? '', m[1]),
    },
    {
      method: 'PUT',
      pattern: /^\/guilds\/(\d+)\/members\/(\d+)\/roles$/,
      run: (m, b) =>
        control.setMemberRoles(m[2] ?? '', Array.isArray(b.roles) ? b.roles.map(String) : [], m[1]),
    },
    {
      method: 'POST',
      pattern: /^\/guilds\/(\d+)\/members$/,
      run: (m, b) =>
        control.addMember(b.user as never, Array.isArray(b.roles) ? b.roles.map(String) : [], m[1]),
    },
    {
      method: 'DELETE',
      pattern: /^\/guilds\/(\d+)\/members\/(\d+)$/,
      run: (m) => control.removeMember(m[2] ?? '', m[1]),
    },
    {
      method: 'GET',
      pattern: /^\/guilds\/(\d+)\/audit-log$/,
      run: (m) => control.auditLog(m[1]),
    },
    {
      method: 'GET',
      pattern: /^\/channels\/(\d+)\/messages$/,
      run: (m) => control.messages(m[1] ?? ''),
    },
    { method: 'GET', pattern: /^\/calls$/, run: () => control.callLog() },
    { method: 'DELETE', pattern: /^\/calls$/, run: () => control.clearCallLog() },
    { method: 'GET', pattern: /^\/gateway\/ops$/, run: () => control.gatewayLog() },
    {
      method: 'POST',
      pattern: /^\/faults\/drop-gateway$/,
      run: (_m, b) => ({
        dropped: control.dropGateway(typeof b.code === 'number' ? { code: b.code } : {}),
      }),
    },
    { method: 'POST', pattern: /^\/faults\/reconnect$/, run: () => control.requestReconnect() },
    {
      method: 'POST',
      pattern: /^\/faults\/fail$/,
      run: (_m, b) =>
        control.failNext({
          route: String(b.route ?? ''),
          count: Number(b.count ?? 1),
          ...(typeof b.method === 'string' ? { method: b.method } : {}),
          ...(typeof b.status === 'number' ? { status: b.status } : {}),
        }),
    },
    {
      method: 'POST',
      pattern: /^\/faults\/latency$/,
      run: (_m, b) =>
        control.addLatency({
          ms: Number(b.ms ?? 0),
          ...(typeof b.route === 'string' ? { route: b.route } : {}),
        }),
    },
    { method: 'DELETE', pattern: /^\/faults$/, run: () => control.clearFaults() },
    {
      method: 'POST',
      pattern: /^\/faults\/exhaust$/,
      run: (_m, b) =>
        control.exhaustBucket({
          method: String(b.method ?? 'GET'),
          route: String(b.route ?? ''),
          ...(typeof b.major === 'string' ? { major: b.major } : {}),
          ...(typeof b.retryAfterMs === 'number' ? { retryAfterMs: b.retryAfterMs } : {}),
        }),
    },
    { method: 'PATCH', pattern: /^\/rate-limits$/, run: (_m, b) => control.setRateLimits(b) },
    { method: 'POST', pattern: /^\/oauth\/expire$/, run: () => control.expireOAuthTokens() },
    {
      method: 'POST',
      pattern: /^\/oauth\/user$/,
      run: (_m, b) => control.setOAuthUser(typeof b.userId === 'string' ? b.userId : null),
    },
  ];

  return async (method, path, body) => {
    for (const route of routes) {
      const m = route.pattern.exec(path);
      if (!m || route.method !== method) continue;
      try {
        const result = await route.run(m, asObject(body));
        if (result instanceof RawBody)
          return {
            status: 200,
            body: null,
            raw: { contentType: result.contentType, data: result.data },
          };
        return { status: 200, body: result ?? { ok: true } };
      } catch (error) {
        if (error instanceof GitGuildSimError)
          return { status: 400, body: { error: error.message } };
        if (error instanceof DiscordApiError) return { status: error.status, body: error.toBody() };
        throw error;
      }
    }
    return { status: 404, body: { error: `no control route ${method} ${path}` } };
  };
}
