// Guild-scoped authorisation for dashboard sessions, in one place for every method: a session may
// call a method only when every `guildId` in the parsed input is a guild where Discord gives the
// user Manage Server. A method without any guildId changes or reads host-wide state and stays
// with the host's admin, so methods added later are covered without being listed here. Only a
// session's own methods (who am I, sign out) are open to it without a guild.
import { GitGuildError } from '../errors.js';
import type { Caller } from './caller.js';
import type { MethodName } from './contract.js';

export const SESSION_SELF_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'health',
  'auth.session.status',
  'auth.session.signOut',
  'auth.session.signOutEverywhere',
]);

/** Every string `guildId` anywhere in the input (nested objects and arrays included). */
export function guildIdsIn(input: unknown, depth = 0): string[] {
  if (depth > 8 || input === null || typeof input !== 'object') return [];
  if (Array.isArray(input)) return input.flatMap((item) => guildIdsIn(item, depth + 1));
  const out: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (key === 'guildId' && typeof value === 'string') out.push(value);
    else out.push(...guildIdsIn(value, depth + 1));
  }
  return out;
}

export async function authorizeCall(
  caller: Caller,
  method: MethodName,
  input: unknown,
): Promise<void> {
  if (caller.kind === 'admin') return;
  if (SESSION_SELF_METHODS.has(method)) return;
  const wanted = [...new Set(guildIdsIn(input))];
  if (wanted.length === 0) {
    throw new GitGuildError('forbidden', `${method} is for the host's admin only.`, {
      hint: 'Dashboard sign-in gives access to the servers you manage; ask the host admin for the rest.',
    });
  }
  const allowed = await caller.session.guildIds();
  const refused = wanted.filter((id) => !allowed.has(id));
  if (refused.length > 0) {
    throw new GitGuildError(
      'forbidden',
      `You do not have Manage Server on the server ${refused[0]}.`,
      {
        hint: 'Discord decides who manages a server; ask its owner for Manage Server, then sign in again.',
      },
    );
  }
}
