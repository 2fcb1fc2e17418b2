import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/log/logger.js';
import { openStore } from '../../../src-main/store/index.js';
import { SettingsPatchSchema } from '../../../src-main/store/types.js';
import { tempDataDir } from './temp-data-dir.js';

describe('settings patches', () => {
  it('leave fields they do not name alone, including fields with a default', async () => {
    const store = await openStore({
      dataDir: await tempDataDir(),
      logger: createLogger('t', { sinks: [] }),
    });
    await store.settings.update({
      discordClientId: '112233445566778899',
      discordGatewayUrl: 'wss://gateway.example.org',
    });
    const after = await store.settings.update({ timeZone: 'Europe/Berlin' });
    expect(after.discordClientId).toBe('112233445566778899');
    expect(after.discordGatewayUrl).toBe('wss://gateway.example.org');
    await store.close();
  });

  it('accept only ws(s) gateway URLs, or empty to ask Discord', () => {
    expect(SettingsPatchSchema.safeParse({ discordGatewayUrl: '' }).success).toBe(true);
    expect(
      SettingsPatchSchema.safeParse({ discordGatewayUrl: 'wss://gw.example.org' }).success,
    ).toBe(true);
    expect(
      SettingsPatchSchema.safeParse({ discordGatewayUrl: 'https://gw.example.org' }).success,
    ).toBe(false);
  });
});
