// contributions v1 → v2. Version 1 keyed repositories by name (a rename looked like a new repo and
// counted its history twice), counted commits by committer-date windows (a merge of older commits
// was never counted), left bot accounts out of the stored counts, and kept ETags as cursors.
// Version 2 keys repositories by GitHub's id, counts the commits the default branch reaches,
// stores bots and lets the org's selection decide what counts.
//
// Neither the ids nor the missing counts can be derived from a v1 file, so a v1 repository file
// becomes a v2 file without an id or cursor: its counts stay visible until the next crawl has read
// the repository again under its id (a full read, like a first crawl), and the org file gets no
// selection yet. Both kinds of contributions file share the version, so this step handles both.
import type { JsonObject, Migration } from '../migration.js';

export const repoIds: Migration = {
  from: 1,
  name: 'repo-ids',
  up(v1: JsonObject) {
    if ('summaries' in v1) return { doc: { ...v1, selection: null }, notes: [] };
    const { cursor: _cursor, ...rest } = v1;
    return {
      doc: { ...rest, repoId: null, cursor: null },
      notes: [
        'counts are kept until the next crawl reads this repository again by its GitHub id and counts commits by what the default branch reaches',
      ],
    };
  },
};
