// `serve` as an admin or a service manager runs it: the real CLI in a child process. The admin
// URL carries the API token, so it reaches stdout only on a terminal or when asked for, goes to a
// 0600 file on request, and `--rotate-token` replaces the stored token.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from './http-client.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const PINNED = 'pinned-api-token-for-the-cli-test-0123456789';

let dir: string;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gitguild-serve-'));
});
afterEach(async () => {
  await Promise.all([...running].map(stop));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function stop(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  // `script` runs the host in its own session: signal the whole group.
  if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
  await once(child, 'exit');
}

interface Served {
  child: ChildProcess;
  /** stdout up to and including the admin URL line (or everything, if the host exited). */
  stdout: string;
  line: string;
  port: number;
  stderr: () => string;
}

/** Runs the CLI from source; with `tty` under util-linux `script`, so stdout is a terminal. */
async function serve(
  args: string[],
  options: { env?: Record<string, string>; tty?: boolean } = {},
): Promise<Served> {
  const command = [
    process.execPath,
    '--import',
    'tsx',
    'src-main/web/headless-cli.ts',
    '--port',
    '0',
    '--data-dir',
    join(dir, 'data'),
    '--secrets',
    'env',
    ...args,
  ];
  const quoted = command.map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  const [file, ...argv] = options.tty
    ? ['script', '--quiet', '--return', '--command', quoted, '/dev/null']
    : command;
  const child = spawn(file!, argv, {
    cwd: root,
    detached: true,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      ...(process.env['DBUS_SESSION_BUS_ADDRESS']
        ? { DBUS_SESSION_BUS_ADDRESS: process.env['DBUS_SESSION_BUS_ADDRESS'] }
        : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL within 30 s; log:\n${stderr}`)),
      30_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString().replace(/\r/g, '');
      const match = /^GitGuild admin UI: .*$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      resolve('');
    });
  });
  const port = Number(/127\.0\.0\.1:(\d+)/.exec(line)?.[1] ?? 0);
  return { child, stdout, line, port, stderr: () => stderr };
}

const rpcStatus = async (port: number, token: string) =>
  (
    await rawRequest(port, {
      method: 'POST',
      path: '/api/rpc/settings.get',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    })
  ).status;

describe('serve prints the token only where it is safe', () => {
  it('keeps the token off a stdout that is not a terminal, and says where to find it', async () => {
    const served = await serve([], { env: { GITGUILD_API_TOKEN: PINNED } });
    expect(served.line).toMatch(/^GitGuild admin UI: http:\/\/127\.0\.0\.1:\d+\/ /);
    expect(served.line).toContain('not a terminal');
    expect(served.line).toContain('GITGUILD_API_TOKEN');
    expect(served.stdout).not.toContain(PINNED);
    expect(served.stderr()).not.toContain(PINNED);
    expect(await rpcStatus(served.port, PINNED)).toBe(200);
  });

  it('prints the token URL to a terminal', async () => {
    const served = await serve([], { env: { GITGUILD_API_TOKEN: PINNED }, tty: true });
    expect(served.line).toBe(`GitGuild admin UI: http://127.0.0.1:${served.port}/#token=${PINNED}`);
  });

  it('prints the token URL to a pipe when asked with --print-url', async () => {
    const served = await serve(['--print-url'], { env: { GITGUILD_API_TOKEN: PINNED } });
    expect(served.line).toBe(`GitGuild admin UI: http://127.0.0.1:${served.port}/#token=${PINNED}`);
  });

  it('writes the token URL to a --url-file only the user can read, replacing a looser one', async () => {
    const urlFile = join(dir, 'admin-url');
    await writeFile(urlFile, 'old', { mode: 0o644 });
    const served = await serve(['--url-file', urlFile], { env: { GITGUILD_API_TOKEN: PINNED } });
    expect(served.line).toContain(urlFile);
    expect(served.stdout).not.toContain(PINNED);
    expect((await stat(urlFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(urlFile, 'utf8')).toBe(
      `http://127.0.0.1:${served.port}/#token=${PINNED}\n`,
    );
  });
});

describe('serve --rotate-token', () => {
  it('replaces the token kept in the keychain; the old one stops working', async () => {
    const config = join(dir, 'keytar-host.json');
    const service = `GitGuild-test-${process.pid}-${Date.now()}`;
    await writeFile(config, JSON.stringify({ secrets: { backend: 'keytar', service } }));
    const common = ['--config', config, '--secrets', 'keytar', '--print-url'];
    const tokenOf = (line: string) => /#token=(\S+)$/.exec(line)?.[1] ?? '';

    const first = await serve(common);
    const original = tokenOf(first.line);
    expect(original, first.stderr()).toMatch(/^[\w-]{43}$/);
    await stop(first.child);

    const again = await serve(common);
    expect(tokenOf(again.line)).toBe(original); // kept across restarts
    await stop(again.child);

    const rotated = await serve([...common, '--rotate-token']);
    const fresh = tokenOf(rotated.line);
    expect(fresh).toMatch(/^[\w-]{43}$/);
    expect(fresh).not.toBe(original);
    expect(await rpcStatus(rotated.port, original)).toBe(401);
    expect(await rpcStatus(rotated.port, fresh)).toBe(200);
    expect(rotated.stderr()).toContain('API token rotated');
    expect(rotated.stderr()).not.toContain(fresh);
    expect(rotated.stderr()).not.toContain(original);
    await stop(rotated.child);

    const after = await serve(common);
    expect(tokenOf(after.line)).toBe(fresh);
  });

  it('refuses to rotate a token pinned in the environment, saying where to change it', async () => {
    const served = await serve(['--rotate-token'], { env: { GITGUILD_API_TOKEN: PINNED } });
    expect(served.line).toBe('');
    expect(served.child.exitCode).toBe(1);
    expect(served.stderr()).toContain('GITGUILD_API_TOKEN');
    expect(served.stderr()).not.toContain(PINNED);
  });
});
