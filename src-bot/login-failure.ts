// Turns login failures and unrecoverable gateway closes into a reason code and advice an admin
// can act on, without ever echoing the token.
import { GatewayCloseCodes } from 'discord.js';
import type { BotErrorReason } from './ports.js';

export interface BotFailure {
  reason: BotErrorReason;
  detail: string;
}

const BAD_TOKEN =
  'Discord rejected the bot token. Copy a fresh token from the Developer Portal (Bot > Reset Token) and save it in Settings → Secrets.';
const DISALLOWED_INTENTS =
  'Discord refused the Server Members intent (gateway close 4014). Enable "Server Members Intent" under Bot > Privileged Gateway Intents in the Developer Portal, then start the bot again.';

export function explainLoginFailure(error: unknown, token: string): BotFailure {
  const code = (error as { code?: unknown } | null)?.code;
  const status = (error as { status?: unknown } | null)?.status;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'TokenInvalid' || status === 401 || /authentication failed/i.test(message))
    return { reason: 'bad_token', detail: BAD_TOKEN };
  // @discordjs/ws reports close code 4014 only as a plain Error with this message.
  if (code === 'DisallowedIntents' || code === 4014 || /disallowed intents/i.test(message))
    return { reason: 'disallowed_intents', detail: DISALLOWED_INTENTS };
  if (/invalid intents/i.test(message))
    return {
      reason: 'invalid_intents',
      detail: 'Discord refused the intents GitGuild asked for (gateway close 4013).',
    };
  const network = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNRESET'];
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const scrubbed = message.split(token).join('[redacted]');
  if (network.includes(String(code)) || network.includes(String(cause)))
    return {
      reason: 'unreachable',
      detail: `Could not reach Discord (${scrubbed}). Check the network and the Discord API URL in Settings.`,
    };
  // The detail reaches the UI, which the logger's redaction does not cover.
  return { reason: 'unknown', detail: `Could not connect to Discord: ${scrubbed}` };
}

/** An unrecoverable gateway close after login (discord.js will not reconnect on its own). */
export function explainGatewayClose(code: number): BotFailure {
  switch (code) {
    case GatewayCloseCodes.AuthenticationFailed:
      return { reason: 'bad_token', detail: BAD_TOKEN };
    case GatewayCloseCodes.DisallowedIntents:
      return { reason: 'disallowed_intents', detail: DISALLOWED_INTENTS };
    case GatewayCloseCodes.InvalidIntents:
      return {
        reason: 'invalid_intents',
        detail: 'Discord refused the intents GitGuild asked for (gateway close 4013).',
      };
    default:
      return {
        reason: 'unknown',
        detail: `The Discord gateway closed the connection for good (code ${code}); restart the bot.`,
      };
  }
}
