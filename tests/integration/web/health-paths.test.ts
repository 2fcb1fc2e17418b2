// `GET /api/health` answers without a token, so it must not tell a stranger where GitGuild keeps
// its files (absolute paths carry user names and layout). A damaged store names the kind of file.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthSchema } from '../../../src-main/api/contract.js';
import { createLogger } from '../../../src-main/log/logger.js';
import { startHeadless, type HeadlessGitGuild } from '../../../src-main/web/start-headless.js';
import { rawRequest } from './http-client.js';

let dir: string;
let dataDir: string;
let running: HeadlessGitGuild;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gitguild-health-'));
  dataDir = join(dir, 'data');
  await mkdir(join(dataDir, 'contributions', 'acme', 'repos'), { recursive: true });
  await writeFile(join(dataDir, 'config.json'), '{"schemaVersion":2,"settings":'); // cut off
  await writeFile(
    join(dataDir, 'contributions', 'acme', 'repos', 'acme%2Fwidgets.json'),
    'garbage',
  );
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>GitGuild</title>');
  running = await startHeadless({
    dataDir,
    logger: createLogger('test', { sinks: [] }),
    secrets: { backend: 'memory' },
    port: 0,
    rendererDir: join(dir, 'renderer'),
    env: {},
  });
});

afterAll(async () => {
  await running?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('GET /api/health with a damaged store', () => {
  it('says which kinds of file are damaged and how to fix them, but not where they are', async () => {
    const response = await rawRequest(running.server.port, { path: '/api/health' });
    expect(response.status).toBe(200);
    const health = HealthSchema.parse(response.json());
    expect(health.store.ok).toBe(false);
    expect(health.store.problem).toContain('configuration file (config.json)');
    expect(health.store.problem).toContain('contribution data');
    expect(health.store.problem).toMatch(/Discard|Restore|repair/);

    expect(response.text).not.toContain(dataDir);
    expect(response.text).not.toContain(tmpdir());
    // No absolute path of any kind: "/x/y" after a space or quote, or a drive letter.
    expect(response.text).not.toMatch(/(^|[\s"'(])\/[^\s"'/]+\/|[A-Za-z]:\\\\/);
  });

  it('still gives the full paths to the admin through store.backups (token required)', async () => {
    const response = await rawRequest(running.server.port, {
      method: 'POST',
      path: '/api/rpc/store.backups',
      headers: {
        authorization: `Bearer ${running.token.value}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain(join(dataDir, 'config.json'));
  });
});
