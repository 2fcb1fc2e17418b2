// Store problems as the unauthenticated health check shows them: which kind of file and what to
// do, never where it is (absolute paths reveal user names and layout to anyone who can connect).
import type { StoreFileKind, StoreProblem, StoreProblemIdentifier } from './types.js';

const KIND_LABEL: Record<StoreFileKind, string> = {
  config: 'The configuration file (config.json)',
  links: 'The member links file (links.json)',
  contributions: 'The contribution data',
  history: 'The sync history (history.json)',
};

const WHAT_HAPPENED: Record<StoreProblemIdentifier, string> = {
  store_corrupt: 'is damaged and was not loaded.',
  store_too_new: 'was written by a newer GitGuild and was not loaded.',
  store_unreadable: 'could not be read (its folder is not readable), so it was not loaded.',
  store_not_durable:
    'was saved, but the disk did not confirm the write; it may be lost in a crash or power cut.',
};

/** One path-free sentence and its fix; hints name backup files by their name only. */
export function publicStoreProblem(problem: Pick<StoreProblem, 'identifier' | 'kind' | 'hint'>) {
  return `${KIND_LABEL[problem.kind]} ${WHAT_HAPPENED[problem.identifier]} ${problem.hint}`;
}
