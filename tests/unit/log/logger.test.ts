// The logger (pino underneath): JSON lines with level, time, scope and message; errors logged
// whole with their cause chain; secrets redacted by the logger wherever they appear.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createLogger,
  memorySink,
  REDACTED,
  type LogRecord,
} from '../../../src-main/log/logger.js';
import { GitGuildError } from '../../../src-main/errors.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function capture(level: 'debug' | 'info' = 'debug') {
  const sink = memorySink();
  return { sink, logger: createLogger('gitguild', { level, sinks: [sink] }) };
}

const only = (records: LogRecord[]): LogRecord => {
  expect(records).toHaveLength(1);
  return records[0]!;
};

describe('log records', () => {
  it('carry level, ISO time, scope and message, with child scopes joined by ":"', () => {
    const { sink, logger } = capture();
    logger.child('web').child('http').info('listening', { port: 7420 });
    const record = only(sink.records);
    expect(record).toMatchObject({
      level: 'info',
      scope: 'gitguild:web:http',
      msg: 'listening',
      port: 7420,
    });
    expect(new Date(record.time).toISOString()).toBe(record.time);
  });

  it('drop records below the level', () => {
    const { sink, logger } = capture('info');
    logger.debug('hidden');
    logger.info('shown');
    logger.warn('shown too');
    logger.error('and this');
    expect(sink.records.map((r) => r.level)).toEqual(['info', 'warn', 'error']);
  });

  it('never let a field overwrite level, time, scope or msg', () => {
    const { sink, logger } = capture();
    logger.info('real message', { level: 'fake', msg: 'fake', scope: 'fake', time: 1 });
    const record = only(sink.records);
    expect(record).toMatchObject({ level: 'info', msg: 'real message', scope: 'gitguild' });
    expect(record).toMatchObject({ field_level: 'fake', field_msg: 'fake', field_scope: 'fake' });
  });

  it('survive circular fields', () => {
    const { sink, logger } = capture();
    const loop: Record<string, unknown> = { name: 'loop' };
    loop['self'] = loop;
    logger.info('circular', { loop });
    expect(only(sink.records)['loop']).toEqual({ name: 'loop', self: '[Circular]' });
  });

  it('go to stderr as one JSON line each when no sink is given', () => {
    const script = `
      import { createLogger } from './src-main/log/logger.ts';
      const log = createLogger('cli');
      log.info('first', { n: 1 });
      log.child('web').warn('second');
      log.debug('not at info level');
    `;
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: root, encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({ level: 'info', scope: 'cli', msg: 'first', n: 1 }),
      expect.objectContaining({ level: 'warn', scope: 'cli:web', msg: 'second' }),
    ]);
  });
});

describe('errors', () => {
  it('are logged whole: name, message, stack, own fields and the cause chain', () => {
    const { sink, logger } = capture();
    const root = new Error('socket hang up');
    const middle = Object.assign(new TypeError('fetch failed', { cause: root }), {
      code: 'ECONNRESET',
    });
    const top = new GitGuildError('upstream_failed', 'GitHub did not answer', {
      hint: 'Try again later.',
      cause: middle,
    });
    Object.defineProperty(top, 'cause', { value: middle, enumerable: false });
    logger.error('crawl failed', { error: top });
    const error = only(sink.records)['error'] as Record<string, unknown>;
    expect(error).toMatchObject({
      name: 'GitGuildError',
      message: 'GitHub did not answer',
      identifier: 'upstream_failed',
      stack: expect.stringContaining('GitHub did not answer'),
      cause: {
        name: 'TypeError',
        message: 'fetch failed',
        code: 'ECONNRESET',
        stack: expect.stringMatching(/^TypeError: fetch failed\n\s+at /),
        cause: { name: 'Error', message: 'socket hang up', stack: expect.any(String) },
      },
    });
  });

  it('keep causes that are not errors, and the errors of an AggregateError', () => {
    const { sink, logger } = capture();
    const error = new AggregateError([new Error('a'), new RangeError('b')], 'two failed', {
      cause: { status: 503 },
    });
    logger.warn('both failed', { error });
    expect(only(sink.records)['error']).toMatchObject({
      name: 'AggregateError',
      message: 'two failed',
      errors: [
        { name: 'Error', message: 'a' },
        { name: 'RangeError', message: 'b' },
      ],
      cause: { status: 503 },
    });
  });

  it('are found anywhere among the fields, not only under one key', () => {
    const { sink, logger } = capture();
    logger.error('several', { failures: [{ repo: 'acme/x', error: new Error('451') }] });
    expect(only(sink.records)).toMatchObject({
      failures: [{ repo: 'acme/x', error: { name: 'Error', message: '451' } }],
    });
  });
});

describe('secret redaction', () => {
  const SECRET = 'ghp_0123456789abcdefSECRET';

  it('removes a registered value from the message, fields, stacks and causes', () => {
    const { sink, logger } = capture();
    logger.child('github').addSecret(SECRET); // registered on a child, applies everywhere
    const cause = new Error(`token ${SECRET} was refused`, { cause: `raw ${SECRET}` });
    const error = new Error(`request with ${SECRET} failed`, { cause });
    logger.error(`oops ${SECRET}`, {
      error,
      deep: { a: { b: { c: { d: [`x${SECRET}y`] } } } },
      [`key-${SECRET}`]: 1,
    });
    const text = JSON.stringify(sink.records);
    expect(text).not.toContain(SECRET);
    const record = only(sink.records);
    expect(record.msg).toBe(`oops ${REDACTED}`);
    const logged = record['error'] as { stack: string; cause: { stack: string; cause: string } };
    expect(logged.stack).toContain(`request with ${REDACTED} failed`);
    expect(logged.cause.stack).toContain(`token ${REDACTED} was refused`);
    expect(logged.cause.cause).toBe(`raw ${REDACTED}`);
    expect(text).toContain(`x${REDACTED}y`);
  });

  it('also removes values that JSON has to escape', () => {
    const { sink, logger } = capture();
    const odd = 'pa"ss\\word-1234';
    logger.addSecret(odd);
    logger.info(`value ${odd}`, { field: odd });
    const record = only(sink.records);
    expect(record.msg).toBe(`value ${REDACTED}`);
    expect(record['field']).toBe(REDACTED);
  });

  it('does not register values too short to be tokens (they would redact ordinary words)', () => {
    const { sink, logger } = capture();
    logger.addSecret('info');
    logger.info('info stays');
    expect(only(sink.records).msg).toBe('info stays');
  });

  it('censors secret-named fields even when their value was never registered', () => {
    const { sink, logger } = capture();
    logger.info('request', {
      token: 'unregistered-1',
      client_secret: 'unregistered-2',
      oauth: { refreshToken: 'unregistered-3' },
      error: { request: { headers: { authorization: 'token unregistered-4' } } },
      headers: { cookie: 'session=unregistered-5' },
    });
    expect(JSON.stringify(sink.records)).not.toMatch(/unregistered-/);
  });
});
