// Stopping the headless host must not hang on a browser's busy keep-alive connection: the admin
// UI polls health and keeps connections open, and a stop should take about a second, not the
// server's header or keep-alive timeouts.
import { connect } from 'node:net';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/log/logger.js';
import { startHeadless } from '../../../src-main/web/start-headless.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gitguild-web-stop-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('stops within a few seconds while a connection is half-way through sending a request', async () => {
  const running = await startHeadless({
    dataDir: join(dir, 'data'),
    logger: silentLogger,
    secrets: { backend: 'memory' },
    port: 0,
    env: {},
  });
  const port = running.server.port;
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  // Headers without their terminating blank line: the connection is busy, not idle.
  socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
  socket.on('error', () => undefined);
  await new Promise((resolve) => setTimeout(resolve, 100));

  const started = Date.now();
  await running.stop();
  const elapsed = Date.now() - started;
  socket.destroy();
  expect(elapsed).toBeLessThan(4_000);
});
