// Shapes for a repository's activity: pull-request-simple, issue (PRs carry `pull_request`),
// commit and pull-request-review, as GitHub's list endpoints return them.
import type {
  SimCommit,
  SimIssue,
  SimOrg,
  SimPull,
  SimRepo,
  SimReview,
  SimUser,
} from '../../scenarios/org.js';
import { repository } from './repo.js';
import { simpleUser } from './user.js';
import { nodeId, type SimUrls } from './urls.js';

/** What the shapes need to know beyond the item itself. */
export interface ShapeContext {
  org: SimOrg;
  repo: SimRepo;
  urls: SimUrls;
  user(login: string): SimUser;
  association(login: string): 'MEMBER' | 'CONTRIBUTOR' | 'NONE';
}

const LABEL_COLORS: Record<string, string> = {
  bug: 'd73a4a',
  enhancement: 'a2eeef',
  documentation: '0075ca',
  'good first issue': '7057ff',
  question: 'd876e3',
};

function label(ctx: ShapeContext, name: string) {
  const id = 4_000_000 + [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_000, 0);
  return {
    id,
    node_id: nodeId('Label', id),
    url: `${ctx.urls.api}/repos/${ctx.org.login}/${ctx.repo.name}/labels/${encodeURIComponent(name)}`,
    name,
    description: `${name} label`,
    color: LABEL_COLORS[name] ?? 'ededed',
    default: name in LABEL_COLORS,
  };
}

function repoApi(ctx: ShapeContext): string {
  return `${ctx.urls.api}/repos/${ctx.org.login}/${ctx.repo.name}`;
}

function repoWeb(ctx: ShapeContext): string {
  return `${ctx.urls.web}/${ctx.org.login}/${ctx.repo.name}`;
}

export function pullRequestSimple(ctx: ShapeContext, p: SimPull) {
  const api = `${repoApi(ctx)}/pulls/${p.number}`;
  const issueApi = `${repoApi(ctx)}/issues/${p.number}`;
  const html = `${repoWeb(ctx)}/pull/${p.number}`;
  const author = ctx.user(p.author);
  const repo = repository(ctx.org, ctx.repo, ctx.urls);
  const branch =
    author.type === 'Bot'
      ? `${author.login.replace('[bot]', '')}/update-${p.number}`
      : `${p.author}/pr-${p.number}`;
  return {
    url: api,
    id: p.id,
    node_id: nodeId('PullRequest', p.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueApi,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${repoApi(ctx)}/pulls/comments{/number}`,
    comments_url: `${issueApi}/comments`,
    statuses_url: `${repoApi(ctx)}/statuses/${p.headSha}`,
    number: p.number,
    state: p.state,
    locked: false,
    title: p.title,
    user: simpleUser(author, ctx.urls),
    body: `This pull request: ${p.title.toLowerCase()}.`,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    closed_at: p.closedAt,
    merged_at: p.mergedAt,
    merge_commit_sha: p.mergedAt === null ? null : p.headSha.split('').reverse().join(''),
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: {
      label: `${ctx.org.login}:${branch}`,
      ref: branch,
      sha: p.headSha,
      user: simpleUser(author, ctx.urls),
      repo,
    },
    base: {
      label: `${ctx.org.login}:${ctx.repo.defaultBranch}`,
      ref: ctx.repo.defaultBranch,
      sha: ctx.repo.head ?? p.headSha,
      user: repo.owner,
      repo,
    },
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: issueApi },
      comments: { href: `${issueApi}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${repoApi(ctx)}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: `${repoApi(ctx)}/statuses/${p.headSha}` },
    },
    author_association: ctx.association(p.author),
    auto_merge: null,
    draft: p.draft,
  };
}

function reactions(url: string) {
  return {
    url: `${url}/reactions`,
    total_count: 0,
    '+1': 0,
    '-1': 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0,
  };
}

function issueCommon(
  ctx: ShapeContext,
  item: {
    id: number;
    number: number;
    author: string;
    title: string;
    createdAt: string;
    updatedAt: string;
    closedAt: string | null;
    state: 'open' | 'closed';
    comments: number;
  },
) {
  const api = `${repoApi(ctx)}/issues/${item.number}`;
  return {
    url: api,
    repository_url: repoApi(ctx),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${repoWeb(ctx)}/issues/${item.number}`,
    id: item.id,
    node_id: nodeId('Issue', item.id),
    number: item.number,
    title: item.title,
    user: simpleUser(ctx.user(item.author), ctx.urls),
    state: item.state,
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: item.comments,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
    closed_at: item.closedAt,
    author_association: ctx.association(item.author),
    active_lock_reason: null,
    body: null,
    closed_by: null,
    reactions: reactions(api),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: null,
  };
}

export function issue(ctx: ShapeContext, i: SimIssue) {
  return {
    ...issueCommon(ctx, i),
    labels: i.labels.map((l) => label(ctx, l)),
    state_reason: i.stateReason,
  };
}

/** A pull request as the issues endpoint lists it: an issue with a `pull_request` key. */
export function pullAsIssue(ctx: ShapeContext, p: SimPull) {
  const html = `${repoWeb(ctx)}/pull/${p.number}`;
  return {
    // A PR's issue has its own id on GitHub; offset keeps it clear of every other id.
    ...issueCommon(ctx, { ...p, id: p.id + 1_000_000_000 }),
    html_url: html,
    labels: [],
    state_reason: null,
    draft: p.draft,
    pull_request: {
      url: `${repoApi(ctx)}/pulls/${p.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: p.mergedAt,
    },
  };
}

export function commit(ctx: ShapeContext, c: SimCommit) {
  const api = `${repoApi(ctx)}/commits/${c.sha}`;
  const treeSha = c.sha.slice(20) + c.sha.slice(0, 20);
  return {
    url: api,
    sha: c.sha,
    node_id: nodeId('Commit', c.sha),
    html_url: `${repoWeb(ctx)}/commit/${c.sha}`,
    comments_url: `${api}/comments`,
    commit: {
      url: `${repoApi(ctx)}/git/commits/${c.sha}`,
      author: { name: c.authorName, email: c.authorEmail, date: c.authorDate },
      committer: { name: c.committerName, email: c.committerEmail, date: c.committerDate },
      message: c.message,
      comment_count: 0,
      tree: { sha: treeSha, url: `${repoApi(ctx)}/git/trees/${treeSha}` },
      verification: {
        verified: c.committerLogin === 'web-flow',
        reason: c.committerLogin === 'web-flow' ? 'valid' : 'unsigned',
        signature: null,
        payload: null,
        verified_at: c.committerLogin === 'web-flow' ? c.committerDate : null,
      },
    },
    // Commits whose email matches no account have no linked user: GitHub sends null.
    author: c.authorLogin === null ? null : simpleUser(ctx.user(c.authorLogin), ctx.urls),
    committer: c.committerLogin === null ? null : simpleUser(ctx.user(c.committerLogin), ctx.urls),
    // A merge commit has two (or more) parents.
    parents: c.parents.map((sha) => ({
      sha,
      url: `${repoApi(ctx)}/commits/${sha}`,
      html_url: `${repoWeb(ctx)}/commit/${sha}`,
    })),
  };
}

export function review(ctx: ShapeContext, r: SimReview, pull: SimPull) {
  const prApi = `${repoApi(ctx)}/pulls/${r.pullNumber}`;
  const html = `${repoWeb(ctx)}/pull/${r.pullNumber}#pullrequestreview-${r.id}`;
  return {
    id: r.id,
    node_id: nodeId('PullRequestReview', r.id),
    user: simpleUser(ctx.user(r.reviewer), ctx.urls),
    body: r.body,
    state: r.state,
    html_url: html,
    pull_request_url: prApi,
    _links: { html: { href: html }, pull_request: { href: prApi } },
    submitted_at: r.submittedAt,
    commit_id: pull.headSha,
    author_association: ctx.association(r.reviewer),
  };
}
