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
  user(id: string): Link | undefined {
    return this.byUser.get(id);
  }
  login(login: string): Link | undefined {
    return this.byLogin.get(login.toLowerCase());
  }
}

export function createLinksRepository(file: StoreFile<LinksFile>, now: () => Date): LinksRepository {
  const index = new LinksIndex();
  const current = (): LinksIndex => index.refresh(file.data.links);
  return {
    linkMember: async (request: LinkRequest) => {
      const valid = validateInput(LinkRequestSchema, request, 'link');
      return file.update((data) => {
        const owner = index.refresh(data.links).login(valid.githubLogin);
        if (owner && owner.discordUserId !== valid.discordUserId) {
          throw new GitGuildError('conflict', `GitHub account ${valid.githubLogin} is already linked to another Discord member`, {
            hint: 'Unlink it from that member first.',
          });
        }
        const link: Link = { ...valid, linkedAt: now().toISOString() };
        const links = [...data.links.filter((l) => l.discordUserId !== valid.discordUserId), link];
        return { next: { ...data, links }, result: { ...link } };
      });
    },
    unlinkMember: (discordUserId) =>
      file.update((data) => {
        const link = index.refresh(data.links).user(discordUserId);
        if (!link) return { next: data, result: undefined };
        return { next: { ...data, links: data.links.filter((l) => l !== link) }, result: { ...link } };
      }),
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
