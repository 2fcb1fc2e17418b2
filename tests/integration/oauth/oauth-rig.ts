// A real host (store on a temp dir, memory SecretStore, the OAuth services of createHost) in
// front of both simulators, with the OAuth apps registered the way the README says: Discord's
// exact loopback redirect URI, GitHub's loopback callback URL. Methods go through invokeMethod,
// the one door every transport uses.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { settingsForSimulators, startSimulators, type Simulators } from '../../../sim/index.js';
import type { AdminEvent, MethodName, MethodOutput } from '../../../src-main/api/contract.js';
import { invokeMethod } from '../../../src-main/api/invoke.js';
import { createHost, type HostConfig } from '../../../src-main/host/create-host.js';
import type { Host } from '../../../src-main/host/host.js';
import { createLogger, memorySink, type LogRecord } from '../../../src-main/log/logger.js';
import { openSecretStore } from '../../../src-main/secrets/index.js';
import type { SecretStore } from '../../../src-main/secrets/types.js';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface OAuthRig {
  sims: Simulators;
  host: Host;
  secrets: SecretStore;
  logs: LogRecord[];
  events: AdminEvent[];
  discordPort: number;
  call<M extends MethodName>(method: M, input?: unknown): Promise<MethodOutput<M>>;
  waitForEvent(match: (e: AdminEvent) => boolean, timeoutMs?: number): Promise<AdminEvent>;
  close(): Promise<void>;
}

export interface OAuthRigOptions {
  mode?: 'desktop' | 'headless';
  openExternal?: HostConfig['openExternal'];
  oauthTiming?: HostConfig['oauthTiming'];
  deviceFlow?: { interval?: number; expiresIn?: number };
  /** Extra Discord redirect URIs to register (the public one, for web mode and dashboard). */
  discordRedirects?: string[];
  /** Skip the client secrets (to see what happens when an admin has not set them). */
  withoutClientSecrets?: boolean;
  seed?: number;
}

export async function startOAuthRig(options: OAuthRigOptions = {}): Promise<OAuthRig> {
  const discordPort = await freePort();
  const sims = await startSimulators({
    seed: options.seed ?? 21,
    preset: 'tiny',
    github: { ...(options.deviceFlow ? { deviceFlow: options.deviceFlow } : {}) },
    discord: {
      oauth: {
        redirectUris: [
          `http://127.0.0.1:${discordPort}/oauth/discord/callback`,
          ...(options.discordRedirects ?? []),
        ],
      },
    },
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'gitguild-oauth-'));
  const sink = memorySink(100_000);
  const logger = createLogger('gitguild', { level: 'debug', sinks: [sink] });
  const secrets = await openSecretStore({ backend: 'memory', logger });
  const host = await createHost({
    mode: options.mode ?? 'desktop',
    dataDir,
    logger,
    secrets: { store: secrets },
    ...(options.openExternal ? { openExternal: options.openExternal } : {}),
    ...(options.oauthTiming ? { oauthTiming: options.oauthTiming } : {}),
  });
  const events: AdminEvent[] = [];
  const waiters = new Set<() => void>();
  host.events.subscribe((e) => {
    events.push(e);
    for (const wake of [...waiters]) wake();
  });
  const call = async <M extends MethodName>(method: M, input: unknown = {}) =>
    (await invokeMethod(host.handlers, method, input)) as MethodOutput<M>;
  await call('settings.update', {
    ...settingsForSimulators(sims),
    discordRedirectPort: discordPort,
  });
  if (!options.withoutClientSecrets) {
    await secrets.set('discord.clientSecret', sims.discord.clientSecret);
    await secrets.set('github.clientSecret', sims.github.oauthApps[0]!.clientSecret);
  }
  await secrets.set('discord.botToken', sims.discord.botToken);
  return {
    sims,
    host,
    secrets,
    logs: sink.records,
    events,
    discordPort,
    call,
    waitForEvent: (match, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const seen = events.find(match);
        if (seen) return resolve(seen);
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('timed out waiting for an event'));
        }, timeoutMs);
        const check = () => {
          const found = events.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
      }),
    close: async () => {
      await host.stop();
      await sims.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
