// The simulator's world: the scenario orgs (mutated in place, so `orgTruth(org)` stays the
// truth after a test adds activity), users by login, and issued tokens.
import { createHash } from 'node:crypto';
import {
  isoSeconds,
  isBotLogin,
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

export class SimWorld {
  private readonly usersByLogin = new Map<string, SimUser>();
  private readonly orgsByLogin = new Map<string, SimOrg>();
  private readonly reposByName = new Map<string, RepoRef>();
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
      for (const repo of org.repos)
        this.reposByName.set(`${org.login}/${repo.name}`.toLowerCase(), { org, repo });
    }
  }

  org(login: string): SimOrg | undefined {
    return this.orgsByLogin.get(login.toLowerCase());
  }

  repo(owner: string, name: string): RepoRef | undefined {
    return this.reposByName.get(`${owner}/${name}`.toLowerCase());
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
    return ref.repo.commits.some((c) => c.authorLogin === login) ? 'CONTRIBUTOR' : 'NONE';
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

  private push(repo: SimRepo, at: string): void {
    // A push moves pushed_at and updated_at, as on GitHub; issues and reviews move neither.
    if (at > repo.pushedAt) repo.pushedAt = at;
    if (at > repo.updatedAt) repo.updatedAt = at;
  }

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
    const committerDate = this.nowIso(input.committerDate);
    const authorDate =
      input.authorDate === undefined ? committerDate : this.nowIso(input.authorDate);
    const user = input.author === null ? null : this.ensureUser(input.author);
    const name = user?.name ?? user?.login ?? input.authorName ?? 'Unlinked Author';
    const email = user
      ? `${user.id}+${user.login}@users.noreply.github.com`
      : 'unlinked@laptop.local';
    const commit: SimCommit = {
      sha: this.sha(),
      authorLogin: user?.login ?? null,
      authorName: name,
      authorEmail: email,
      authorDate,
      committerLogin: user?.login ?? null,
      committerName: name,
      committerEmail: email,
      committerDate,
      message: input.message ?? 'Commit added by the simulator control',
    };
    const commits = ref.repo.commits;
    const at = commits.findIndex((c) => c.committerDate <= committerDate);
    commits.splice(at === -1 ? commits.length : at, 0, commit);
    ref.repo.empty = false;
    this.push(ref.repo, committerDate);
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
    this.push(ref.repo, createdAt);
    if (input.state === 'merged' || input.state === 'closed')
      this.closePull(ref, pull.number, {
        merged: input.state === 'merged',
        at: input.closedAt ?? createdAt,
      });
    return pull;
  }

  closePull(ref: RepoRef, number: number, input: { merged: boolean; at?: string }): SimPull {
    const pull = ref.repo.pulls.find((p) => p.number === number);
    if (!pull) throw new Error(`${ref.org.login}/${ref.repo.name} has no pull request #${number}`);
    if (pull.state === 'closed') throw new Error(`pull request #${number} is already closed`);
    const at = this.nowIso(input.at);
    pull.state = 'closed';
    pull.closedAt = at;
    pull.updatedAt = at;
    if (input.merged) {
      pull.mergedAt = at;
      // Squash merge: one commit by the PR author, committed by GitHub's web-flow.
      const commit = this.addCommit(ref, {
        author: pull.author,
        authorDate: at,
        committerDate: at,
        message: `${pull.title} (#${pull.number})`,
      });
      commit.committerLogin = this.user('web-flow') ? 'web-flow' : commit.committerLogin;
    }
    return pull;
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
