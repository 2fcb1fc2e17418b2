// Member join and leave, from the gateway, as sync triggers: a newcomer who is already linked
// gets their roles at once; someone who left is forgotten by the planner's grace state.
import { Events, type Client, type GuildMember, type PartialGuildMember } from 'discord.js';
import type { SyncPort } from '../ports.js';

export function watchMemberTriggers(
  client: Client,
  sync: Pick<SyncPort, 'syncMember' | 'memberLeft'>,
  isManaged: (guildId: string) => boolean,
): () => void {
  const joined = (member: GuildMember): void => {
    if (member.user.bot || !isManaged(member.guild.id)) return;
    sync.syncMember({ guildId: member.guild.id, userId: member.id }, 'member_join');
  };
  const left = (member: GuildMember | PartialGuildMember): void => {
    if (!isManaged(member.guild.id)) return;
    sync.memberLeft({ guildId: member.guild.id, userId: member.id });
  };
  client.on(Events.GuildMemberAdd, joined);
  client.on(Events.GuildMemberRemove, left);
  return () => {
    client.off(Events.GuildMemberAdd, joined);
    client.off(Events.GuildMemberRemove, left);
  };
}
