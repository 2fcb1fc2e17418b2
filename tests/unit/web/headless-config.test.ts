import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_PORT,
  defaultDataDir,
  parseHeadlessArgs,
} from '../../../src-main/web/headless-config.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gitguild-cfg-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseHeadlessArgs', () => {
  it('defaults to port 7420 on 127.0.0.1, the XDG data dir and env secrets', () => {
    const options = parseHeadlessArgs([], { XDG_DATA_HOME: '/srv/data' });
    expect(options).toEqual({
      port: DEFAULT_PORT,
      bindAddress: '127.0.0.1',
      dataDir: '/srv/data/gitguild',
      publicHosts: [],
      printUrl: false,
      urlFile: null,
      rotateToken: false,
      secrets: { backend: 'env' },
    });
  });

  it('reads --print-url, --url-file (flag over config file) and --rotate-token', async () => {
    const file = join(dir, 'host.json');
    await writeFile(file, JSON.stringify({ urlFile: '/run/gitguild/admin-url' }));
    expect(parseHeadlessArgs(['--config', file], {})).toMatchObject({
      printUrl: false,
      urlFile: '/run/gitguild/admin-url',
      rotateToken: false,
    });
    expect(
      parseHeadlessArgs(
        ['--config', file, '--url-file', join(dir, 'url'), '--print-url', '--rotate-token'],
        {},
      ),
    ).toMatchObject({ printUrl: true, urlFile: join(dir, 'url'), rotateToken: true });
  });

  it('falls back to ~/.local/share when XDG_DATA_HOME is unset', () => {
    expect(defaultDataDir({})).toMatch(/\.local\/share\/gitguild$/);
  });

  it('lets flags override the config file', async () => {
    const file = join(dir, 'host.json');
    await writeFile(
      file,
      JSON.stringify({
        port: 8000,
        dataDir: '/var/lib/gitguild',
        secrets: { backend: 'env', files: { 'discord.botToken': '/run/secrets/bot' } },
      }),
    );
    const options = parseHeadlessArgs(['--config', file, '--port', '0', '--secrets', 'keytar'], {});
    expect(options).toMatchObject({
      port: 0,
      dataDir: '/var/lib/gitguild',
      secrets: { backend: 'keytar', files: { 'discord.botToken': '/run/secrets/bot' } },
    });
  });

  it('refuses a bad port, an unknown flag and an unknown backend with clear messages', () => {
    expect(() => parseHeadlessArgs(['--port', 'http'], {})).toThrow(/--port must be a number/);
    expect(() => parseHeadlessArgs(['--port', '70000'], {})).toThrow(/--port must be a number/);
    expect(() => parseHeadlessArgs(['--prot', '1'], {})).toThrow(/prot/);
    expect(() => parseHeadlessArgs(['--secrets', 'memory'], {})).toThrow(/keytar or env/);
  });

  it('names the bad field of an invalid config file and refuses secret values in it', async () => {
    const file = join(dir, 'host.json');
    await writeFile(file, JSON.stringify({ port: 'x', secrets: { botToken: 'abc' } }));
    expect(() => parseHeadlessArgs(['--config', file], {})).toThrow(
      /port.*secrets\.botToken: unknown field|secrets\.botToken: unknown field.*port/,
    );
  });

  it('says when the config file is not JSON', async () => {
    const file = join(dir, 'host.json');
    await writeFile(file, '{');
    expect(() => parseHeadlessArgs(['--config', file], {})).toThrow(/not valid JSON/);
  });

  it('returns null for --help', () => {
    expect(parseHeadlessArgs(['--help'], {})).toBeNull();
  });
});
