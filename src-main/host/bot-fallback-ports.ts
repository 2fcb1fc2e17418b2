// Ports the bot needs before their real owners land, answering honestly: links come from the
// store (so linked members see their stats) but starting a link says linking is not set up;
// role sync says it is not set up; audit entries go to the history file. The oauth branch
// replaces `links`, the sync branch `sync` (and may replace `audit`) through createBotPorts'
// overrides.
import {
  PortError,
  type AuditPort,
  type LinkPort,
  type LinkView,
  type SyncPort,
} from '../../src-bot/ports.js';
import type { Logger } from '../log/logger.js';
import type { HistoryRepository, LinksRepository } from '../store/repositories.js';
import type { Link } from '../store/types.js';

export const LINKING_UNAVAILABLE =
  'Linking is not set up on this GitGuild yet, so nothing was started. Ask an admin to link your GitHub account for you.';
export const SYNC_UNAVAILABLE =
  'Role sync is not set up on this GitGuild yet, so no roles were checked or changed.';

const view = (link: Link): LinkView => ({
  githubLogin: link.githubLogin,
  linkedAt: link.linkedAt,
  method: link.method,
});

export function storeLinkPort(deps: { links: LinksRepository; sync: SyncPort }): LinkPort {
  return {
    linkOf: async (userId) => {
      const link = deps.links.byDiscordUser(userId);
      return link ? view(link) : null;
    },
    start: async (member) => {
      const existing = deps.links.byDiscordUser(member.userId);
      if (existing) return { kind: 'already_linked', link: view(existing) };
      return { kind: 'unavailable', message: LINKING_UNAVAILABLE };
    },
    unlink: async (member) => {
      const removed = await deps.links.unlinkMember(member.userId);
      if (!removed) return null;
      deps.sync.syncMember(member, 'unlink');
      return view(removed);
    },
  };
}

export function unavailableSyncPort(logger: Logger): SyncPort {
  return {
    run: async () => {
      throw new PortError('unavailable', SYNC_UNAVAILABLE);
    },
    syncMember: (ref, trigger) =>
      logger.debug('member sync skipped: role sync is not set up', { ...ref, trigger }),
    memberLeft: (ref) => logger.debug('member left; role sync is not set up', { ...ref }),
  };
}

export function historyAuditPort(
  history: Pick<HistoryRepository, 'appendAudit'>,
  now: () => Date = () => new Date(),
): AuditPort {
  return {
    record: (entry) =>
      history.appendAudit({
        at: now().toISOString(),
        actor: entry.actor,
        action: entry.action,
        ...(entry.target === undefined ? {} : { target: entry.target }),
        ...(entry.detail === undefined ? {} : { detail: entry.detail }),
      }),
  };
}
