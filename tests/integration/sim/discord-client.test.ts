// The real discord.js Client against the Discord simulator: login, ready with the guild,
// slash commands answered by reply and by defer + edit, and a RESUME after a dropped gateway.
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDiscordSim, type DiscordSim } from '../../../sim/discord/index.js';

let sim: DiscordSim;
let client: Client;

async function login(intents: GatewayIntentBits[]): Promise<Client<true>> {
  const c = new Client({ intents, rest: { api: sim.restUrl } });
  client = c;
  const ready = new Promise<void>((resolve) => c.once(Events.ClientReady, () => resolve()));
  await c.login(sim.botToken);
  await ready;
  return c as Client<true>;
}

function nextInteraction(c: Client): Promise<ChatInputCommandInteraction> {
  return new Promise((resolve) => {
    c.once(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) resolve(interaction);
    });
  });
}

beforeEach(async () => {
  sim = await startDiscordSim({ seed: 7, heartbeatIntervalMs: 1000 });
});

afterEach(async () => {
  await client?.destroy();
  await sim.close();
});

describe('discord.js against the Discord simulator', () => {
  it('logs in and becomes ready with the scenario guild, its roles and channels in cache', async () => {
    const c = await login([GatewayIntentBits.Guilds]);
    const guild = c.guilds.cache.get(sim.guild.guild.id);
    expect(guild?.name).toBe(sim.guild.guild.name);
    expect(guild?.roles.cache.size).toBe(sim.guild.roles.length);
    expect(guild?.channels.cache.map((ch) => ch.name).sort()).toEqual(
      ['Lounge', 'Community', 'general'].sort(),
    );
    expect(c.user.id).toBe(sim.applicationId);
    expect(c.application.id).toBe(sim.applicationId);
    expect(guild?.members.me?.roles.cache.has(sim.guild.roleIds.bot)).toBe(true);
  });

  it('delivers an injected slash command as a ChatInputCommandInteraction whose reply the control API sees', async () => {
    const c = await login([GatewayIntentBits.Guilds]);
    const userId = sim.guild.guild.ownerId;
    await c.application.commands.set(
      [
        {
          name: 'stats',
          description: 'Show stats',
          options: [{ name: 'days', description: 'Window', type: 4 }],
        },
      ],
      sim.guild.guild.id,
    );
    const received = nextInteraction(c);
    const { id } = sim.control.injectInteraction({
      userId,
      commandName: 'stats',
      options: { days: 30 },
    });
    const interaction = await received;
    expect(interaction.commandName).toBe('stats');
    expect(interaction.options.getInteger('days')).toBe(30);
    expect(interaction.user.id).toBe(userId);
    expect(interaction.guildId).toBe(sim.guild.guild.id);
    await interaction.reply({ content: `30-day stats for ${interaction.user.username}` });
    const seen = sim.control.interaction(id);
    expect(seen.callback?.type).toBe(4);
    expect(seen.original?.content).toBe(`30-day stats for ${interaction.user.username}`);
    expect(sim.control.messages(sim.guild.channelIds.general).map((m) => m.id)).toContain(
      seen.original?.id,
    );
  });

  it('types options from the registered command, resolving subcommands and user options', async () => {
    const c = await login([GatewayIntentBits.Guilds]);
    await c.application.commands.set([
      {
        name: 'link',
        description: 'Links',
        options: [
          {
            type: 1,
            name: 'show',
            description: 'Show a link',
            options: [{ type: 6, name: 'member', description: 'Who' }],
          },
        ],
      },
    ]);
    const target = sim.guild.members[2]?.user.id ?? '';
    const received = nextInteraction(c);
    sim.control.injectInteraction({
      userId: sim.guild.guild.ownerId,
      commandName: 'link',
      subcommand: 'show',
      options: { member: target },
    });
    const interaction = await received;
    expect(interaction.options.getSubcommand()).toBe('show');
    expect(interaction.options.getUser('member')?.id).toBe(target);
    expect(interaction.options.getMember('member')).not.toBeNull();
  });

  it('supports deferReply followed by editReply through the @original webhook message', async () => {
    const c = await login([GatewayIntentBits.Guilds]);
    const received = nextInteraction(c);
    const { id } = sim.control.injectInteraction({
      userId: sim.guild.guild.ownerId,
      commandName: 'leaderboard',
    });
    const interaction = await received;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    expect(sim.control.interaction(id).original?.flags).toBe(64 | 128);
    const edited = await interaction.editReply('Top contributors: ...');
    expect(edited.content).toBe('Top contributors: ...');
    const seen = sim.control.interaction(id);
    expect(seen.callback?.type).toBe(5);
    expect(seen.original?.content).toBe('Top contributors: ...');
    expect(seen.original?.flags).toBe(64);
    expect(seen.history.map((h) => h.kind)).toEqual(['callback', 'edit-original']);
    await interaction.followUp('and one more thing');
    expect(sim.control.interaction(id).followUps.map((m) => m.content)).toEqual([
      'and one more thing',
    ]);
  });

  it('resumes after a forced gateway drop, replaying the events it missed, without identifying again', async () => {
    const c = await login([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers]);
    const memberId = sim.guild.members[5]?.user.id ?? '';
    const guild = c.guilds.cache.get(sim.guild.guild.id);
    await guild?.members.fetch(memberId);
    const replayed: string[] = [];
    c.on(Events.Raw, (packet: { t: string | null }) => {
      if (packet.t) replayed.push(packet.t);
    });
    const resumed = new Promise<void>((resolve) => c.once(Events.ShardResume, () => resolve()));
    expect(sim.control.dropGateway()).toBe(1);
    // Changed while the bot is disconnected: must arrive through RESUME's replay.
    sim.control.setMemberRoles(memberId, [sim.guild.roleIds.tiers[2] ?? '']);
    await resumed;
    expect(replayed).toEqual(['GUILD_MEMBER_UPDATE', 'RESUMED']);
    expect(
      guild?.members.cache.get(memberId)?.roles.cache.has(sim.guild.roleIds.tiers[2] ?? ''),
    ).toBe(true);
    const ops = sim.control.gatewayLog();
    expect(ops.filter((o) => o.op === 2)).toHaveLength(1);
    const resumes = ops.filter((o) => o.op === 6);
    expect(resumes).toHaveLength(1);
    expect(resumes[0]?.path).toBe('/gateway/resume');
    // The resumed session still works end to end.
    const received = nextInteraction(c);
    sim.control.injectInteraction({ userId: sim.guild.guild.ownerId, commandName: 'ping' });
    expect((await received).commandName).toBe('ping');
  });
});
