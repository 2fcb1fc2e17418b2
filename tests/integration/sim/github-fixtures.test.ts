// Recorded real api.github.com sessions (@octokit/fixtures, served by @octokit/fixtures-server on
// 127.0.0.1) through GitGuild's own Octokit factory, proving that client code handles GitHub's
// real responses and not only our simulator's.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOctokit } from '../../../src-main/github/octokit.js';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';

// These packages ship no type declarations; a non-literal specifier keeps TypeScript from
// demanding them, and the interfaces below state the little we use.
interface ExpressApp {
  use(handler: unknown): void;
  listen(port: number, host: string, cb: () => void): Server;
}
type FixtureMiddleware = (options: {
  port: number;
  fixturesUrl: string;
  logLevel: string;
  ttl: number;
  fixtures: Record<string, unknown>;
}) => unknown;
interface Nock {
  disableNetConnect(): void;
  enableNetConnect(matcher: RegExp): void;
  enableNetConnect(): void;
  cleanAll(): void;
}

const load = async <T>(specifier: string): Promise<T> =>
  ((await import(specifier)) as { default: T }).default;
const require = createRequire(import.meta.url);
const FIXTURE_TOKEN = '0000000000000000000000000000000000000001';

describe('GitGuild Octokit against recorded GitHub sessions', () => {
  let server: Server;
  let baseUrl: string;
  let nock: Nock;

  beforeAll(async () => {
    const express = await load<() => ExpressApp>('express');
    const fixtureServerMiddleware = await load<FixtureMiddleware>('@octokit/fixtures-server');
    nock = (await load<{ nock: Nock }>('@octokit/fixtures')).nock;
    // The fixtures are replayed by nock inside this process; nothing may leave the machine.
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

    const app = express();
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const port = (server.address() as AddressInfo).port;
    baseUrl = `http://127.0.0.1:${port}`;
    const scenario = (name: string): unknown =>
      require(`@octokit/fixtures/scenarios/api.github.com/${name}/normalized-fixture.json`);
    app.use(
      fixtureServerMiddleware({
        port,
        fixturesUrl: baseUrl,
        logLevel: 'silent',
        ttl: 60_000,
        fixtures: { 'paginate-issues': scenario('paginate-issues'), errors: scenario('errors') },
      }),
    );
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    nock?.cleanAll();
    nock?.enableNetConnect();
  });

  async function loadScenario(name: string): Promise<string> {
    const res = await fetch(`${baseUrl}/fixtures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: name }),
    });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    expect(new URL(url).hostname).toBe('127.0.0.1');
    return url;
  }

  function client(apiUrl: string) {
    const sink = memorySink();
    const logger = createLogger('test', { sinks: [sink], level: 'debug' });
    return {
      ...createOctokit({
        baseUrl: apiUrl,
        token: FIXTURE_TOKEN,
        logger,
        userAgent: 'gitguild-test',
        retries: 0,
      }),
      sink,
    };
  }

  it('follows real Link headers through all five pages of a recorded issue listing', async () => {
    const url = await loadScenario('paginate-issues');
    const { octokit, meter, sink } = client(url);
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: 'octokit-fixture-org',
      repo: 'paginate-issues',
      per_page: 3,
    });
    expect(issues).toHaveLength(13);
    expect(issues.map((i) => i.number)).toEqual(
      [...issues.map((i) => i.number)].sort((a, b) => b - a),
    );
    expect(issues.every((i) => typeof i.title === 'string' && i.user !== null)).toBe(true);
    expect(meter.requests).toBe(5);
    expect(JSON.stringify(sink.records)).not.toContain(FIXTURE_TOKEN);
  });

  it('surfaces a recorded 422 Validation Failed with its field errors, without retrying', async () => {
    const url = await loadScenario('errors');
    const { octokit, meter } = client(url);
    const err = (await octokit.rest.issues
      .createLabel({ owner: 'octokit-fixture-org', repo: 'errors', name: 'foo', color: 'invalid' })
      .catch((e: unknown) => e)) as {
      status?: number;
      message?: string;
      response?: { data?: { errors?: { field: string; code: string }[] } };
    };
    expect(err.status).toBe(422);
    expect(err.message).toContain('Validation Failed');
    expect(err.response?.data?.errors).toEqual([
      { resource: 'Label', code: 'invalid', field: 'color' },
    ]);
    expect(meter.requests).toBe(1);
  });
});
