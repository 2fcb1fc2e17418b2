// Commits on the default branch, counted by what the branch reaches rather than by date: a commit
// counts once, for its author, when it becomes reachable from the default branch, on the day of
// its author date (as GitHub's contribution calendar does), however old its dates are. That is
// what "Create a merge commit" and fast-forward pushes of older work need; selecting commits with
// `since` (their committer date) misses them. Merge commits (two or more parents) are not counted:
// the merge counts under merged PRs.
//
// The crawl remembers the head it counted and reads `compare/{previous}...{head}` (paginated, 100
// commits a page): the commits the new head reaches that the old one did not. When the branch
// was force-pushed, the old head is no longer among them (GitHub says "diverged" or "behind"), and
// the reverse comparison lists the commits that left the branch: their counts are taken back.
// With no previous head, or one GitHub no longer knows, the whole branch is walked and its
// counts replace the stored ones.
import type { RestEndpointMethodTypes } from '@octokit/rest';
import { httpFailure } from './crawl-errors.js';
import type { DailyCountAccumulator } from './crawl-window.js';
import type { GitHubClient } from './octokit.js';
import { contributorLogin } from './repo-selection.js';

type Commit = RestEndpointMethodTypes['repos']['listCommits']['response']['data'][number];

const PAGE_SIZE = 100;

export interface CommitCrawlInput {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  /** The head whose commits are already counted; null when none are. */
  previousHead: string | null;
  /** The head to count up to; null for an empty repository. */
  head: string | null;
  counts: DailyCountAccumulator;
  signal?: AbortSignal;
}

export interface CommitCrawlOutput {
  /** The counts are the whole branch: they replace the stored commit counts. */
  replace: boolean;
  requests: number;
}

function authorOf(commit: Commit): { login: string; date: string } | null {
  // Merge commits count under merged PRs; unlinked emails (author null or {}) count for no one.
  if (commit.parents.length >= 2) return null;
  const login = contributorLogin(commit.author as { login?: string; type?: string } | null);
  const date = commit.commit.author?.date ?? commit.commit.committer?.date;
  return login && date ? { login, date } : null;
}

export async function crawlCommits(input: CommitCrawlInput): Promise<CommitCrawlOutput> {
  const { previousHead, head } = input;
  if (head === previousHead) return { replace: false, requests: 0 };
  if (head === null) return { replace: true, requests: 0 };
  if (previousHead === null) return walk(input, head);

  const ahead = await compare(input, previousHead, head);
  if (ahead === 'unknown') return walk(input, head);
  for (const commit of ahead.commits) {
    const author = authorOf(commit);
    if (author) input.counts.add(`commit:${commit.sha}`, author.login, 'commits', author.date);
  }
  let requests = ahead.requests;
  if (ahead.behindBy > 0) {
    // A force push: what the old head reached and the new one does not left the branch.
    const gone = await compare(input, head, previousHead);
    if (gone === 'unknown') return walk(input, head);
    requests += gone.requests;
    for (const commit of gone.commits) {
      const author = authorOf(commit);
      if (author) input.counts.remove(`commit:${commit.sha}`, author.login, 'commits', author.date);
    }
  }
  return { replace: false, requests };
}

/** Every commit the head reaches: a first crawl, or a head GitHub can no longer compare with. */
async function walk(input: CommitCrawlInput, head: string): Promise<CommitCrawlOutput> {
  const { octokit, owner, repo, counts, signal } = input;
  input.counts.reset('commits');
  let requests = 0;
  await octokit.paginate(
    octokit.rest.repos.listCommits,
    { owner, repo, sha: head, per_page: PAGE_SIZE, request: { signal } },
    (response) => {
      requests += 1;
      for (const commit of response.data) {
        const author = authorOf(commit);
        if (author) counts.add(`commit:${commit.sha}`, author.login, 'commits', author.date);
      }
      return [];
    },
  );
  return { replace: true, requests };
}

interface Comparison {
  commits: Commit[];
  behindBy: number;
  requests: number;
}

/** `compare/{base}...{head}`, every page; 'unknown' when GitHub no longer knows `base`. */
async function compare(
  input: CommitCrawlInput,
  base: string,
  head: string,
): Promise<Comparison | 'unknown'> {
  const { octokit, owner, repo, signal } = input;
  const commits: Commit[] = [];
  let behindBy = 0;
  let requests = 0;
  for (let page = 1, pages = 1; page <= pages; page++) {
    let data: RestEndpointMethodTypes['repos']['compareCommitsWithBasehead']['response']['data'];
    try {
      ({ data } = await octokit.rest.repos.compareCommitsWithBasehead({
        owner,
        repo,
        basehead: `${base}...${head}`,
        per_page: PAGE_SIZE,
        page,
        request: { signal },
      }));
    } catch (error) {
      // 404: a commit GitHub garbage-collected after a force push, or no common history.
      if (httpFailure(error)?.status === 404 && page === 1) return 'unknown';
      throw error;
    }
    requests += 1;
    if (page === 1) {
      behindBy = data.behind_by;
      pages = Math.max(1, Math.ceil(data.total_commits / PAGE_SIZE));
    }
    commits.push(...(data.commits as Commit[]));
  }
  return { commits, behindBy, requests };
}
