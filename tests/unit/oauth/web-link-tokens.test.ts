// Web-mode link URLs: signed with a key from the SecretStore, expiring, and impossible to forge
// or alter; the key is created on first use and survives in the store.
import { describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../../../src-main/log/logger.js';
import { WebLinkTokens } from '../../../src-main/oauth/web-link-tokens.js';
import { openSecretStore } from '../../../src-main/secrets/index.js';
import { openEnvSecretStore } from '../../../src-main/secrets/env-store.js';

const logger = createLogger('test', { sinks: [] });

describe('web link tokens', () => {
  it('verifies its own tokens and refuses forged, altered, malformed and expired ones', async () => {
    const secrets = await openSecretStore({ backend: 'memory', logger });
    let now = Date.UTC(2026, 0, 1);
    const tokens = new WebLinkTokens(secrets, logger, () => now);
    const nonce = WebLinkTokens.nonce();
    const token = await tokens.sign(nonce, now + 600_000);
    expect(token).not.toContain('1234567890'); // no Discord-looking ids, only nonce.expiry.mac
    expect(await tokens.verify(token)).toEqual({ ok: true, nonce, expiresAt: now + 600_000 });

    const [n, expiry, mac] = token.split('.') as [string, string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect(await tokens.verify(`${flip(n)}.${expiry}.${mac}`)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const later = (Number.parseInt(expiry, 36) + 3600).toString(36);
    expect(await tokens.verify(`${n}.${later}.${mac}`)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(await tokens.verify(`${n}.${expiry}.${flip(mac)}`)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    // A token signed with another key (another GitGuild, or an attacker's guess) is refused.
    const other = new WebLinkTokens(
      await openSecretStore({ backend: 'memory', logger }),
      logger,
      () => now,
    );
    expect(await tokens.verify(await other.sign(nonce, now + 600_000))).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    for (const junk of ['', 'abc', `${token}.x`, token.replace('.', '/'), '../../etc/passwd'])
      expect(await tokens.verify(junk)).toEqual({ ok: false, reason: 'malformed' });

    now += 600_000;
    expect(await tokens.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('keeps its key in the SecretStore, so a restarted host still accepts its links', async () => {
    const secrets = await openSecretStore({ backend: 'memory', logger });
    const first = new WebLinkTokens(secrets, logger);
    const token = await first.sign(WebLinkTokens.nonce(), Date.now() + 60_000);
    expect(await secrets.get('oauth.linkSigningKey')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await new WebLinkTokens(secrets, logger).verify(token)).ok).toBe(true);
  });

  it('uses a key for this run only when the store is read-only and has none, and says so', async () => {
    const sink = memorySink();
    const log = createLogger('test', { sinks: [sink] });
    const secrets = openEnvSecretStore({ logger: log, env: {} });
    const tokens = new WebLinkTokens(secrets, log);
    const token = await tokens.sign(WebLinkTokens.nonce(), Date.now() + 60_000);
    expect((await tokens.verify(token)).ok).toBe(true);
    expect(
      sink.records.some((r) => r.level === 'warn' && r.msg.includes('GITGUILD_LINK_SIGNING_KEY')),
    ).toBe(true);
  });
});
