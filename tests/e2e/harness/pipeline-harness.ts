// Child process for pipeline.spec.ts: the GitHub and Discord simulators plus a headless host
// pointed at them, like `npm run demo`, but WITHOUT a GitHub token, so the spec sets it through
// the UI. Prints one `PIPELINE_READY {json}` line, then runs until SIGTERM.
// Usage: node --import tsx tests/e2e/harness/pipeline-harness.ts --data-dir DIR
// Its own folder and tsconfig: the simulators are Node code, the specs' tsconfig adds DOM types.
import { parseArgs } from 'node:util';
import { settingsForSimulators, startSimulators } from '../../../sim/index.js';
import { createLogger } from '../../../src-main/log/logger.js';
import { openSecretStore } from '../../../src-main/secrets/index.js';
import { openStore } from '../../../src-main/store/index.js';
import { METRICS, type Metric } from '../../../src-main/store/types.js';
import { startHeadless } from '../../../src-main/web/start-headless.js';
import type { PipelineReady } from '../pipeline-host.js';

/** Slows the first crawl's requests enough that a person (and the spec) can see the bar move. */
const CRAWL_LATENCY = { kind: 'latency', count: 400, ms: 25 } as const;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new Error('--data-dir is required');

  const logger = createLogger('gitguild-e2e-pipeline', { level: 'info' });
  const sims = await startSimulators({ seed: 1, preset: 'demo' });
  const { github, discord } = sims;
  logger.addSecret(github.token);
  logger.addSecret(discord.botToken);

  const store = await openStore({ dataDir, logger });
  await store.settings.update(settingsForSimulators(sims));
  await store.close();

  const secrets = await openSecretStore({ backend: 'memory', logger });
  await secrets.set('discord.botToken', discord.botToken);
  github.control.injectFault(CRAWL_LATENCY);

  const running = await startHeadless({
    dataDir,
    logger,
    secrets: { store: secrets },
    port: 0,
    env: {},
  });
  const stop = async (): Promise<void> => {
    await running.stop();
    await sims.close();
  };
  process.once('SIGTERM', () => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });

  const totals = new Map<string, number>();
  for (const c of github.control.truth()) {
    const key = `${c.metric}\u0000${c.login}`;
    totals.set(key, (totals.get(key) ?? 0) + c.count);
  }
  const topAllTime = Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>;
  for (const [key, count] of totals) {
    const metric = key.split('\u0000')[0] as Metric;
    topAllTime[metric] = Math.max(topAllTime[metric], count);
  }
  const ready: PipelineReady = {
    adminUrl: running.server.adminUrl,
    org: github.org.login,
    githubToken: github.token,
    blockedRepos: github.org.repos
      .filter((r) => r.blocked)
      .map((r) => `${github.org.login}/${r.name}`),
    topAllTime,
  };
  console.log(`PIPELINE_READY ${JSON.stringify(ready)}`);
}

main().catch((error: unknown) => {
  console.error(
    `pipeline harness: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
