// Child process for electron.spec.ts: only the GitHub and Discord simulators (the Electron app is
// the host). Prints one `SIMULATORS_READY {json}` line with the settings that point a host at
// them, the fake GitHub and bot tokens and the guild's id, then runs until SIGTERM.
// Usage: node --import tsx tests/e2e/harness/simulators-harness.ts
import { settingsForSimulators, startSimulators } from '../../../sim/index.js';
import type { SimulatorsReady } from '../simulators-process.js';

async function main(): Promise<void> {
  const sims = await startSimulators({ seed: 6, preset: 'tiny' });
  const ready: SimulatorsReady = {
    settings: settingsForSimulators(sims),
    githubToken: sims.github.token,
    org: sims.github.org.login,
    botToken: sims.discord.botToken,
    guildId: sims.discord.guild.guild.id,
  };
  console.log(`SIMULATORS_READY ${JSON.stringify(ready)}`);
  const stop = (): void => {
    sims.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
