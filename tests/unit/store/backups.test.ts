import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/log/logger.js';
import { openStore } from '../../../src-main/store/index.js';
import { manualClock, tempDataDir } from './temp-data-dir.js';

describe('rolling backups', () => {
  it('keeps one backup per day of config and links, and only the last N days', async () => {
    const clock = manualClock('2025-03-01T08:00:00.000Z');
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger, now: clock.now, backupDays: 3 });
    for (let day = 0; day < 6; day++) {
      await store.settings.update({ syncIntervalMinutes: 10 + day });
      await store.settings.update({ syncIntervalMinutes: 100 + day }); // a second write the same day adds no backup
      await store.links.linkMember({
        discordUserId: String(100 + day),
        githubLogin: `user${day}`,
        linkedBy: '1',
        method: 'admin',
      });
      clock.addDays(1);
    }
    expect(await store.listBackups('config')).toEqual([
      'config-2025-03-06.json',
      'config-2025-03-05.json',
      'config-2025-03-04.json',
    ]);
    expect(
      (await readdir(join(dataDir, 'backups'))).filter((n) => n.startsWith('links-')),
    ).toHaveLength(3);
  });

  it('backs up the state from before the first write of the day', async () => {
    const clock = manualClock('2025-03-01T08:00:00.000Z');
    const dataDir = await tempDataDir();
    const store = await openStore({ dataDir, logger: silentLogger, now: clock.now });
    await store.settings.update({ syncIntervalMinutes: 30 });
    clock.addDays(1);
    await store.settings.update({ syncIntervalMinutes: 45 });
    const backup = JSON.parse(
      await readFile(join(dataDir, 'backups', 'config-2025-03-02.json'), 'utf8'),
    ) as { settings: { syncIntervalMinutes: number } };
    expect(backup.settings.syncIntervalMinutes).toBe(30);
  });

  it('takes a backup on open even on a day without writes', async () => {
    const clock = manualClock('2025-03-01T08:00:00.000Z');
    const dataDir = await tempDataDir();
    const first = await openStore({ dataDir, logger: silentLogger, now: clock.now });
    await first.settings.update({ syncIntervalMinutes: 30 });
    clock.addDays(5);
    const later = await openStore({ dataDir, logger: silentLogger, now: clock.now });
    expect(await later.listBackups('config')).toContain('config-2025-03-06.json');
  });

  it('rejects a backup count that is not a positive integer', async () => {
    await expect(
      openStore({ dataDir: await tempDataDir(), logger: silentLogger, backupDays: 0 }),
    ).rejects.toMatchObject({ identifier: 'invalid_input' });
  });
});
