// What `GET /api/health` shows without a token. Store problems are already path-free at their
// source (src-main/store/problem-summary.ts); free text from elsewhere (a keychain module's load
// error, a Discord error detail) may still quote a file, so absolute paths are cut out here too.
import type { Health } from '../api/contract.js';

// A path starts at the beginning, after white space, a quote or a bracket (not after "https:").
const ABSOLUTE_PATH =
  /(^|[\s"'`([])(?:\/(?:[^\s"'`()[\]/]+\/)+[^\s"'`()[\]]*|[A-Za-z]:\\[^\s"'`()[\]]+)/g;

export function withoutAbsolutePaths(text: string): string {
  return text.replace(ABSOLUTE_PATH, '$1<path>');
}

export function publicHealth(health: Health): Health {
  const { keychain, bot, store } = health;
  return {
    ...health,
    keychain: keychain.problem
      ? { ...keychain, problem: withoutAbsolutePaths(keychain.problem) }
      : keychain,
    bot: bot.detail ? { ...bot, detail: withoutAbsolutePaths(bot.detail) } : bot,
    store: store.problem ? { ...store, problem: withoutAbsolutePaths(store.problem) } : store,
  };
}
