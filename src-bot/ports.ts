// What the bot needs from its host, declared here so the bot never imports src-main (lint rule).
// The host passes implementations in; tests pass small real ones.

export interface BotLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Registers a secret so the logger redacts it everywhere; the bot calls it with its token. */
  addSecret(value: string): void;
}

/** Same values as the AdminApi's BotState; kept as a plain union so the bot stays host-free. */
export type BotState = 'not_configured' | 'connecting' | 'ready' | 'disconnected' | 'error';

export interface BotStatus {
  state: BotState;
  guilds: number;
  /** Why the bot is not ready and what to do about it; never contains the token. */
  detail?: string;
}

export type BotStatusListener = (status: BotStatus) => void;
