import { afterEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../../src-main/api/contract.js';
import { invokeMethod } from '../../../../src-main/api/invoke.js';
import { handlerFixture, type HandlerFixture } from '../handler-fixture.js';
import { rejection } from './rejection.js';

let f: HandlerFixture;
afterEach(() => f.close());

const GUILD = '900000000000000001';
const ROLE = '900000000000000010';

async function configured() {
  f = await handlerFixture();
  await invokeMethod(f.handlers, 'guilds.update', { id: GUILD, name: 'Acme', org: 'acme' });
}

describe('guild and mapping handlers (no bot connected)', () => {
  it('configures a guild ahead of the bot, and a patch changes only what it names', async () => {
    await configured();
    await invokeMethod(f.handlers, 'guilds.update', { id: GUILD, syncIntervalMinutes: 30 });
    const patched = (await invokeMethod(f.handlers, 'guilds.update', {
      id: GUILD,
      auditChannelId: '900000000000000099',
    })) as MethodOutput<'guilds.update'>;
    expect(patched).toMatchObject({
      configured: true,
      botPresent: false,
      org: 'acme',
      syncIntervalMinutes: 30,
      auditChannelId: '900000000000000099',
      maxChangesPerRun: 200,
    });
    const error = await rejection(
      invokeMethod(f.handlers, 'guilds.update', { id: '900000000000000002', enabled: true }),
    );
    expect(error.identifier).toBe('not_found');
  });

  it('creates, updates, reorders and deletes mappings; an update keeps what it does not name', async () => {
    await configured();
    const create = (condition: unknown, group?: string) =>
      invokeMethod(f.handlers, 'mappings.create', {
        guildId: GUILD,
        roleId: ROLE,
        condition,
        ...(group ? { group } : {}),
      }) as Promise<MethodOutput<'mappings.create'>>;
    const a = await create({ kind: 'linked' });
    const b = await create(
      { kind: 'metric', metric: 'commits', window: { kind: 'rolling', days: 30 }, threshold: 5 },
      'Commits',
    );
    expect([a.order, b.order]).toEqual([0, 1]);
    await invokeMethod(f.handlers, 'mappings.update', { id: b.id, enabled: false, graceDays: 3 });
    const relabelled = (await invokeMethod(f.handlers, 'mappings.update', {
      id: b.id,
      label: 'Busy',
    })) as MethodOutput<'mappings.update'>;
    expect(relabelled).toMatchObject({
      enabled: false,
      graceDays: 3,
      group: 'Commits',
      label: 'Busy',
    });
    const reordered = (await invokeMethod(f.handlers, 'mappings.reorder', {
      guildId: GUILD,
      ids: [b.id, a.id],
    })) as MethodOutput<'mappings.reorder'>;
    expect(reordered.mappings.map((m) => m.id)).toEqual([b.id, a.id]);
    expect(
      (
        await rejection(
          invokeMethod(f.handlers, 'mappings.reorder', { guildId: GUILD, ids: [a.id] }),
        )
      ).identifier,
    ).toBe('invalid_input');
    const bad = await rejection(
      invokeMethod(f.handlers, 'mappings.create', {
        guildId: GUILD,
        roleId: ROLE,
        condition: { kind: 'rank', metric: 'commits', window: { kind: 'all_time' }, top: 0 },
      }),
    );
    expect(bad.message).toContain('condition');
    expect(await invokeMethod(f.handlers, 'mappings.delete', { id: a.id })).toEqual({
      deleted: true,
    });
    const audit = (await invokeMethod(f.handlers, 'audit.list', {
      guildId: GUILD,
    })) as MethodOutput<'audit.list'>;
    expect(audit.entries.map((e) => e.action)).toEqual([
      'mapping.delete',
      'mapping.reorder',
      'mapping.update',
      'mapping.update',
      'mapping.create',
      'mapping.create',
    ]);
  });

  it('lists presets; applying one without the bot names the roles it could not find', async () => {
    await configured();
    const presets = (await invokeMethod(
      f.handlers,
      'mappings.presets',
      undefined,
    )) as MethodOutput<'mappings.presets'>;
    expect(presets.presets.map((p) => p.id)).toEqual(['python-bot-tiers', 'pr-medals', 'reviews']);
    const refused = await rejection(
      invokeMethod(f.handlers, 'mappings.applyPreset', { guildId: GUILD, preset: 'pr-medals' }),
    );
    expect(refused.identifier).toBe('upstream_failed');
    const result = (await invokeMethod(f.handlers, 'mappings.applyPreset', {
      guildId: GUILD,
      preset: 'pr-medals',
      createMissingRoles: false,
    })) as MethodOutput<'mappings.applyPreset'>;
    expect(result).toEqual({
      mappings: [],
      createdRoles: [],
      missingRoles: ['🔮 PR Bronze', '💫 PR Runner-up', '✨ PR Champion'],
    });
  });

  it('answers a sync without a bot with the reason, and records the failed run', async () => {
    await configured();
    const run = (await invokeMethod(f.handlers, 'sync.run', {
      guildId: GUILD,
    })) as MethodOutput<'sync.run'>;
    expect(run).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('not connected'),
    });
    const history = (await invokeMethod(
      f.handlers,
      'sync.history',
      {},
    )) as MethodOutput<'sync.history'>;
    expect(history.runs[0]).toMatchObject({ id: run.runId, outcome: 'failed' });
    const preview = await rejection(invokeMethod(f.handlers, 'sync.preview', { guildId: GUILD }));
    expect(preview.identifier).toBe('upstream_failed');
  });

  it('pauses and resumes the scheduler', async () => {
    f = await handlerFixture();
    expect(await invokeMethod(f.handlers, 'scheduler.pause', undefined)).toMatchObject({
      paused: true,
    });
    expect(f.store.settings.get().schedulerPaused).toBe(true);
    expect(await invokeMethod(f.handlers, 'scheduler.resume', undefined)).toMatchObject({
      paused: false,
    });
  });
});
