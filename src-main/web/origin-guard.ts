// DNS-rebinding and cross-site guard: a page on another site can point its own hostname at
// 127.0.0.1, but it cannot make the browser send our Host, nor forge our Origin.
import type { IncomingMessage } from 'node:http';

export interface OriginGuardOptions {
  /** The port we listen on (known only after listen when 0 was asked for). */
  port: () => number;
  /** The bind address when it is not a loopback name (e.g. a LAN address); optional. */
  bindAddress?: string;
  /** Extra `host[:port]` values a reverse proxy may present, e.g. `gitguild.example.org`. */
  publicHosts?: readonly string[];
  /** Read on every request: the host of the public base URL in settings, which can change. */
  dynamicHosts?: () => readonly string[];
}

export type GuardVerdict = { ok: true } | { ok: false; reason: string };

export function createOriginGuard(
  options: OriginGuardOptions,
): (request: IncomingMessage) => GuardVerdict {
  const allowedHosts = (): Set<string> => {
    const port = options.port();
    const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (
      options.bindAddress &&
      !['127.0.0.1', 'localhost', '0.0.0.0', '::'].includes(options.bindAddress)
    ) {
      hosts.push(`${options.bindAddress}:${port}`);
    }
    for (const extra of options.publicHosts ?? []) hosts.push(extra);
    for (const extra of options.dynamicHosts?.() ?? []) hosts.push(extra);
    return new Set(hosts.map((h) => h.toLowerCase()));
  };

  return (request) => {
    const allowed = allowedHosts();
    const host = request.headers.host?.toLowerCase();
    if (!host || !allowed.has(host)) {
      return {
        ok: false,
        reason: "This host name is not GitGuild's; open the URL the host printed.",
      };
    }
    const origin = request.headers.origin;
    if (origin === undefined) return { ok: true };
    let originHost: string;
    try {
      const parsed = new URL(origin);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
      // URL drops default ports; a public host behind a proxy is listed without one.
      originHost = parsed.host.toLowerCase();
    } catch {
      return { ok: false, reason: 'Requests from other origins are refused.' };
    }
    return allowed.has(originHost)
      ? { ok: true }
      : { ok: false, reason: 'Requests from other origins are refused.' };
  };
}
