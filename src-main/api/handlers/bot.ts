// bot.start / bot.stop / bot.restart: the admin runs the Discord bot from the app or the tray.
// Each resolves once the step is launched (connecting happens in the background) with the state.
import type { MethodOutput } from '../contract.js';
import type { HandlersFor } from '../handler-types.js';

export interface BotControl {
  adminStart(): Promise<void>;
  adminStop(): Promise<void>;
  restart(): Promise<void>;
  readonly status: MethodOutput<'bot.start'>;
}

export function botHandlers(
  bot: BotControl,
): HandlersFor<'bot.start' | 'bot.stop' | 'bot.restart'> {
  return {
    'bot.start': async () => {
      await bot.adminStart();
      return bot.status;
    },
    'bot.stop': async () => {
      await bot.adminStop();
      return bot.status;
    },
    'bot.restart': async () => {
      await bot.restart();
      return bot.status;
    },
  };
}
