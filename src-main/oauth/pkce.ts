// PKCE (RFC 7636) with the S256 method only: the verifier stays in the host, the challenge goes
// into the authorization URL. oauth4webapi does the work (32 random bytes, SHA-256, base64url).
import * as oauth from 'oauth4webapi';

export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** The S256 transform: BASE64URL(SHA256(ASCII(verifier))). */
export function pkceChallenge(verifier: string): Promise<string> {
  return oauth.calculatePKCECodeChallenge(verifier);
}

export async function createPkcePair(): Promise<PkcePair> {
  const verifier = oauth.generateRandomCodeVerifier();
  return { verifier, challenge: await pkceChallenge(verifier), method: 'S256' };
}
