// Which configured GitHub org a request means. Shared by the stats handlers and the crawl job,
// so it lives below both rather than in the API layer.
import { GitGuildError } from '../errors.js';

/** The configured org matching `requested` (GitHub logins are case-insensitive), or the first one. */
export function resolveConfiguredOrg(
  orgs: readonly string[],
  requested: string | undefined,
): string {
  if (orgs.length === 0) {
    throw new GitGuildError('not_found', 'No GitHub organisation is configured.', {
      hint: 'Add your organisation in Settings → GitHub.',
    });
  }
  if (requested === undefined) return orgs[0]!;
  const match = orgs.find((o) => o.toLowerCase() === requested.toLowerCase());
  if (!match) {
    throw new GitGuildError(
      'not_found',
      `The GitHub organisation "${requested}" is not configured.`,
      {
        hint: `Configured: ${orgs.join(', ')}. Add it in Settings → GitHub first.`,
      },
    );
  }
  return match;
}
