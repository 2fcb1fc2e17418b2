import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createOriginGuard } from '../../../src-main/web/origin-guard.js';

function request(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

describe('createOriginGuard', () => {
  const guard = createOriginGuard({ port: () => 7420, publicHosts: ['gitguild.example.org'] });

  it('accepts our loopback Host names with our port', () => {
    expect(guard(request({ host: '127.0.0.1:7420' })).ok).toBe(true);
    expect(guard(request({ host: 'LOCALHOST:7420' })).ok).toBe(true);
    expect(guard(request({ host: 'gitguild.example.org' })).ok).toBe(true);
  });

  it('refuses a rebound host name, another port and a missing Host', () => {
    expect(guard(request({ host: 'evil.example:7420' })).ok).toBe(false);
    expect(guard(request({ host: '127.0.0.1:7421' })).ok).toBe(false);
    expect(guard(request({})).ok).toBe(false);
  });

  it('accepts our own Origin and refuses others, including "null"', () => {
    const host = '127.0.0.1:7420';
    expect(guard(request({ host, origin: 'http://127.0.0.1:7420' })).ok).toBe(true);
    expect(guard(request({ host, origin: 'http://localhost:7420' })).ok).toBe(true);
    expect(guard(request({ host, origin: 'https://gitguild.example.org' })).ok).toBe(true);
    expect(guard(request({ host, origin: 'http://evil.example' })).ok).toBe(false);
    expect(guard(request({ host, origin: 'null' })).ok).toBe(false);
    expect(guard(request({ host, origin: 'file://127.0.0.1:7420' })).ok).toBe(false);
  });

  it('follows the port chosen at listen time', () => {
    let port = 0;
    const late = createOriginGuard({ port: () => port });
    port = 5555;
    expect(late(request({ host: '127.0.0.1:5555' })).ok).toBe(true);
  });
});
