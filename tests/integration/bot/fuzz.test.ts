// Fuzzed option values through the real bot: long strings, control characters, unknown users,
// out-of-range and wrongly typed numbers, unknown option names and commands. Every interaction
// must get an answer, none may crash the host, and nothing internal may leak into an answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../../sim/scenarios/random.js';
import type { InteractionOptionValue } from '../../../sim/discord/interaction-factory.js';
import { embedText, startBotRig, type BotRig } from './bot-rig.js';

const COMMAND_OPTIONS: Record<string, string[]> = {
  link: [],
  unlink: [],
  getstats: ['user', 'metric'],
  halloffame: ['metric', 'window'],
  'show-top-contributors': ['metric', 'window'],
  'show-activity-comparison': ['window'],
  'show-activity-trends': ['granularity'],
  'show-time-series': ['metrics', 'days'],
  help: [],
  sync: ['dry_run'],
  setup_voice_stats: [],
  check_permissions: [],
  'no-such-command': ['anything'],
};

describe('fuzzed slash-command options', () => {
  let rig: BotRig;
  beforeAll(async () => {
    rig = await startBotRig({ seed: 31 });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('always get an answer and never crash the host', async () => {
    const random = createRandom(20260131);
    const strange: InteractionOptionValue[] = [
      'x'.repeat(6000),
      '',
      ' ',
      '\u0000\u001b[31m',
      '**bold** `code` @everyone <@&1> ||spoiler||',
      '🥇'.repeat(500),
      'prs_merged, prs_merged, stars',
      'ALL',
      '-1',
      '1e309',
      'DROP TABLE links;',
      '99999999999999999999999',
      '849324741230723073',
      -1,
      0,
      6,
      366,
      1e12,
      Number.MAX_SAFE_INTEGER,
      -0.5,
      30.5,
      true,
      false,
    ];
    const valid: Record<string, InteractionOptionValue[]> = {
      metric: ['prs_opened', 'prs_merged', 'issues', 'commits', 'reviews'],
      window: ['24h', '7d', '30d', '90d', 'month', 'all'],
      granularity: ['daily', 'weekly', 'monthly'],
      metrics: ['commits', 'all', 'issues reviews'],
      days: [7, 30, 365],
      dry_run: [true, false],
      user: [rig.people.linked, rig.people.unlinked, rig.guild.botUser.id],
    };
    const members = rig.guild.members.filter((m) => !m.user.bot).map((m) => m.user.id);
    const commands = Object.keys(COMMAND_OPTIONS);
    const cases: {
      userId: string;
      command: string;
      options: Record<string, InteractionOptionValue>;
    }[] = [];
    for (let i = 0; i < 150; i += 1) {
      const command = random.pick(commands);
      const options: Record<string, InteractionOptionValue> = {};
      for (const name of COMMAND_OPTIONS[command] ?? []) {
        if (random.chance(0.25)) continue;
        options[name] =
          random.chance(0.5) && valid[name] ? random.pick(valid[name]) : random.pick(strange);
      }
      if (random.chance(0.1)) options['unknown_option'] = random.pick(strange);
      cases.push({ userId: random.pick(members), command, options });
    }

    // Four at a time, as members would.
    for (let i = 0; i < cases.length; i += 4) {
      const batch = cases.slice(i, i + 4);
      const answers = await Promise.all(
        batch.map((c) => rig.run(c.userId, c.command, c.options, { timeoutMs: 20_000 })),
      );
      answers.forEach((answer, j) => {
        const c = batch[j]!;
        const label = `/${c.command} ${JSON.stringify(c.options).slice(0, 200)}`;
        expect(answer.view.callback, label).not.toBeNull();
        expect(answer.text.trim().length + answer.files.length, label).toBeGreaterThan(0);
        expect(answer.text, label).not.toMatch(
          /TypeError|ReferenceError|at .+\.ts:\d+|undefined|NaN/,
        );
        for (const embed of answer.embeds)
          expect(embedText([embed]).length, label).toBeLessThan(6000);
      });
    }
    expect(rig.bot.status.state).toBe('ready');
    expect(rig.logs.filter((r) => r.msg === 'interaction handling crashed')).toEqual([]);
    expect(rig.logs.filter((r) => r.msg === 'could not answer the interaction')).toEqual([]);
    // Unexpected failures get a reference; fuzzing should find only refusals.
    expect(rig.logs.filter((r) => r.msg === 'command failed').map((r) => r['error'])).toEqual([]);
  });
});
