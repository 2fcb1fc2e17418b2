// `npm run sim`: starts the GitHub and Discord simulators on 127.0.0.1 and prints how to reach
// them. The tokens printed are the simulators' own fake tokens, never real credentials.
import { parseArgs } from 'node:util';
import { startSimulators } from './index.js';
import type { OrgPreset } from './scenarios/org.js';

const USAGE = `Usage: npm run sim -- [--seed N] [--preset demo|large|tiny] [--github-port P] [--github-web-port P] [--discord-port P]`;

function port(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`--${name} must be a port number (0-65535), got "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      preset: { type: 'string' },
      'github-port': { type: 'string' },
      'github-web-port': { type: 'string' },
      'discord-port': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
  const preset = (values.preset ?? 'demo') as OrgPreset;
  if (!['demo', 'large', 'tiny'].includes(preset))
    throw new Error(`--preset must be demo, large or tiny, got "${values.preset}"`);

  const started = Date.now();
  const sims = await startSimulators({
    seed,
    preset,
    githubPort: port(values['github-port'], 'github-port'),
    githubWebPort: port(values['github-web-port'], 'github-web-port'),
    discordPort: port(values['discord-port'], 'discord-port'),
  });
  const { github, discord } = sims;
  const repos = github.org.repos.length;
  const pulls = github.org.repos.reduce((n, r) => n + r.pulls.length, 0);
  const app = github.oauthApps[0];
  console.log(
    [
      `GitGuild simulators (seed ${seed}, preset ${preset}) ready in ${Date.now() - started} ms`,
      '',
      'GitHub',
      `  API (Octokit baseUrl)   ${github.apiUrl}`,
      `  Web (OAuth, device)     ${github.webUrl}`,
      `  Control                 ${github.controlUrl}`,
      `  Token (fake, for ${github.tokenLogin})  ${github.token}`,
      app
        ? `  OAuth app               client_id ${app.clientId}  client_secret ${app.clientSecret}  callback ${app.callbackUrl} (any loopback port)`
        : null,
      `  Org                     ${github.org.login}: ${repos} repos, ${github.org.users.length} users, ${pulls} pull requests`,
      '',
      'Discord',
      `  REST (discord.js rest.api)  ${discord.restUrl}`,
      `  Gateway                 ${discord.gatewayUrl}`,
      `  OAuth                   ${discord.oauthUrl}`,
      `  Control                 ${discord.controlUrl}`,
      `  Bot token (fake)        ${discord.botToken}`,
      `  Application id          ${discord.applicationId}   client secret (fake) ${discord.clientSecret}`,
      `  Guild                   ${discord.guild.guild.name} (${discord.guild.guild.id}), ${discord.guild.members.length} members`,
      '',
      'Press Ctrl-C to stop.',
    ]
      .filter((line) => line !== null)
      .join('\n'),
  );

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sims.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('error while stopping the simulators:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  console.error(USAGE);
  process.exit(1);
});
