// Network peers: every URL-valued setting names a server GitGuild sends tokens to (the GitHub and
// Discord APIs, OAuth and web base URLs). They are declared with `networkPeerUrl` so the rules
// below find them all, including settings added later, without a list to keep in step:
// - plain http only to loopback (the simulators); anything else must be https;
// - an imported configuration may not change them without the admin's explicit confirmation.
import { z } from 'zod';

/** Schemas of URL-valued settings; `networkPeerPaths` finds them by this mark. */
export const networkPeerRegistry = z.registry<{ networkPeer: true }>();

/**
 * The schema of every URL-valued setting. Shape only (an http(s) URL without credentials); the
 * https rule is checked where settings are changed (`peerTransportIssues`), not on load, so a
 * config written before the rule still opens and can be fixed from Settings.
 */
export const networkPeerUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
  .refine((u) => {
    try {
      const url = new URL(u);
      return url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'must not contain a user name or password (credentials belong in the secret store)');
networkPeerRegistry.add(networkPeerUrl, { networkPeer: true });

export const LOOPBACK_RULE =
  'must use https; plain http is allowed only for loopback addresses (127.0.0.0/8, ::1, localhost)';

/** True for the loopback names and addresses: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host === '[::1]') return true;
  // WHATWG URL has already normalised IPv4 forms such as 127.1 or 0x7f.0.0.1 to dotted quads.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Null when GitGuild may send tokens to this URL, else why not. */
export function peerTransportProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an http(s) URL';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHostname(url.hostname)) return null;
  return LOOPBACK_RULE;
}

type PeerPath = readonly string[];

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const inner = (current as { _zod: { def: { innerType?: z.ZodType } } })._zod.def.innerType;
    if (!inner || networkPeerRegistry.has(current)) return current;
    current = inner;
  }
}

/** The paths of every network-peer setting in an object schema (nested objects included). */
export function networkPeerPaths(schema: z.ZodObject, prefix: PeerPath = []): PeerPath[] {
  const paths: PeerPath[] = [];
  for (const [key, field] of Object.entries(schema.shape)) {
    const inner = unwrap(field as z.ZodType);
    if (networkPeerRegistry.has(inner)) paths.push([...prefix, key]);
    else if (inner instanceof z.ZodObject) paths.push(...networkPeerPaths(inner, [...prefix, key]));
  }
  return paths;
}

function valueAt(value: unknown, path: PeerPath): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function withValueAt<T>(value: T, path: PeerPath, next: unknown): T {
  const [head, ...rest] = path;
  if (head === undefined) return next as T;
  const object = value as Record<string, unknown>;
  return { ...object, [head]: withValueAt(object[head], rest, next) } as T;
}

/** Transport-rule issues of the peers present in a settings object or patch, as zod issues. */
export function peerTransportIssues(
  paths: readonly PeerPath[],
  settings: unknown,
): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  for (const path of paths) {
    const value = valueAt(settings, path);
    if (typeof value !== 'string') continue;
    const problem = peerTransportProblem(value);
    if (problem) issues.push({ path: [...path], message: problem });
  }
  return issues;
}

export interface NetworkPeerChange {
  /** Dotted settings path, e.g. `githubApiBaseUrl`. */
  setting: string;
  current: string;
  proposed: string;
}

/** The peers whose value differs between two settings objects. */
export function networkPeerChanges(
  paths: readonly PeerPath[],
  current: unknown,
  proposed: unknown,
): NetworkPeerChange[] {
  return paths.flatMap((path) => {
    const from = valueAt(current, path);
    const to = valueAt(proposed, path);
    return from === to
      ? []
      : [{ setting: path.join('.'), current: String(from), proposed: String(to) }];
  });
}

/** `proposed` with every peer put back to its value in `current`. */
export function keepCurrentPeers<T>(paths: readonly PeerPath[], current: T, proposed: T): T {
  return paths.reduce((next, path) => withValueAt(next, path, valueAt(current, path)), proposed);
}
