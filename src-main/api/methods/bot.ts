// AdminApi methods to run the Discord bot from the app and the tray, and the bot's health shape.
import { z } from 'zod';

export const BotStateSchema = z.enum([
  'not_configured',
  'connecting',
  'ready',
  'resuming',
  'disconnected',
  'stopped',
  'error',
]);

/** Why the bot is in `error` (bad token, 4014 missing Server Members intent, …). */
export const BotErrorReasonSchema = z.enum([
  'bad_token',
  'disallowed_intents',
  'invalid_intents',
  'session_invalidated',
  'unreachable',
  'unknown',
]);

export const BotHealthSchema = z.strictObject({
  state: BotStateSchema,
  guilds: z.number().int(),
  /** What is wrong and how to fix it; never contains the token. */
  detail: z.string().optional(),
  reason: BotErrorReasonSchema.optional(),
});

const NoInput = z.strictObject({}).optional();

export const botMethods = {
  /** Starts the bot (clears an earlier bot.stop); resolves with the state right after launching. */
  'bot.start': { input: NoInput, output: BotHealthSchema },
  /** Stops the bot until bot.start or bot.restart; a token change does not start it again. */
  'bot.stop': { input: NoInput, output: BotHealthSchema },
  /** Stops and starts with the current token and Discord URLs. */
  'bot.restart': { input: NoInput, output: BotHealthSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
