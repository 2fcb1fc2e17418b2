// Which events a caller may see on the event stream. The host's admin sees all; a dashboard
// session sees the status line and events about guilds it manages (any `guildId` in the event,
// as with method inputs), so events added later are scoped without being listed here.
import type { Caller } from './caller.js';
import type { AdminEvent } from './contract.js';
import { guildIdsIn } from './guild-scope.js';

export function eventVisible(
  caller: Caller,
  event: AdminEvent,
  guilds: ReadonlySet<string>,
): boolean {
  if (caller.kind === 'admin') return true;
  if (event.type === 'status') return true;
  const ids = guildIdsIn(event);
  return ids.length > 0 && ids.every((id) => guilds.has(id));
}
