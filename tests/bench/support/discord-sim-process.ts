// The Discord simulator in its own process, for benchmarks that time the client: Discord's work
// does not run on the client's event loop in real life, so it should not here either. Prints one
// JSON line ({ restUrl, controlUrl, botToken }) and runs until killed.
import { startDiscordSim } from '../../../sim/discord/index.js';
import { generateGuild, type GuildPreset } from '../../../sim/scenarios/guild.js';

const [seed = '11', preset = 'large', limits = '{}'] = process.argv.slice(2);
const sim = await startDiscordSim({
  guild: generateGuild({ seed: Number(seed), preset: preset as GuildPreset }),
  rateLimits: JSON.parse(limits) as object,
});
process.stdout.write(
  `${JSON.stringify({ restUrl: sim.restUrl, controlUrl: sim.controlUrl, botToken: sim.botToken })}\n`,
);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
