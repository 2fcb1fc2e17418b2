// The data behind the GraphQL schema: small node classes over the simulator's world. graphql-js's
// default resolver reads a property or calls a method of the same name with (args, context, info),
// and resolves interfaces by `__typename`, so each class is its GraphQL type.
import type { GraphQLResolveInfo } from 'graphql';
import type {
  SimCommit,
  SimIssue,
  SimOrg,
  SimPull,
  SimRepo,
  SimReview,
  SimUser,
} from '../../scenarios/org.js';
import { nodeId, type SimUrls } from '../shapes/urls.js';
import type { RepoRef, SimWorld } from '../state.js';
import {
  sortedConnection,
  type Connection,
  type ConnectionArgs,
  type SortKey,
} from './connection.js';
import { GitHubFieldError } from './errors.js';

export interface RateLimitFacts {
  cost: number;
  limit: number;
  nodeCount: number;
  remaining: number;
  resetAt: string;
  used: number;
}

export interface GraphqlContext {
  world: SimWorld;
  urls: SimUrls;
  rateLimit: RateLimitFacts;
  /** Reviews grouped by PR, built once per repository per request. */
  reviewIndex: Map<RepoRef, Map<number, SimReview[]>>;
}

type PullRequestState = 'OPEN' | 'CLOSED' | 'MERGED';
type IssueState = 'OPEN' | 'CLOSED';
type IssueOrderField = 'COMMENTS' | 'CREATED_AT' | 'UPDATED_AT';
type RepositoryOrderField = 'CREATED_AT' | 'NAME' | 'PUSHED_AT' | 'STARGAZERS' | 'UPDATED_AT';

interface IssuesArgs extends ConnectionArgs {
  states?: IssueState[] | null;
  orderBy?: { field: IssueOrderField; direction: 'ASC' | 'DESC' } | null;
  labels?: string[] | null;
}

interface RepositoriesArgs extends ConnectionArgs {
  isArchived?: boolean | null;
  isFork?: boolean | null;
  orderBy?: { field: RepositoryOrderField; direction: 'ASC' | 'DESC' } | null;
}

interface PullRequestsArgs extends ConnectionArgs {
  states?: PullRequestState[] | null;
  orderBy?: { field: IssueOrderField; direction: 'ASC' | 'DESC' } | null;
  baseRefName?: string | null;
  headRefName?: string | null;
  labels?: string[] | null;
}

interface ReviewsArgs extends ConnectionArgs {
  author?: string | null;
  states?: SimReview['state'][] | null;
}

/** User or Bot. GraphQL names a GitHub App's bot user without REST's "[bot]" suffix. */
function actor(world: SimWorld, urls: SimUrls, login: string): Record<string, unknown> | null {
  const user: SimUser | undefined = world.user(login);
  if (!user) return null;
  const bot = user.type === 'Bot';
  const name = bot ? user.login.replace(/\[bot\]$/, '') : user.login;
  const resourcePath = bot ? `/apps/${name}` : `/${name}`;
  return {
    __typename: bot ? 'Bot' : 'User',
    id: nodeId(bot ? 'Bot' : 'User', user.id),
    login: name,
    ...(bot ? {} : { name: user.name }),
    avatarUrl: ({ size }: { size?: number | null }) =>
      `${urls.web}/avatars/u/${user.id}?v=4${size ? `&s=${size}` : ''}`,
    resourcePath,
    url: `${urls.web}${resourcePath}`,
  };
}

class ReviewNode {
  constructor(
    private readonly review: SimReview,
    private readonly ctx: GraphqlContext,
  ) {}
  get id(): string {
    return nodeId('PullRequestReview', this.review.id);
  }
  get author(): Record<string, unknown> | null {
    return actor(this.ctx.world, this.ctx.urls, this.review.reviewer);
  }
  get createdAt(): string {
    return this.review.submittedAt;
  }
  get submittedAt(): string {
    return this.review.submittedAt;
  }
  get state(): SimReview['state'] {
    return this.review.state;
  }
}

class PullRequestNode {
  constructor(
    private readonly ref: RepoRef,
    private readonly pull: SimPull,
  ) {}
  get id(): string {
    return nodeId('PullRequest', this.pull.id);
  }
  get number(): number {
    return this.pull.number;
  }
  get title(): string {
    return this.pull.title;
  }
  get createdAt(): string {
    return this.pull.createdAt;
  }
  get updatedAt(): string {
    return this.pull.updatedAt;
  }
  get closedAt(): string | null {
    return this.pull.closedAt;
  }
  get mergedAt(): string | null {
    return this.pull.mergedAt;
  }
  get closed(): boolean {
    return this.pull.state === 'closed';
  }
  get merged(): boolean {
    return this.pull.mergedAt !== null;
  }
  get state(): PullRequestState {
    return stateOf(this.pull);
  }
  author(_args: unknown, ctx: GraphqlContext): Record<string, unknown> | null {
    return actor(ctx.world, ctx.urls, this.pull.author);
  }
  reviews(
    args: ReviewsArgs,
    ctx: GraphqlContext,
    info: GraphQLResolveInfo,
  ): Connection<ReviewNode> {
    let index = ctx.reviewIndex.get(this.ref);
    if (!index) {
      index = new Map();
      for (const r of this.ref.repo.reviews) {
        const list = index.get(r.pullNumber);
        if (list) list.push(r);
        else index.set(r.pullNumber, [r]);
      }
      ctx.reviewIndex.set(this.ref, index);
    }
    let list = index.get(this.pull.number) ?? [];
    const author = args.author?.toLowerCase();
    if (author) list = list.filter((r) => r.reviewer.toLowerCase() === author);
    if (args.states) list = list.filter((r) => args.states?.includes(r.state));
    // Oldest first, as GitHub lists a PR's reviews.
    const key = (r: SimReview): SortKey => [r.submittedAt, r.id];
    const page = sortedConnection(list, key, 'ASC', args, info);
    return mapConnection(page, (r) => new ReviewNode(r, ctx));
  }
}

class IssueNode {
  constructor(private readonly issue: SimIssue) {}
  get id(): string {
    return nodeId('Issue', this.issue.id);
  }
  get number(): number {
    return this.issue.number;
  }
  get title(): string {
    return this.issue.title;
  }
  get createdAt(): string {
    return this.issue.createdAt;
  }
  get updatedAt(): string {
    return this.issue.updatedAt;
  }
  get closedAt(): string | null {
    return this.issue.closedAt;
  }
  get closed(): boolean {
    return this.issue.state === 'closed';
  }
  get state(): IssueState {
    return this.issue.state === 'open' ? 'OPEN' : 'CLOSED';
  }
  author(_args: unknown, ctx: GraphqlContext): Record<string, unknown> | null {
    return actor(ctx.world, ctx.urls, this.issue.author);
  }
}

/** A commit as GraphQL's GitObject interface sees it (the default branch's target). */
function commitNode(commit: SimCommit): Record<string, unknown> {
  return {
    __typename: 'Commit',
    id: nodeId('Commit', commit.sha),
    oid: commit.sha,
    authoredDate: commit.authorDate,
    committedDate: commit.committerDate,
  };
}

function stateOf(pull: SimPull): PullRequestState {
  if (pull.mergedAt !== null) return 'MERGED';
  return pull.state === 'open' ? 'OPEN' : 'CLOSED';
}

function mapConnection<T, U>(page: Connection<T>, map: (item: T) => U): Connection<U> {
  return {
    ...page,
    nodes: page.nodes.map(map),
    edges: page.edges.map((e) => ({ cursor: e.cursor, node: map(e.node) })),
  };
}

class RepositoryNode {
  constructor(private readonly ref: RepoRef) {}
  private get repo(): SimRepo {
    return this.ref.repo;
  }
  get id(): string {
    return nodeId('Repository', this.ref.repo.id);
  }
  get databaseId(): number {
    return this.repo.id;
  }
  get createdAt(): string {
    return this.repo.createdAt;
  }
  get updatedAt(): string {
    return this.repo.updatedAt;
  }
  /** Moves on every push, to the push time (PR branches included), as on GitHub. */
  get pushedAt(): string | null {
    return this.repo.pushedAt;
  }
  get isArchived(): boolean {
    return this.repo.archived;
  }
  get isFork(): boolean {
    return this.repo.fork;
  }
  /** GitHub disables a repository whose access it blocked, as for a DMCA takedown. */
  get isDisabled(): boolean {
    return this.repo.blocked;
  }
  get isEmpty(): boolean {
    return this.repo.head === null;
  }
  get stargazerCount(): number {
    return this.repo.stars;
  }
  get forkCount(): number {
    return this.repo.forks;
  }
  defaultBranchRef(_args: unknown, ctx: GraphqlContext): Record<string, unknown> | null {
    const { head, defaultBranch } = this.repo;
    const commit = head === null ? undefined : ctx.world.graph(this.repo).bySha.get(head);
    if (!commit) return null;
    return {
      id: nodeId('Ref', `${this.repo.id}:refs/heads/${defaultBranch}`),
      name: defaultBranch,
      target: commitNode(commit),
    };
  }
  issues(args: IssuesArgs, _ctx: GraphqlContext, info: GraphQLResolveInfo): Connection<IssueNode> {
    let list: readonly SimIssue[] = this.repo.issues;
    if (args.states && args.states.length > 0)
      list = list.filter((i) => args.states?.includes(i.state === 'open' ? 'OPEN' : 'CLOSED'));
    const labels = args.labels ?? [];
    if (labels.length > 0) list = list.filter((i) => labels.every((l) => i.labels.includes(l)));
    const field = args.orderBy?.field ?? 'CREATED_AT';
    const direction = args.orderBy?.direction ?? 'ASC';
    const key = (i: SimIssue): SortKey => [
      field === 'UPDATED_AT' ? i.updatedAt : field === 'COMMENTS' ? i.comments : i.createdAt,
      i.id,
    ];
    const page = sortedConnection(list, key, direction, args, info);
    return mapConnection(page, (i) => new IssueNode(i));
  }
  get name(): string {
    return this.ref.repo.name;
  }
  get nameWithOwner(): string {
    return `${this.ref.org.login}/${this.ref.repo.name}`;
  }
  pullRequest({ number }: { number: number }): PullRequestNode | null {
    const pull = this.ref.repo.pulls.find((p) => p.number === number);
    return pull ? new PullRequestNode(this.ref, pull) : null;
  }
  pullRequests(
    args: PullRequestsArgs,
    _ctx: GraphqlContext,
    info: GraphQLResolveInfo,
  ): Connection<PullRequestNode> {
    let list: readonly SimPull[] = this.ref.repo.pulls;
    if (args.states && args.states.length > 0)
      list = list.filter((p) => args.states?.includes(stateOf(p)));
    if (args.baseRefName && args.baseRefName !== this.ref.repo.defaultBranch) list = [];
    // The simulator's PRs carry no head branches or labels: such filters match nothing.
    if (args.headRefName || (args.labels && args.labels.length > 0)) list = [];
    // GitHub's default order is oldest first.
    const field = args.orderBy?.field ?? 'CREATED_AT';
    const direction = args.orderBy?.direction ?? 'ASC';
    const key = (p: SimPull): SortKey => [
      field === 'UPDATED_AT' ? p.updatedAt : field === 'COMMENTS' ? p.comments : p.createdAt,
      p.id,
    ];
    const page = sortedConnection(list, key, direction, args, info);
    return mapConnection(page, (p) => new PullRequestNode(this.ref, p));
  }
}

class OrganizationNode {
  constructor(private readonly org: SimOrg) {}
  get id(): string {
    return nodeId('Organization', this.org.id);
  }
  get databaseId(): number {
    return this.org.id;
  }
  get login(): string {
    return this.org.login;
  }
  get name(): string {
    return this.org.name;
  }
  repositories(
    args: RepositoriesArgs,
    _ctx: GraphqlContext,
    info: GraphQLResolveInfo,
  ): Connection<RepositoryNode> {
    let list: readonly SimRepo[] = this.org.repos;
    if (typeof args.isArchived === 'boolean')
      list = list.filter((r) => r.archived === args.isArchived);
    if (typeof args.isFork === 'boolean') list = list.filter((r) => r.fork === args.isFork);
    const field = args.orderBy?.field ?? 'CREATED_AT';
    const direction = args.orderBy?.direction ?? 'ASC';
    const key = (r: SimRepo): SortKey => [
      field === 'NAME'
        ? r.name.toLowerCase()
        : field === 'PUSHED_AT'
          ? r.pushedAt
          : field === 'UPDATED_AT'
            ? r.updatedAt
            : field === 'STARGAZERS'
              ? r.stars
              : r.createdAt,
      r.id,
    ];
    const page = sortedConnection(list, key, direction, args, info);
    return mapConnection(page, (repo) => new RepositoryNode({ org: this.org, repo }));
  }
}

/** The root value: Query's fields. */
export const queryRoot = {
  organization({ login }: { login: string }, ctx: GraphqlContext): OrganizationNode {
    const org = ctx.world.org(login);
    if (!org)
      throw new GitHubFieldError(
        'NOT_FOUND',
        `Could not resolve to an Organization with the login of '${login}'.`,
      );
    return new OrganizationNode(org);
  },
  repository(
    { owner, name, followRenames }: { owner: string; name: string; followRenames?: boolean },
    ctx: GraphqlContext,
  ): RepositoryNode {
    // A renamed or transferred repository is found under its old name unless told not to.
    const ref =
      ctx.world.repo(owner, name) ??
      (followRenames === false ? undefined : ctx.world.redirect(owner, name));
    if (!ref)
      throw new GitHubFieldError(
        'NOT_FOUND',
        `Could not resolve to a Repository with the name '${owner}/${name}'.`,
      );
    // REST answers 451 for a DMCA-blocked repository; GraphQL has no status per field, so the
    // simulator reports it as a FORBIDDEN field error with REST's message.
    if (ref.repo.blocked) throw new GitHubFieldError('FORBIDDEN', 'Repository access blocked');
    return new RepositoryNode(ref);
  },
  rateLimit(_args: unknown, ctx: GraphqlContext): RateLimitFacts {
    return ctx.rateLimit;
  },
};
