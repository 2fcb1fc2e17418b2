// Child process for oauth.spec.ts: both simulators and a headless host whose public base URL is
// its own origin, with dashboard sign-in and web-mode /link on. A member's /link is started
// through the host's LinkPort (as the bot does) and its URL printed. Prints one
// `OAUTH_READY {json}` line, then runs until SIGTERM.
// Usage: node --import tsx tests/e2e/harness/oauth-harness.ts --data-dir DIR
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { settingsForSimulators, startSimulators } from '../../../sim/index.js';
import { createLogger } from '../../../src-main/log/logger.js';
import { openSecretStore } from '../../../src-main/secrets/index.js';
import { startHeadless } from '../../../src-main/web/start-headless.js';
import type { OAuthReady } from '../oauth-host.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new Error('--data-dir is required');
  const logger = createLogger('gitguild-e2e-oauth', { level: 'info' });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const sims = await startSimulators({
    seed: 4,
    preset: 'tiny',
    discord: { oauth: { redirectUris: [`${origin}/oauth/discord/callback`] } },
  });
  const secrets = await openSecretStore({ backend: 'memory', logger });
  await secrets.set('discord.clientSecret', sims.discord.clientSecret);
  await secrets.set('github.clientSecret', sims.github.oauthApps[0]!.clientSecret);
  const running = await startHeadless({
    dataDir,
    logger,
    secrets: { store: secrets },
    port,
    env: {},
  });
  await running.host.handlers['settings.update'](
    {
      ...settingsForSimulators(sims),
      publicBaseUrl: origin,
      dashboardSignIn: true,
      memberLinkMode: 'web',
    },
    { caller: { kind: 'admin', via: 'api-token' } },
  );
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

  const member = sims.discord.guild.members.find((m) => !m.user.bot)!.user;
  sims.github.control.setAuthorizeUser('octo-in-chromium');
  const link = await running.host.linkPort.start(
    { guildId: sims.discord.guild.guild.id, userId: member.id, username: member.username },
    (outcome) => console.log(`LINK_OUTCOME ${JSON.stringify(outcome)}`),
  );
  if (link.kind !== 'web') throw new Error(`expected a web link, got ${link.kind}`);
  const ready: OAuthReady = {
    origin,
    apiToken: running.token.value,
    linkUrl: link.url,
    memberId: member.id,
    guildId: sims.discord.guild.guild.id,
    ownerId: sims.discord.guild.guild.ownerId,
  };
  console.log(`OAUTH_READY ${JSON.stringify(ready)}`);
}

main().catch((error: unknown) => {
  console.error(
    `oauth harness: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
