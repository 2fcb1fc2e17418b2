import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminHandlers } from '../../../src-main/api/handlers.js';
import { settingsHandlers } from '../../../src-main/api/handlers/settings.js';
import { invokeMethod, isMethodName } from '../../../src-main/api/invoke.js';
import { GitGuildError } from '../../../src-main/errors.js';
import { DEFAULT_SETTINGS } from '../../../src-main/store/types.js';
import { handlerFixture, type HandlerFixture } from './handler-fixture.js';
import { inMemorySettings } from './in-memory-settings.js';
import { sampleHealth } from './sample-health.js';

const fixtures: HandlerFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});

/** The full handler map over real parts, with settings counted in memory to see writes. */
async function setup() {
  const fixture = await handlerFixture();
  fixtures.push(fixture);
  const settings = inMemorySettings();
  const onSettingsChanged = vi.fn();
  const handlers: AdminHandlers = {
    ...fixture.handlers,
    ...settingsHandlers({ settings, health: () => sampleHealth, onSettingsChanged }),
  };
  return { settings, handlers, onSettingsChanged };
}

async function rejection(promise: Promise<unknown>): Promise<GitGuildError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GitGuildError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('invokeMethod', () => {
  it('answers health with the host-provided health', async () => {
    const { handlers } = await setup();
    await expect(invokeMethod(handlers, 'health', undefined)).resolves.toEqual(sampleHealth);
  });

  it('accepts an empty object where a method takes no input', async () => {
    const { handlers } = await setup();
    await expect(invokeMethod(handlers, 'settings.get', {})).resolves.toEqual(DEFAULT_SETTINGS);
  });

  it('applies a settings patch, keeps unpatched crawl fields and tells the host', async () => {
    const { handlers, onSettingsChanged } = await setup();
    const next = await invokeMethod(handlers, 'settings.update', {
      timeZone: 'Europe/Berlin',
      crawl: { includeForks: true },
    });
    expect(next).toMatchObject({
      timeZone: 'Europe/Berlin',
      crawl: { includeForks: true, includeArchived: false },
    });
    expect(onSettingsChanged).toHaveBeenCalledWith(next);
  });

  it('refuses an unknown method as not_found without calling any handler', async () => {
    const { handlers, settings } = await setup();
    const error = await rejection(invokeMethod(handlers, 'settings.delete', {}));
    expect(error.identifier).toBe('not_found');
    expect(error.message).toContain('settings.delete');
    expect(settings.writes).toBe(0);
  });

  it('does not treat inherited object properties as methods', () => {
    expect(isMethodName('toString')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
    expect(isMethodName('settings.update')).toBe(true);
  });

  it('rejects a schema failure before the handler runs and names the field', async () => {
    const { handlers, settings, onSettingsChanged } = await setup();
    const error = await rejection(
      invokeMethod(handlers, 'settings.update', { syncIntervalMinutes: 1 }),
    );
    expect(error.identifier).toBe('invalid_input');
    expect(error.message).toMatch(/syncIntervalMinutes/);
    expect(error.context['issues']).toEqual([
      { path: 'syncIntervalMinutes', message: expect.any(String) },
    ]);
    expect(settings.writes).toBe(0);
    expect(onSettingsChanged).not.toHaveBeenCalled();
  });

  it('names nested and unknown fields in one message', async () => {
    const { handlers } = await setup();
    const error = await rejection(
      invokeMethod(handlers, 'settings.update', {
        crawl: { includeForks: 'yes' },
        botToken: 'x',
        timeZone: 'Mars/Base',
      }),
    );
    expect(error.message).toContain('crawl.includeForks');
    expect(error.message).toContain('botToken: unknown field');
    expect(error.message).toContain('timeZone');
    const paths = (error.context['issues'] as { path: string }[]).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['crawl.includeForks', 'botToken', 'timeZone']));
  });

  it('does not echo rejected values back in the message', async () => {
    const { handlers } = await setup();
    const error = await rejection(
      invokeMethod(handlers, 'settings.update', { discordClientId: 'mfa.SECRET-LOOKING-VALUE' }),
    );
    expect(error.message).toContain('discordClientId');
    expect(error.message).not.toContain('SECRET-LOOKING-VALUE');
  });

  it('rejects input for methods that take none', async () => {
    const { handlers } = await setup();
    const error = await rejection(invokeMethod(handlers, 'health', { verbose: true }));
    expect(error.identifier).toBe('invalid_input');
    expect(error.message).toContain('verbose');
  });

  it('fails loudly when a handler answers outside the contract and output checks are on', async () => {
    const { handlers } = await setup();
    const broken: AdminHandlers = {
      ...handlers,
      health: async () => ({ ...sampleHealth, uptimeSeconds: 'long' }) as never,
    };
    const error = await rejection(
      invokeMethod(broken, 'health', undefined, { validateOutput: true }),
    );
    expect(error.identifier).toBe('internal');
    expect(error.message).toContain('uptimeSeconds');
  });

  it('passes handler output through unchecked when output checks are off', async () => {
    const { handlers } = await setup();
    const odd = { ...sampleHealth, uptimeSeconds: 'long' };
    const broken: AdminHandlers = { ...handlers, health: async () => odd as never };
    await expect(
      invokeMethod(broken, 'health', undefined, { validateOutput: false }),
    ).resolves.toBe(odd);
  });
});
