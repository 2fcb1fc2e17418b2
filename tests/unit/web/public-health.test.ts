import { describe, expect, it } from 'vitest';
import { publicHealth, withoutAbsolutePaths } from '../../../src-main/web/public-health.js';
import { sampleHealth } from '../api/sample-health.js';

describe('the unauthenticated health answer', () => {
  it('cuts absolute paths out of free text and leaves URLs and commands alone', () => {
    expect(
      withoutAbsolutePaths(
        "keytar failed to load: Cannot find module '/home/ada/gitguild/node_modules/keytar/build/Release/keytar.node'. Run `npm rebuild keytar`.",
      ),
    ).toBe("keytar failed to load: Cannot find module '<path>'. Run `npm rebuild keytar`.");
    expect(withoutAbsolutePaths('open C:\\Users\\ada\\AppData\\gitguild\\config.json failed')).toBe(
      'open <path> failed',
    );
    expect(withoutAbsolutePaths('/var/lib/gitguild/config.json is damaged')).toBe(
      '<path> is damaged',
    );
    const untouched =
      'Discord at https://discord.com/api/v10 answered 401; see Settings → Discord (a/b testing).';
    expect(withoutAbsolutePaths(untouched)).toBe(untouched);
  });

  it('applies to the keychain problem, the bot detail and the store problem', () => {
    const health = sampleHealth;
    const shown = publicHealth({
      ...health,
      keychain: { available: false, backend: 'keytar', problem: 'libsecret at /usr/lib/x.so' },
      bot: { state: 'error', guilds: 0, detail: 'token file /run/secrets/bot unreadable' },
      store: { ok: false, problem: 'The configuration file (config.json) is damaged.' },
    });
    expect(shown.keychain.problem).toBe('libsecret at <path>');
    expect(shown.bot.detail).toBe('token file <path> unreadable');
    expect(shown.store.problem).toBe('The configuration file (config.json) is damaged.');
  });
});
