// Web-mode /link URLs: `<public base>/link/<nonce>.<expiry>.<mac>`. The nonce is random and maps,
// in the host's memory only, to the member who ran /link; the URL never carries a Discord ID.
// The MAC (HMAC-SHA256 with a key kept in the SecretStore) makes forged URLs fail before any
// lookup, and the expiry is part of what is signed. One-time use is the link service's job: it
// forgets the nonce when the URL is opened.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/types.js';

const KEY_ACCOUNT = 'oauth.linkSigningKey';
const TOKEN = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/;

export type WebLinkCheck =
  | { ok: true; nonce: string; expiresAt: number }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export class WebLinkTokens {
  private key: Promise<Buffer> | null = null;

  constructor(
    private readonly secrets: SecretStore,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh random nonce (128 bits) for a new link. */
  static nonce(): string {
    return randomBytes(16).toString('base64url');
  }

  async sign(nonce: string, expiresAt: number): Promise<string> {
    const expiry = Math.floor(expiresAt / 1000).toString(36);
    return `${nonce}.${expiry}.${this.mac(await this.signingKey(), nonce, expiry)}`;
  }

  async verify(token: string): Promise<WebLinkCheck> {
    const m = TOKEN.exec(token);
    if (!m) return { ok: false, reason: 'malformed' };
    const [, nonce = '', expiry = '', mac = ''] = m;
    const expected = Buffer.from(this.mac(await this.signingKey(), nonce, expiry));
    const presented = Buffer.from(mac);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected))
      return { ok: false, reason: 'bad_signature' };
    const expiresAt = Number.parseInt(expiry, 36) * 1000;
    if (this.now() >= expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, nonce, expiresAt };
  }

  private mac(key: Buffer, nonce: string, expiry: string): string {
    return createHmac('sha256', key)
      .update(`gitguild-link/v1:${nonce}:${expiry}`)
      .digest('base64url');
  }

  /**
   * The key from the SecretStore, created there on first use. A read-only store without one
   * (env backend) gets a key for this run only: links then stop working at restart, which is
   * safe, and the log says how to make them survive.
   */
  private signingKey(): Promise<Buffer> {
    this.key ??= (async () => {
      const stored = this.secrets.status().available ? await this.secrets.get(KEY_ACCOUNT) : null;
      if (stored) {
        this.logger.addSecret(stored);
        return Buffer.from(stored, 'base64url');
      }
      const fresh = randomBytes(32).toString('base64url');
      this.logger.addSecret(fresh);
      const status = this.secrets.status();
      if (status.available && status.writable) await this.secrets.set(KEY_ACCOUNT, fresh);
      else
        this.logger.warn(
          'web-mode link URLs are signed with a key for this run only; set GITGUILD_LINK_SIGNING_KEY (32 random bytes, base64url) to keep links valid across restarts',
        );
      return Buffer.from(fresh, 'base64url');
    })();
    // A failed read is retried next time rather than cached.
    this.key.catch(() => (this.key = null));
    return this.key;
  }
}
