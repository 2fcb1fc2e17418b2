// PKCE S256 as RFC 7636 defines it: the Appendix B example must come out exactly.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPkcePair, pkceChallenge } from '../../../src-main/oauth/pkce.js';

describe('PKCE S256', () => {
  it('turns the RFC 7636 Appendix B verifier into its published challenge', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes a fresh 43-character unreserved verifier each time, with its S256 challenge', async () => {
    const a = await createPkcePair();
    const b = await createPkcePair();
    expect(a.verifier).not.toBe(b.verifier);
    for (const pair of [a, b]) {
      expect(pair.method).toBe('S256');
      // RFC 7636 §4.1: 43-128 characters of [A-Z a-z 0-9 - . _ ~]; 32 random bytes give 43.
      expect(pair.verifier).toMatch(/^[A-Za-z0-9._~-]{43}$/);
      expect(pair.challenge).toBe(createHash('sha256').update(pair.verifier).digest('base64url'));
    }
  });
});
