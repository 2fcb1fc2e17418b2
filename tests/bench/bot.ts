// Bot benchmark (`npm run bench -- bot`): interaction-to-first-response latency over 1,000
// injected slash commands against the Discord simulator (the real bot and the host's ports over
// a seeded store), chart and rank-card render times, and the host's memory in its own process
// with the `large` scenario's 10k-member guild cached. Baselines in the same run: a bare
// discord.js client that answers "pong" at once, a blank PNG encode of the same size, and the
// host alone without the bot. Prints figures; asserts nothing.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { startDiscordSim } from '../../sim/discord/index.js';
import { generateGuild } from '../../sim/scenarios/guild.js';
import { contributorLogins, generateOrg, orgTruth } from '../../sim/scenarios/org.js';
import type { ChartSpecRequest } from '../../src-main/api/chart-spec.js';
import { buildChartSpec, renderChartPng, renderRankCard } from '../../src-main/charts/index.js';
import { ContributionIndex, computeStats } from '../../src-main/stats/index.js';
import { METRICS } from '../../src-main/store/types.js';
import { startBotRig } from '../integration/bot/bot-rig.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const COMMANDS = 1000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(values: number[]): { p50: number; p95: number; max: number; mean: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? Number.NaN,
    mean: values.reduce((s, v) => s + v, 0) / Math.max(1, values.length),
  };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Injects commands `concurrency` at a time; returns first-response latencies (inject → callback). */
async function drive(
  sim: Awaited<ReturnType<typeof startDiscordSim>>,
  cases: {
    userId: string;
    commandName: string;
    options?: Record<string, string | number | boolean>;
  }[],
  concurrency: number,
  finished: (id: string) => boolean,
): Promise<{ latencies: number[]; unanswered: number }> {
  const latencies: number[] = [];
  let unanswered = 0;
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      const injectedAt = Date.now();
      const { id } = sim.control.injectInteraction(c);
      const deadline = Date.now() + 20_000;
      while (!finished(id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      const view = sim.control.interaction(id);
      const first = view.history[0];
      if (!first) unanswered += 1;
      else latencies.push(first.at - injectedAt);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, unanswered };
}

async function latencyBench(): Promise<void> {
  const rig = await startBotRig({ seed: 5 });
  const { sim, people } = rig;
  const mix: {
    commandName: string;
    options?: Record<string, string | number | boolean>;
    userId: string;
  }[] = [
    { commandName: 'getstats', userId: people.linked },
    { commandName: 'getstats', userId: people.unlinked },
    {
      commandName: 'halloffame',
      options: { metric: 'commits', window: '30d' },
      userId: people.linked,
    },
    {
      commandName: 'halloffame',
      options: { metric: 'prs_merged', window: 'all' },
      userId: people.outsideTop,
    },
    { commandName: 'help', userId: people.unlinked },
    { commandName: 'show-top-contributors', userId: people.linked },
    {
      commandName: 'show-activity-trends',
      options: { granularity: 'weekly' },
      userId: people.linked,
    },
    { commandName: 'check_permissions', userId: people.admin },
    { commandName: 'sync', userId: people.unlinked },
    { commandName: 'link', userId: people.unlinked },
  ];
  const cases = Array.from({ length: COMMANDS }, (_, i) => mix[i % mix.length]!);
  const done = (id: string) => {
    const v = sim.control.interaction(id);
    return (
      v.callback !== null &&
      (v.callback.type !== 5 || v.history.some((h) => h.kind === 'edit-original'))
    );
  };
  // Warm-up: JIT, first chart render, first stats snapshot.
  await drive(sim, mix, 1, done);
  const sequential = await drive(sim, cases, 1, done);
  const parallel = await drive(sim, cases.slice(0, 200), 8, done);
  const failed = rig.logs.filter((r) => r.msg === 'command failed').length;
  await rig.close();

  // Baseline: the same simulator and discord.js, a client that replies at once and does nothing else.
  const guild = generateGuild({ seed: 5, preset: 'demo' });
  const bare = await startDiscordSim({ guild });
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: bare.restUrl } });
  client.on(Events.InteractionCreate, (i) => {
    if (i.isChatInputCommand()) void i.reply({ content: 'pong', flags: MessageFlags.Ephemeral });
  });
  await client.login(bare.botToken);
  while (!client.isReady()) await new Promise((r) => setTimeout(r, 20));
  const member = guild.members.find((m) => !m.user.bot)!.user.id;
  const pongCases = Array.from({ length: COMMANDS }, () => ({
    userId: member,
    commandName: 'ping',
  }));
  const pongDone = (id: string) => bare.control.interaction(id).callback !== null;
  await drive(bare, pongCases.slice(0, 20), 1, pongDone);
  const baseline = await drive(bare, pongCases, 1, pongDone);
  const baselineParallel = await drive(bare, pongCases.slice(0, 200), 8, pongDone);
  await client.destroy();
  await bare.close();

  const s = summary(sequential.latencies);
  const p = summary(parallel.latencies);
  const b = summary(baseline.latencies);
  const bp = summary(baselineParallel.latencies);
  console.log(
    `\ninteraction → first response (${COMMANDS} commands, mix of ${mix.length}: stats, hall of fame, charts, help, refusals)`,
  );
  console.log(
    `  GitGuild bot, one at a time   p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  max ${ms(s.max)}  (goal: p95 < 100 ms)`,
  );
  console.log(
    `  GitGuild bot, 8 in flight     p50 ${ms(p.p50)}  p95 ${ms(p.p95)}  max ${ms(p.max)}  (200 commands)`,
  );
  console.log(
    `  baseline: bare discord.js pong p50 ${ms(b.p50)}  p95 ${ms(b.p95)}  max ${ms(b.max)}`,
  );
  console.log(
    `  baseline, 8 in flight         p50 ${ms(bp.p50)}  p95 ${ms(bp.p95)}  max ${ms(bp.max)}`,
  );
  console.log(
    '  (the simulator runs in this process too: it parses every upload and gateway frame)',
  );
  console.log(
    `  unanswered: ${sequential.unanswered + parallel.unanswered}; unexpected failures logged: ${failed}`,
  );
}

async function renderBench(): Promise<void> {
  const now = Date.now();
  const rows: { label: string; mean: number; p95: number; bytes: number }[] = [];
  for (const preset of ['demo', 'large'] as const) {
    const org = generateOrg({ seed: 7, preset, now });
    const index = new ContributionIndex(orgTruth(org, { includeBots: false }));
    const snapshot = computeStats(index, { now: new Date(now), timeZone: 'UTC' });
    const input = { org: org.login, index, snapshot };
    const requests: ChartSpecRequest[] = [
      { kind: 'top-contributors', metric: 'prs_merged', window: '30d' },
      { kind: 'activity-comparison', window: '30d' },
      { kind: 'activity-trends', granularity: 'daily' },
      { kind: 'time-series', metrics: [...METRICS], days: 365 },
    ];
    for (const request of requests) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 12; i += 1) {
        const started = performance.now();
        const spec = buildChartSpec(input, request);
        const png = await renderChartPng(spec);
        times.push(performance.now() - started);
        bytes = png.png.length;
      }
      const s = summary(times.slice(2));
      rows.push({ label: `${preset} ${request.kind}`, mean: s.mean, p95: s.p95, bytes });
    }
  }
  const cardTimes: number[] = [];
  for (let i = 0; i < 12; i += 1) {
    const started = performance.now();
    await renderRankCard({
      displayName: 'Ada Lovelace',
      login: 'ada',
      avatarPng: null,
      windowLabel: 'all time',
      counts: { prs_opened: 12, prs_merged: 9, issues: 4, commits: 120, reviews: 30 },
      rank: { metric: 'prs_merged', rank: 3 },
      streak: { current: 4, longest: 12 },
      tier: { current: 'Regular', next: 'Core', metric: 'prs_merged', value: 9, target: 20 },
      partial: false,
    });
    cardTimes.push(performance.now() - started);
  }
  const blank: number[] = [];
  for (let i = 0; i < 12; i += 1) {
    const started = performance.now();
    const canvas = createCanvas(960, 540);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#2b2d31';
    ctx.fillRect(0, 0, 960, 540);
    await canvas.encode('png');
    blank.push(performance.now() - started);
  }
  console.log(
    '\nchart render (spec from stats + chart.js draw + PNG encode; mean / p95 of 10 after 2 warm-ups)',
  );
  for (const r of rows)
    console.log(
      `  ${r.label.padEnd(32)} ${ms(r.mean).padStart(9)} / ${ms(r.p95).padStart(9)}   ${(r.bytes / 1024).toFixed(0)} KiB`,
    );
  const card = summary(cardTimes.slice(2));
  console.log(
    `  ${'rank card (900×300)'.padEnd(32)} ${ms(card.mean).padStart(9)} / ${ms(card.p95).padStart(9)}`,
  );
  const base = summary(blank.slice(2));
  console.log(
    `  ${'baseline: blank 960×540 PNG'.padEnd(32)} ${ms(base.mean).padStart(9)} / ${ms(base.p95).padStart(9)}`,
  );
}

async function hostProcess(args: string[]): Promise<Record<string, number>> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'tests/bench/child/bot-host.ts', ...args],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (l) => {
      if (l.startsWith('BOT_HOST ')) resolve(l.slice('BOT_HOST '.length));
    });
    child.once('exit', (code) => reject(new Error(`host child exited with ${code}: ${stderr}`)));
  });
  child.kill('SIGTERM');
  await once(child, 'exit');
  return JSON.parse(line) as Record<string, number>;
}

async function memoryBench(): Promise<void> {
  const guild = generateGuild({
    seed: 7,
    preset: 'large',
    githubLogins: contributorLogins(generateOrg({ seed: 7, preset: 'large', now: Date.now() })),
  });
  const sim = await startDiscordSim({ guild });
  const results: Record<string, Record<string, number>> = {};
  try {
    for (const withBot of [false, true]) {
      const dir = await mkdtemp(join(tmpdir(), 'gitguild-bench-bot-'));
      try {
        results[withBot ? 'bot' : 'host'] = await hostProcess([
          '--data-dir',
          dir,
          '--api',
          sim.restUrl,
          '--token',
          sim.botToken,
          '--guild',
          guild.guild.id,
          ...(withBot ? ['--bot'] : []),
        ]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await sim.close();
  }
  const host = results['host']!;
  const bot = results['bot']!;
  console.log(
    `\nhost memory in its own process, large guild (${guild.members.length.toLocaleString('en-US')} members), after a full GC`,
  );
  console.log(
    `  host + bot, member cache complete  RSS ${mib(bot['rss']!)}  heap ${mib(bot['heapUsed']!)}  (${bot['members']} members, ${bot['users']} users cached, ready in ${ms(bot['readyMs']!)})  goal: RSS < 300 MiB`,
  );
  console.log(
    `  baseline: host without the bot     RSS ${mib(host['rss']!)}  heap ${mib(host['heapUsed']!)}`,
  );
  console.log(`  the bot and its caches cost         RSS ${mib(bot['rss']! - host['rss']!)}`);
}

export async function run(): Promise<void> {
  await latencyBench();
  await renderBench();
  await memoryBench();
}
