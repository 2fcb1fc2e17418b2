// The measured baseline for pull requests and reviews over REST: the PR list back to the cursor,
// then one review-list request per touched PR. It exists so the benchmark can show what GraphQL
// saves (crawl option `pullRequestApi: 'rest'`); the crawler reads PRs through GraphQL.
import type { CrawlWindow, DailyCountAccumulator } from './crawl-window.js';
import type { GitHubClient } from './octokit.js';
import { contributorLogin } from './repo-selection.js';

export interface RestPullRequestInput {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  window: CrawlWindow;
  counts: DailyCountAccumulator;
  signal?: AbortSignal;
  /** Review lists fetched at once. */
  reviewConcurrency?: number;
}

/** Counts PRs opened and merged and reviews submitted inside the window. */
export async function crawlPullRequestsRest(input: RestPullRequestInput): Promise<void> {
  const { octokit, owner, repo, window, counts, signal } = input;
  const base = { owner, repo, per_page: 100, request: { signal } } as const;
  // Newest update first; stop once a page reaches the cursor. Unlike the GraphQL pass this
  // baseline keeps a single pass (no re-read of the head): a PR updated while we page can be
  // missed here. A PR read twice at a page boundary is counted once (event identities) and its
  // reviews are listed once (a set of numbers).
  const touchedPrs = new Set<number>();
  await octokit.paginate(
    octokit.rest.pulls.list,
    { ...base, state: 'all', sort: 'updated', direction: 'desc' },
    (response, done) => {
      for (const pr of response.data) {
        if (!window.mayHoldEvents(pr.updated_at)) {
          done();
          break;
        }
        touchedPrs.add(pr.number);
        const author = contributorLogin(pr.user);
        if (!author) continue;
        if (window.contains(pr.created_at))
          counts.add(`pr#${pr.number}`, author, 'prs_opened', pr.created_at);
        if (pr.merged_at && window.contains(pr.merged_at))
          counts.add(`pr#${pr.number}`, author, 'prs_merged', pr.merged_at);
      }
      return [];
    },
  );

  // Reviews of every PR updated inside the window (a submitted review updates its PR).
  const queue = [...touchedPrs];
  const worker = async (): Promise<void> => {
    for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
      await octokit.paginate(
        octokit.rest.pulls.listReviews,
        { ...base, pull_number: n },
        (response) => {
          for (const review of response.data) {
            const login = contributorLogin(review.user);
            const at = review.submitted_at;
            if (login && at && window.contains(at))
              counts.add(`review:${review.id}`, login, 'reviews', at);
          }
          return [];
        },
      );
    }
  };
  await Promise.all(Array.from({ length: input.reviewConcurrency ?? 4 }, worker));
}
