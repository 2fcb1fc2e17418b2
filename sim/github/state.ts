// The simulator's world: the scenario orgs (mutated in place, so `orgTruth(org)` stays the
// truth after a test adds activity), users by login, issued tokens, and what happens to
// repositories over time: pushes, merges by GitHub's three methods, force pushes, renames and
// transfers (the old names keep redirecting, as on GitHub).
import { createHash } from 'node:crypto';
import {
  commitGraph,
  firstParentAncestor,
  refreshDefaultBranch,
  type CommitGraph,
} from '../scenarios/commit-graph.js';
import {
  isoSeconds,
  isBotLogin,
  landCommits,
  landPull,
  newCommit,
  WEB_FLOW,
  type MergeMethod,
  type Signature,
  type SimCommit,
  type SimIssue,
  type SimOrg,
  type SimPull,
  type SimRepo,
  type SimReview,
  type SimUser,
} from '../scenarios/org.js';
import type { SimClock } from './clock.js';

export interface RepoRef {
  org: SimOrg;
  repo: SimRepo;
}

/** A commit a pull request brings, as the control API describes it. */
export interface PullCommitInput {
  author: string | null;
  authorDate?: string;
  committerDate?: string;
  message?: string;
}

export interface MergeInput {
  /** GitHub's merge method; "merge" (a merge commit) is GitHub's default. */
  method?: MergeMethod;
  /** When the merge happens (default now). */
  at?: string;
  /** The commits the PR brings (default: one commit by its author at its creation). */
  commits?: PullCommitInput[];
  /** Who presses the button: the merge commit's author (default the org's first maintainer). */
  by?: string;
}

export class SimWorld {
  private readonly usersByLogin = new Map<string, SimUser>();
  private readonly orgsByLogin = new Map<string, SimOrg>();
  private readonly reposByName = new Map<string, RepoRef>();
  /** Former "owner/name" (lower case) → the repository now, after a rename or transfer. */
  private readonly redirects = new Map<string, SimRepo>();
  private readonly graphs = new WeakMap<
    SimRepo,
    { key: string; graph: CommitGraph; authors?: Set<string> }
  >();
  /** token -> login */
  private readonly tokens = new Map<string, string>();
  private nextId = 900_000_000;

  constructor(
    readonly orgs: SimOrg[],
    private readonly clock: SimClock,
  ) {
    if (orgs.length === 0) throw new Error('the GitHub simulator needs at least one org');
    for (const org of orgs) {
      this.orgsByLogin.set(org.login.toLowerCase(), org);
      for (const u of org.users) this.usersByLogin.set(u.login.toLowerCase(), u);
      for (const repo of org.repos) {
        this.reposByName.set(`${org.login}/${repo.name}`.toLowerCase(), { org, repo });
        for (const former of repo.formerNames)
          this.redirects.set(`${org.login}/${former}`.toLowerCase(), repo);
      }
    }
  }

  org(login: string): SimOrg | undefined {
    return this.orgsByLogin.get(login.toLowerCase());
  }

  /** The repository under its current name. */
  repo(owner: string, name: string): RepoRef | undefined {
    return this.reposByName.get(`${owner}/${name}`.toLowerCase());
  }

  /** The repository a former name now points to (GitHub's 301 after a rename or transfer). */
  redirect(owner: string, name: string): RepoRef | undefined {
    const repo = this.redirects.get(`${owner}/${name}`.toLowerCase());
    return repo ? this.repoById(repo.id) : undefined;
  }

  repoById(id: number): RepoRef | undefined {
    for (const ref of this.reposByName.values()) if (ref.repo.id === id) return ref;
    return undefined;
  }

  /** The repository's commit graph, rebuilt only after its commits or head changed. */
  graph(repo: SimRepo): CommitGraph {
    return this.history(repo).graph;
  }

  private history(repo: SimRepo): { key: string; graph: CommitGraph; authors?: Set<string> } {
    const key = `${repo.objects.length}:${repo.head}`;
    const cached = this.graphs.get(repo);
    if (cached?.key === key) return cached;
    const fresh = { key, graph: commitGraph(repo) };
    this.graphs.set(repo, fresh);
    return fresh;
  }

  user(login: string): SimUser | undefined {
    return this.usersByLogin.get(login.toLowerCase());
  }

  /** A user by login, created on first mention (tests add activity by people not in the scenario). */
  ensureUser(login: string): SimUser {
    const existing = this.user(login);
    if (existing) return existing;
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(\[bot\])?$/.test(login))
      throw new Error(`"${login}" is not a valid GitHub login`);
    const u: SimUser = {
      id: this.nextId++,
      login,
      type: isBotLogin(login) ? 'Bot' : 'User',
      name: null,
      activity: 1,
      createdAt: isoSeconds(this.clock.now()),
    };
    this.usersByLogin.set(login.toLowerCase(), u);
    this.orgs[0]?.users.push(u);
    return u;
  }

  isMember(org: SimOrg, login: string): boolean {
    return org.members.some((m) => m.toLowerCase() === login.toLowerCase());
  }

  association(ref: RepoRef, login: string): 'MEMBER' | 'CONTRIBUTOR' | 'NONE' {
    if (this.isMember(ref.org, login)) return 'MEMBER';
    const history = this.history(ref.repo);
    history.authors ??= new Set(ref.repo.commits.flatMap((c) => c.authorLogin ?? []));
    return history.authors.has(login) ? 'CONTRIBUTOR' : 'NONE';
  }

  issueToken(token: string, login: string): void {
    this.tokens.set(token, login);
  }

  tokenLogin(token: string): string | undefined {
    return this.tokens.get(token);
  }

  /** A revoked token answers 401 Bad credentials from then on. */
  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  // ---- activity added by tests (control API) ----

  private nowIso(at?: string): string {
    if (at === undefined) return isoSeconds(this.clock.now());
    const ms = Date.parse(at);
    if (Number.isNaN(ms)) throw new Error(`"${at}" is not an ISO time`);
    return isoSeconds(ms);
  }

  private pushed(repo: SimRepo, at: string): void {
    // A push moves pushed_at and updated_at to the push time, as on GitHub, whatever the dates
    // inside the commits; issues and reviews move neither.
    if (at > repo.pushedAt) repo.pushedAt = at;
    if (at > repo.updatedAt) repo.updatedAt = at;
  }

  private signature(login: string | null, fallbackName?: string): Signature {
    const user = login === null ? null : this.ensureUser(login);
    return user
      ? {
          login: user.login,
          name: user.name ?? user.login,
          email: `${user.id}+${user.login}@users.noreply.github.com`,
        }
      : { login: null, name: fallbackName ?? 'Unlinked Author', email: 'unlinked@laptop.local' };
  }

  private commitFrom(input: PullCommitInput, fallbackDate: string): SimCommit {
    const committerDate = input.committerDate ? this.nowIso(input.committerDate) : fallbackDate;
    const authorDate = input.authorDate ? this.nowIso(input.authorDate) : committerDate;
    const author = this.signature(input.author);
    return newCommit(
      this.sha(),
      author,
      Date.parse(authorDate),
      author,
      Date.parse(committerDate),
      input.message ?? 'Commit added by the simulator control',
    );
  }

  /** A push of one commit to the default branch, now; its dates can be anything. */
  addCommit(
    ref: RepoRef,
    input: {
      author: string | null;
      authorDate?: string;
      committerDate?: string;
      message?: string;
      authorName?: string;
    },
  ): SimCommit {
    const pushedAt = this.nowIso();
    const commit = this.commitFrom(input, pushedAt);
    if (input.author === null && input.authorName) {
      commit.authorName = input.authorName;
      commit.committerName = input.authorName;
    }
    landCommits(ref.repo, [commit], pushedAt);
    ref.repo.empty = false;
    refreshDefaultBranch(ref.repo);
    this.pushed(ref.repo, pushedAt);
    return commit;
  }

  addPull(
    ref: RepoRef,
    input: {
      author: string;
      title?: string;
      createdAt?: string;
      state?: 'open' | 'closed' | 'merged';
      closedAt?: string;
    },
  ): SimPull {
    const author = this.ensureUser(input.author);
    const createdAt = this.nowIso(input.createdAt);
    const pull: SimPull = {
      id: this.nextId++,
      number: ref.repo.nextNumber++,
      author: author.login,
      title: input.title ?? 'Change added by the simulator control',
      createdAt,
      updatedAt: createdAt,
      closedAt: null,
      mergedAt: null,
      state: 'open',
      draft: false,
      headSha: this.sha(),
      comments: 0,
    };
    ref.repo.pulls.push(pull);
    // Opening a PR pushes its branch.
    this.pushed(ref.repo, createdAt);
    const closedAt = input.closedAt ?? createdAt;
    if (input.state === 'merged') this.mergePull(ref, pull.number, { at: closedAt });
    if (input.state === 'closed') this.closePull(ref, pull.number, { at: closedAt });
    return pull;
  }

  /** Closes a pull request without merging it. */
  closePull(ref: RepoRef, number: number, input: { at?: string } = {}): SimPull {
    const pull = this.openPull(ref, number);
    const at = this.nowIso(input.at);
    pull.state = 'closed';
    pull.closedAt = at;
    pull.updatedAt = at;
    return pull;
  }

  /**
   * Merges a pull request by one of GitHub's methods (see org.ts `landPull`): its commits land on
   * the default branch at `at`, which is also the push time.
   */
  mergePull(ref: RepoRef, number: number, input: MergeInput = {}): SimPull {
    const pull = this.openPull(ref, number);
    const at = this.nowIso(input.at);
    const method = input.method ?? 'merge';
    const commits = input.commits ?? [{ author: pull.author, authorDate: pull.createdAt }];
    if (commits.length === 0) throw new Error('a pull request brings at least one commit');
    let work = commits.map((c) =>
      this.commitFrom(c, c.authorDate ? this.nowIso(c.authorDate) : at),
    );
    if (method === 'rebase')
      work = work.map((c) => ({
        ...c,
        sha: this.sha(),
        committerLogin: WEB_FLOW.login,
        committerName: WEB_FLOW.name,
        committerEmail: WEB_FLOW.email,
        committerDate: at,
      }));
    if (method === 'squash') {
      const author = this.signature(pull.author);
      const atMs = Date.parse(at);
      work = [newCommit(this.sha(), author, atMs, WEB_FLOW, atMs, pull.title)];
    }
    const merger = this.signature(
      input.by ?? ref.org.teams[0]?.members[0] ?? ref.org.members[0] ?? pull.author,
    );
    landPull(ref.repo, { kind: method, at: Date.parse(at), pull, work, merger }, () => this.sha());
    ref.repo.empty = false;
    refreshDefaultBranch(ref.repo);
    this.pushed(ref.repo, at);
    pull.state = 'closed';
    pull.closedAt = at;
    pull.mergedAt = at;
    pull.updatedAt = at;
    return pull;
  }

  private openPull(ref: RepoRef, number: number): SimPull {
    const pull = ref.repo.pulls.find((p) => p.number === number);
    if (!pull) throw new Error(`${ref.org.login}/${ref.repo.name} has no pull request #${number}`);
    if (pull.state === 'closed') throw new Error(`pull request #${number} is already closed`);
    return pull;
  }

  /**
   * `git push --force` of the head `drop` first parents back: the newest `drop` commits leave the
   * default branch. They stay readable by sha (as on GitHub) unless `gc` removes every commit no
   * branch reaches, which makes an old head unknown to compare.
   */
  forcePush(ref: RepoRef, input: { drop: number; gc?: boolean }): { head: string | null } {
    const { repo } = ref;
    if (!Number.isInteger(input.drop) || input.drop < 1)
      throw new Error(`force-push drops a positive number of commits, not ${input.drop}`);
    const head =
      repo.head === null ? undefined : firstParentAncestor(this.graph(repo), repo.head, input.drop);
    if (head === undefined)
      throw new Error(`${ref.org.login}/${repo.name} has fewer than ${input.drop} commits to drop`);
    repo.head = head;
    refreshDefaultBranch(repo);
    const onBranch = new Set(repo.commits.map((c) => c.sha));
    for (const commit of repo.objects) if (!onBranch.has(commit.sha)) commit.landedAt = null;
    if (input.gc) repo.objects = repo.objects.filter((c) => onBranch.has(c.sha));
    repo.empty = repo.head === null;
    this.pushed(repo, this.nowIso());
    return { head: repo.head };
  }

  /** Renames a repository; its id stays and the old name redirects. */
  renameRepo(ref: RepoRef, name: string): RepoRef {
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(name))
      throw new Error(`"${name}" is not a repository name`);
    return this.move(ref, ref.org, name);
  }

  /** Transfers a repository to another simulated org; its id stays and the old name redirects. */
  transferRepo(ref: RepoRef, orgLogin: string): RepoRef {
    const target = this.org(orgLogin);
    if (!target) throw new Error(`unknown org "${orgLogin}": transfers go to a simulated org`);
    return this.move(ref, target, ref.repo.name);
  }

  private move(ref: RepoRef, org: SimOrg, name: string): RepoRef {
    const key = `${org.login}/${name}`.toLowerCase();
    const oldKey = `${ref.org.login}/${ref.repo.name}`.toLowerCase();
    if (key === oldKey) return ref;
    if (this.reposByName.has(key)) throw new Error(`${org.login}/${name} already exists`);
    this.reposByName.delete(oldKey);
    this.redirects.delete(key);
    this.redirects.set(oldKey, ref.repo);
    if (org === ref.org) ref.repo.formerNames.push(ref.repo.name);
    else {
      ref.org.repos.splice(ref.org.repos.indexOf(ref.repo), 1);
      org.repos.push(ref.repo);
    }
    ref.repo.name = name;
    const moved = { org, repo: ref.repo };
    this.reposByName.set(key, moved);
    return moved;
  }

  addIssue(ref: RepoRef, input: { author: string; title?: string; createdAt?: string }): SimIssue {
    const author = this.ensureUser(input.author);
    const createdAt = this.nowIso(input.createdAt);
    const issue: SimIssue = {
      id: this.nextId++,
      number: ref.repo.nextNumber++,
      author: author.login,
      title: input.title ?? 'Issue added by the simulator control',
      createdAt,
      updatedAt: createdAt,
      closedAt: null,
      state: 'open',
      stateReason: null,
      comments: 0,
      labels: [],
    };
    ref.repo.issues.push(issue);
    return issue;
  }

  addReview(
    ref: RepoRef,
    input: {
      pullNumber: number;
      reviewer: string;
      state?: SimReview['state'];
      submittedAt?: string;
    },
  ): SimReview {
    const pull = ref.repo.pulls.find((p) => p.number === input.pullNumber);
    if (!pull)
      throw new Error(`${ref.org.login}/${ref.repo.name} has no pull request #${input.pullNumber}`);
    const reviewer = this.ensureUser(input.reviewer);
    const submittedAt = this.nowIso(input.submittedAt);
    const review: SimReview = {
      id: this.nextId++,
      pullNumber: pull.number,
      reviewer: reviewer.login,
      submittedAt,
      state: input.state ?? 'APPROVED',
      body: 'Reviewed.',
    };
    ref.repo.reviews.push(review);
    if (submittedAt > pull.updatedAt) pull.updatedAt = submittedAt;
    return review;
  }

  touchIssue(ref: RepoRef, number: number, at?: string): SimIssue {
    const issue = ref.repo.issues.find((i) => i.number === number);
    if (!issue) throw new Error(`${ref.org.login}/${ref.repo.name} has no issue #${number}`);
    issue.updatedAt = this.nowIso(at);
    return issue;
  }

  touchPull(ref: RepoRef, number: number, at?: string): SimPull {
    const pull = ref.repo.pulls.find((p) => p.number === number);
    if (!pull) throw new Error(`${ref.org.login}/${ref.repo.name} has no pull request #${number}`);
    pull.updatedAt = this.nowIso(at);
    return pull;
  }

  /** Deterministic, so two runs of the same test see the same shas. */
  private sha(): string {
    return createHash('sha1').update(`sim-commit-${this.nextId++}`).digest('hex');
  }
}
