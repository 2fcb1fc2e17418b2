// Discord member ↔ GitHub login links (links.json), with two in-memory indexes so lookups from
// slash commands and the role planner stay O(1) at tens of thousands of links.
import { GitGuildError } from '../errors.js';
import type { LinksFile } from './file-schemas.js';
import type { LinkRequest, LinksRepository } from './repositories.js';
import type { StoreFile } from './store-file.js';
import { LinkSchema } from './types.js';
import type { Link } from './types.js';
import { validateInput } from './validate-input.js';

const LinkRequestSchema = LinkSchema.omit({ linkedAt: true });

export class LinksIndex {
  private byUser = new Map<string, Link>();
  private byLogin = new Map<string, Link>();
  private indexed: readonly Link[] | null = null;

  /** Rebuilds lazily whenever the file's array was replaced (after a write, load or restore). */
  refresh(links: readonly Link[]): this {
    if (this.indexed === links) return this;
    this.byUser = new Map(links.map((l) => [l.discordUserId, l]));
    this.byLogin = new Map(links.map((l) => [l.githubLogin.toLowerCase(), l]));
    this.indexed = links;
    return this;
  }
  /**
   * Applies one replace/insert to the maps instead of rebuilding them, when they still describe
   * `before`; otherwise the next `refresh` rebuilds (another write got in between).
   */
  applyChange(
    before: readonly Link[],
    after: readonly Link[],
    removed: Link | undefined,
    added: Link | undefined,
  ): void {
    if (this.indexed !== before) return;
    if (removed) {
      this.byUser.delete(removed.discordUserId);
      this.byLogin.delete(removed.githubLogin.toLowerCase());
    }
    if (added) {
      this.byUser.set(added.discordUserId, added);
      this.byLogin.set(added.githubLogin.toLowerCase(), added);
    }
    this.indexed = after;
  }
  user(id: string): Link | undefined {
    return this.byUser.get(id);
  }
  login(login: string): Link | undefined {
    return this.byLogin.get(login.toLowerCase());
  }
}

export function createLinksRepository(
  file: StoreFile<LinksFile>,
  now: () => Date,
): LinksRepository {
  const index = new LinksIndex();
  const current = (): LinksIndex => index.refresh(file.data.links);
  return {
    linkMember: async (request: LinkRequest) => {
      const valid = validateInput(LinkRequestSchema, request, 'link');
      const change = await file.update((data) => {
        const known = index.refresh(data.links);
        const owner = known.login(valid.githubLogin);
        if (owner && owner.discordUserId !== valid.discordUserId) {
          throw new GitGuildError(
            'conflict',
            `GitHub account ${valid.githubLogin} is already linked to another Discord member`,
            {
              hint: 'Unlink it from that member first.',
            },
          );
        }
        const link: Link = { ...valid, linkedAt: now().toISOString() };
        const previous = known.user(valid.discordUserId);
        const links = [...(previous ? data.links.filter((l) => l !== previous) : data.links), link];
        return {
          next: { ...data, links },
          result: { before: data.links, after: links, previous, link },
        };
      });
      index.applyChange(change.before, change.after, change.previous, change.link);
      return { ...change.link };
    },
    unlinkMember: async (discordUserId) => {
      const change = await file.update((data) => {
        const link = index.refresh(data.links).user(discordUserId);
        if (!link) return { next: data, result: undefined };
        const links = data.links.filter((l) => l !== link);
        return { next: { ...data, links }, result: { before: data.links, after: links, link } };
      });
      if (!change) return undefined;
      index.applyChange(change.before, change.after, change.link, undefined);
      return { ...change.link };
    },
    byDiscordUser: (id) => {
      const link = current().user(id);
      return link && { ...link };
    },
    byGithubLogin: (login) => {
      const link = current().login(login);
      return link && { ...link };
    },
    list: () => file.data.links.map((l) => ({ ...l })),
    count: () => file.data.links.length,
  };
}
