// The only place secrets live. Backends: keytar (OS keychain) on desktops; environment variables
// or files named in the host config on servers. There is no silent plain-text fallback.

export const SECRET_ACCOUNTS = [
  'discord.botToken',
  'discord.clientSecret',
  'github.token',
  'github.clientSecret',
  'admin.discordRefreshToken',
  'admin.githubRefreshToken',
  'headless.apiToken',
  // Written by OAuth sign-in only (src-main/oauth), never from the UI's secret fields.
  'admin.discordAccessToken',
  'admin.githubAccessToken',
  /** HMAC key that signs web-mode /link URLs; created on first use. */
  'oauth.linkSigningKey',
] as const;
export type SecretAccount = (typeof SECRET_ACCOUNTS)[number];

export interface SecretStoreStatus {
  available: boolean;
  backend: 'keytar' | 'env' | 'memory' | 'none';
  /** Why secrets cannot be stored and how to fix it; absent when available. */
  problem?: string;
  /** False for read-only backends (env/file): `set` and `delete` then throw. */
  writable: boolean;
}

export interface SecretStore {
  status(): SecretStoreStatus;
  get(account: SecretAccount): Promise<string | null>;
  set(account: SecretAccount, value: string): Promise<void>;
  delete(account: SecretAccount): Promise<boolean>;
  list(): Promise<SecretAccount[]>;
}
