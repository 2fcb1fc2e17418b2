// Posts a run's applied role changes to the guild's audit channel: a few messages of up to 2,000
// characters (Discord's limit), mentions rendered but never pinging anyone, and a pointer to the
// full audit log when a large run does not fit.
import type { Client } from 'discord.js';
import { guildOf } from './snapshot.js';

const MESSAGE_MAX = 2000;
const MAX_MESSAGES = 5;

export interface AuditLine {
  userId: string;
  roleId: string;
  change: 'add' | 'remove';
  reason: string;
}

export function auditMessages(header: string, lines: readonly AuditLine[]): string[] {
  const rendered = lines.map((l) => {
    const line = `${l.change === 'add' ? '➕' : '➖'} <@${l.userId}> <@&${l.roleId}>: ${l.reason}`;
    return line.length > 300 ? `${line.slice(0, 299)}…` : line;
  });
  // The last message keeps room for the pointer to the rest.
  const trailerRoom = 80;
  const messages: string[] = [];
  let current = header;
  let used = 0;
  for (const line of rendered) {
    const last = messages.length === MAX_MESSAGES - 1;
    const room = MESSAGE_MAX - (last ? trailerRoom : 0);
    if (current.length + 1 + line.length <= room) {
      current = `${current}\n${line}`;
      used += 1;
      continue;
    }
    if (last) break;
    messages.push(current);
    current = line;
    used += 1;
  }
  const rest = rendered.length - used;
  if (rest > 0) current = `${current}\n…and ${rest} more change(s); see Sync → Audit in GitGuild.`;
  messages.push(current);
  return messages;
}

/** Sends the messages in order; a missing or unusable channel is reported, not thrown. */
export async function postAuditMessages(
  client: Client,
  guildId: string,
  channelId: string,
  messages: readonly string[],
): Promise<{ sent: number; error: string | null }> {
  const channel = guildOf(client, guildId).channels.cache.get(channelId);
  if (!channel || !channel.isSendable())
    return { sent: 0, error: `The audit channel ${channelId} is missing or not a text channel.` };
  let sent = 0;
  try {
    for (const content of messages) {
      await channel.send({ content, allowedMentions: { parse: [] } });
      sent += 1;
    }
    return { sent, error: null };
  } catch (error) {
    return { sent, error: error instanceof Error ? error.message : String(error) };
  }
}
