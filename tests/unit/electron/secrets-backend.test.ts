import { describe, expect, it } from 'vitest';
import { desktopSecretsBackend } from '../../../src-main/electron/secrets-backend.js';

describe('the desktop secret backend', () => {
  it('is the OS keychain by default, packaged or not', () => {
    expect(desktopSecretsBackend({}, true)).toEqual({ backend: 'keytar' });
    expect(desktopSecretsBackend({}, false)).toEqual({ backend: 'keytar' });
  });

  it('is the memory store for a development run that asks for it', () => {
    expect(desktopSecretsBackend({ GITGUILD_SECRETS: 'memory' }, false)).toEqual({
      backend: 'memory',
    });
  });

  it('ignores GITGUILD_SECRETS=memory in the installed app and says why', () => {
    const choice = desktopSecretsBackend({ GITGUILD_SECRETS: 'memory' }, true);
    expect(choice.backend).toBe('keytar');
    expect(choice.ignored).toMatch(/ignored by the installed app.*GITGUILD_DEV=1/);
  });

  it('follows it in the installed app only with the development flag', () => {
    expect(desktopSecretsBackend({ GITGUILD_SECRETS: 'memory', GITGUILD_DEV: '1' }, true)).toEqual({
      backend: 'memory',
    });
    expect(
      desktopSecretsBackend({ GITGUILD_SECRETS: 'memory', GITGUILD_DEV: 'yes' }, true).backend,
    ).toBe('keytar');
  });

  it('keeps the keychain for backends the desktop does not offer', () => {
    const choice = desktopSecretsBackend({ GITGUILD_SECRETS: 'env' }, false);
    expect(choice).toMatchObject({ backend: 'keytar', ignored: expect.stringContaining('env') });
  });
});
