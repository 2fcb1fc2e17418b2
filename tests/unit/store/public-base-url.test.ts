// A settings patch changes only the keys it names: defaults must not fill the rest in.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/log/logger.js';
import { openStore } from '../../../src-main/store/index.js';
import { tempDataDir } from './temp-data-dir.js';
import {
  DEFAULT_SETTINGS,
  SettingsPatchSchema,
  SettingsSchema,
} from '../../../src-main/store/types.js';

describe('settings patch', () => {
  it('keeps keys it does not name, including ones that have defaults', () => {
    expect(SettingsPatchSchema.parse({ timeZone: 'Europe/Berlin' })).toEqual({
      timeZone: 'Europe/Berlin',
    });
  });

  it('accepts an https public base URL as an origin and refuses paths and plain http off loopback', () => {
    const parse = (publicBaseUrl: string) =>
      SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, publicBaseUrl });
    expect(parse('https://gitguild.example.org/').data?.publicBaseUrl).toBe(
      'https://gitguild.example.org',
    );
    expect(parse('').success).toBe(true);
    expect(parse('http://127.0.0.1:7420').success).toBe(true);
    expect(parse('http://gitguild.example.org').success).toBe(false);
    expect(parse('https://gitguild.example.org/sub').success).toBe(false);
    expect(parse('https://user:pw@gitguild.example.org').success).toBe(false);
  });
});

describe('the public base URL as a network peer', () => {
  it('is not moved by an imported document without confirmation', async () => {
    const store = await openStore({ dataDir: await tempDataDir(), logger: silentLogger });
    await store.settings.update({ publicBaseUrl: 'https://gitguild.example.org' });
    const document = {
      ...store.exportConfig(),
      settings: { ...store.exportConfig().settings, publicBaseUrl: 'https://phish.example' },
    };
    expect(await store.importConfig(document)).toMatchObject({
      imported: false,
      networkPeers: {
        status: 'needs_confirmation',
        changes: [
          {
            setting: 'publicBaseUrl',
            current: 'https://gitguild.example.org',
            proposed: 'https://phish.example',
          },
        ],
      },
    });
    expect(store.settings.get().publicBaseUrl).toBe('https://gitguild.example.org');
    // Turning it off (empty) is allowed by the transport rule.
    await store.settings.update({ publicBaseUrl: '' });
    expect(store.settings.get().publicBaseUrl).toBe('');
    await store.close();
  });
});
