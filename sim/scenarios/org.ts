// A seeded GitHub organisation (repos, people, PRs, issues, commits, reviews, teams) for the
// GitHub simulator, plus `orgTruth`: the daily counts a correct crawler must arrive at.
//
// Time rules the crawler must match (GitHub's own semantics):
// - prs_opened: PR `created_at`; prs_merged: PR `merged_at`; issues: issue (not PR) `created_at`.
// - commits: commits on the default branch, counted for `author.login` (commits whose author
//   email is not linked to an account have `author: null` and are not counted) on the day of
//   `commit.author.date`, NOT the committer date. Rebased/squashed commits differ: the committer
//   date is the merge time, the author date is when the work was written. Note that the commits
//   API's `since`/`until` filter by committer date, so an incremental crawl must use `since` on
//   the committer side and still bucket by author date.
// - reviews: `submitted_at` of submitted reviews, for the reviewer.
// - pushed_at moves on pushes only (commits, PR branches); a new issue or review does not move
//   it, as on GitHub. A crawler that skips repos by pushed_at alone will miss them.
// - day = UTC calendar day YYYY-MM-DD. Everything is generated relative to `now`.
import type { TruthDailyCount as DailyCount, TruthMetric as Metric } from './truth-types.js';
import { createRandom, type Random } from './random.js';

export type OrgPreset = 'demo' | 'large' | 'tiny';

export interface SimUser {
  id: number;
  login: string;
  type: 'User' | 'Bot';
  name: string | null;
  /** Relative activity weight: long-tailed, a few people do most of the work. */
  activity: number;
  createdAt: string;
}

export interface SimPull {
  id: number;
  number: number;
  author: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  headSha: string;
  comments: number;
}

export interface SimIssue {
  id: number;
  number: number;
  author: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | null;
  comments: number;
  labels: string[];
}

export interface SimCommit {
  sha: string;
  /** Linked GitHub login, or null when the author email matches no account. */
  authorLogin: string | null;
  authorName: string;
  authorEmail: string;
  authorDate: string;
  committerLogin: string | null;
  committerName: string;
  committerEmail: string;
  committerDate: string;
  message: string;
}

export interface SimReview {
  id: number;
  pullNumber: number;
  reviewer: string;
  submittedAt: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED';
  body: string;
}

export interface SimRepo {
  id: number;
  name: string;
  description: string | null;
  defaultBranch: string;
  archived: boolean;
  fork: boolean;
  private: false;
  language: string | null;
  topics: string[];
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  stars: number;
  forks: number;
  /** No commits at all: GitHub answers 409 "Git Repository is empty." on its commits. */
  empty: boolean;
  /** Access blocked by a DMCA takedown: GitHub answers 451 for the repo and everything under it. */
  blocked: boolean;
  pulls: SimPull[];
  issues: SimIssue[];
  /** Default-branch history, newest committer date first (the order GitHub lists them). */
  commits: SimCommit[];
  reviews: SimReview[];
  /** Next issue/PR number: issues and PRs share one sequence per repo. */
  nextNumber: number;
}

export interface SimTeam {
  id: number;
  slug: string;
  name: string;
  description: string;
  members: string[];
}

export interface SimOrg {
  id: number;
  login: string;
  name: string;
  description: string;
  blog: string;
  location: string;
  email: string | null;
  createdAt: string;
  updatedAt: string;
  followers: number;
  repos: SimRepo[];
  /** Everyone who appears anywhere: contributors, members, bots. */
  users: SimUser[];
  /** Logins of public org members. */
  members: string[];
  teams: SimTeam[];
  /** Epoch ms the scenario was generated against. */
  now: number;
}

export interface GenerateOrgOptions {
  seed: number;
  preset: OrgPreset;
  /** Epoch ms; defaults to Date.now(). Rounded down to a whole second. */
  now?: number;
  /** Org login; defaults per preset. */
  login?: string;
}

interface PresetShape {
  login: string;
  name: string;
  activeRepos: number;
  users: number;
  prs: number;
  issues: number;
  directCommits: number;
}

const PRESETS: Record<OrgPreset, PresetShape> = {
  tiny: {
    login: 'tiny-org',
    name: 'Tiny Org',
    activeRepos: 2,
    users: 6,
    prs: 24,
    issues: 12,
    directCommits: 16,
  },
  demo: {
    login: 'acme-oss',
    name: 'Acme Open Source',
    activeRepos: 6,
    users: 30,
    prs: 420,
    issues: 220,
    directCommits: 500,
  },
  large: {
    login: 'megacorp',
    name: 'MegaCorp Open Source',
    activeRepos: 196,
    users: 2000,
    prs: 50_000,
    issues: 32_000,
    directCommits: 40_000,
  },
};

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

/** GitHub's timestamp format: second precision, `Z`. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function utcDay(iso: string): string {
  return iso.slice(0, 10);
}

export function isBotLogin(login: string): boolean {
  return login.endsWith('[bot]');
}

// Real bot accounts with their real ids, so anything keyed on them looks familiar.
const BOTS: readonly { login: string; id: number; share: number }[] = [
  { login: 'dependabot[bot]', id: 49699333, share: 0.05 },
  { login: 'renovate[bot]', id: 29139614, share: 0.02 },
  { login: 'github-actions[bot]', id: 41898282, share: 0.01 },
];

const FIRST = [
  'alice',
  'bruno',
  'chen',
  'dana',
  'emeka',
  'fatima',
  'gustav',
  'hana',
  'ivan',
  'jules',
  'kofi',
  'lena',
  'mateo',
  'nadia',
  'oskar',
  'priya',
  'quinn',
  'rosa',
  'sven',
  'tomas',
  'uma',
  'vikram',
  'wen',
  'ximena',
  'yusuf',
  'zoe',
  'ada',
  'björn',
  'carla',
  'dmitri',
  'elif',
  'farid',
  'greta',
  'hiro',
  'ines',
  'jonas',
  'kira',
  'luca',
  'mira',
  'nico',
  'olga',
  'pablo',
  'rania',
  'sami',
  'tara',
  'ugo',
  'vera',
  'wanda',
  'yara',
  'zeno',
];
const LAST = [
  'smith',
  'garcia',
  'muller',
  'rossi',
  'nguyen',
  'kowalski',
  'okafor',
  'tanaka',
  'silva',
  'ivanova',
  'haddad',
  'larsen',
  'dubois',
  'novak',
  'kim',
  'patel',
  'jensen',
  'moreau',
  'costa',
  'weber',
  'fischer',
  'sato',
  'ali',
  'bauer',
  'khan',
  'lopez',
  'meyer',
  'olsen',
  'petrov',
  'reyes',
];
const REPO_WORDS = [
  'core',
  'cli',
  'docs',
  'website',
  'sdk',
  'api',
  'server',
  'ui',
  'plugins',
  'infra',
  'helm-charts',
  'action',
  'lint-rules',
  'benchmarks',
  'examples',
  'design-system',
  'parser',
  'runtime',
  'vscode-extension',
  'mobile',
];
const LANGUAGES = ['TypeScript', 'Go', 'Rust', 'Python', 'JavaScript', 'Kotlin', null] as const;
const PR_VERBS = ['Fix', 'Add', 'Refactor', 'Update', 'Remove', 'Document', 'Speed up', 'Test'];
const PR_THINGS = [
  'pagination',
  'config loader',
  'CLI flags',
  'error messages',
  'release script',
  'README',
  'cache layer',
  'auth flow',
  'CI matrix',
  'type definitions',
  'logging',
  'retry logic',
];
const LABELS = ['bug', 'enhancement', 'documentation', 'good first issue', 'question'];

/** ASCII login from display parts, GitHub's rules: alphanumerics and single hyphens. */
function toLogin(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[^A-Za-z0-9-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 39);
}

function makeLogin(rnd: Random, taken: Set<string>): { login: string; name: string } {
  for (;;) {
    const first = rnd.pick(FIRST);
    const last = rnd.pick(LAST);
    const name = `${first[0]?.toUpperCase()}${first.slice(1)} ${last[0]?.toUpperCase()}${last.slice(1)}`;
    const patterns = [
      `${first}${last}`,
      `${first}-${last}`,
      `${first[0]}${last}`,
      `${first}${rnd.int(1, 99)}`,
      `${last}${first[0]}`,
      `${first}-dev`,
      `${first}${last[0]}`,
    ];
    let login = toLogin(rnd.pick(patterns));
    if (taken.has(login)) login = toLogin(`${login}${rnd.int(2, 999)}`);
    if (!taken.has(login) && login.length > 1) {
      taken.add(login);
      return { login, name };
    }
  }
}

/** Weighted sampler over a fixed population: O(log n) per draw, so `large` stays fast. */
function weightedPicker<T>(rnd: Random, items: readonly T[], weight: (item: T) => number): () => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) {
    total += weight(item);
    cumulative.push(total);
  }
  return () => {
    const target = rnd.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  };
}

function sha(rnd: Random): string {
  let s = '';
  for (let i = 0; i < 5; i++)
    s += Math.floor(rnd.next() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return s;
}

/** A time in [from, to], lighter on weekends as real contribution graphs are. */
function timeBetween(rnd: Random, from: number, to: number): number {
  for (let attempt = 0; attempt < 3; attempt++) {
    const t = from + rnd.next() * Math.max(0, to - from);
    const weekday = new Date(t).getUTCDay();
    if ((weekday !== 0 && weekday !== 6) || rnd.chance(0.35)) return Math.floor(t / 1000) * 1000;
  }
  return Math.floor((from + rnd.next() * Math.max(0, to - from)) / 1000) * 1000;
}

/** `from + delay`, or, when that would pass `limit`, a random moment in between (no pile-up at `limit`). */
function after(rnd: Random, from: number, delay: number, limit: number): number {
  const t = from + delay;
  if (t <= limit) return t;
  return Math.floor((from + rnd.next() * Math.max(0, limit - from)) / 1000) * 1000;
}

/** Delay in ms with a long tail: most things take hours, some take weeks. */
function tailDelay(rnd: Random, scaleHours: number): number {
  return rnd.longTail(scaleHours, 1.1) * 3_600_000 + rnd.int(0, 3_599) * 1000;
}

function makeUsers(rnd: Random, count: number, now: number): SimUser[] {
  const taken = new Set<string>();
  const users: SimUser[] = [];
  for (let i = 0; i < count; i++) {
    const { login, name } = makeLogin(rnd, taken);
    users.push({
      id: 1_000_000 + i * 7 + rnd.int(0, 6),
      login,
      type: 'User',
      name: rnd.chance(0.8) ? name : null,
      activity: rnd.longTail(1, 1.2),
      createdAt: isoSeconds(now - rnd.int(400, 4000) * DAY_MS),
    });
  }
  // GitHub's merge committer: appears as `committer` on merge commits, contributes nothing.
  users.push({
    id: 19864447,
    login: 'web-flow',
    type: 'User',
    name: 'GitHub Web Flow',
    activity: 0,
    createdAt: isoSeconds(now - 3500 * DAY_MS),
  });
  for (const bot of BOTS)
    users.push({
      id: bot.id,
      login: bot.login,
      type: 'Bot',
      name: null,
      activity: 0,
      createdAt: isoSeconds(now - 3000 * DAY_MS),
    });
  return users;
}

function emptyRepo(
  id: number,
  name: string,
  createdAt: string,
  partial: Partial<SimRepo>,
): SimRepo {
  return {
    id,
    name,
    description: null,
    defaultBranch: 'main',
    archived: false,
    fork: false,
    private: false,
    language: null,
    topics: [],
    createdAt,
    updatedAt: createdAt,
    pushedAt: createdAt,
    stars: 0,
    forks: 0,
    empty: false,
    blocked: false,
    pulls: [],
    issues: [],
    commits: [],
    reviews: [],
    nextNumber: 1,
    ...partial,
  };
}

interface RepoPlan {
  repo: SimRepo;
  weight: number;
  /** Window in which this repo's activity happens. */
  from: number;
  to: number;
}

function planRepos(rnd: Random, shape: PresetShape, now: number): RepoPlan[] {
  const plans: RepoPlan[] = [];
  const usedNames = new Set<string>();
  let id = 100_000_000 + rnd.int(0, 999_999);
  const nextName = (): string => {
    for (let i = 0; ; i++) {
      const base =
        i < REPO_WORDS.length * 2
          ? rnd.pick(REPO_WORDS)
          : `${rnd.pick(REPO_WORDS)}-${rnd.pick(REPO_WORDS)}`;
      const name = usedNames.has(base) ? `${base}-${rnd.int(2, 9999)}` : base;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const yearAgo = now - YEAR_MS;
  for (let i = 0; i < shape.activeRepos; i++) {
    const created = isoSeconds(now - rnd.int(400, 3000) * DAY_MS);
    const name = i === 0 ? (shape.login.split('-')[0] ?? 'core') : nextName();
    usedNames.add(name);
    const repo = emptyRepo(id++, name, created, {
      description: `The ${name} of ${shape.name}`,
      language: rnd.pick(LANGUAGES),
      topics: rnd.chance(0.6)
        ? [rnd.pick(['open-source', 'developer-tools', 'cli', 'web', 'devops'])]
        : [],
      stars: rnd.longTail(40, 0.9),
      forks: rnd.longTail(6, 1),
      defaultBranch: rnd.chance(0.85) ? 'main' : 'master',
    });
    plans.push({ repo, weight: i === 0 ? 20 : rnd.longTail(1, 1), from: yearAgo, to: now });
  }
  // Edge cases every preset carries, so crawlers meet them in every test.
  const archivedAt = now - rnd.int(150, 250) * DAY_MS;
  plans.push({
    repo: emptyRepo(id++, 'legacy-site', isoSeconds(now - 2500 * DAY_MS), {
      description: 'The old website (archived)',
      archived: true,
      language: 'JavaScript',
      stars: rnd.longTail(10, 1),
    }),
    weight: 1,
    from: yearAgo,
    to: archivedAt,
  });
  plans.push({
    repo: emptyRepo(id++, 'upstream-fork', isoSeconds(now - 900 * DAY_MS), {
      description: 'Our patched fork of an upstream library',
      fork: true,
      language: 'Go',
    }),
    weight: 0.5,
    from: yearAgo,
    to: now,
  });
  plans.push({
    repo: emptyRepo(id++, 'new-project', isoSeconds(now - rnd.int(1, 20) * DAY_MS), {
      description: 'Created, nothing pushed yet',
      empty: true,
    }),
    weight: 0,
    from: now,
    to: now,
  });
  plans.push({
    repo: emptyRepo(id++, 'takedown', isoSeconds(now - 700 * DAY_MS), {
      description: 'Blocked by a DMCA notice',
      blocked: true,
    }),
    weight: 0,
    from: now,
    to: now,
  });
  return plans;
}

interface Item {
  kind: 'pull' | 'issue';
  createdMs: number;
  value: SimPull | SimIssue;
}

export function generateOrg(options: GenerateOrgOptions): SimOrg {
  const shape = PRESETS[options.preset];
  if (!shape)
    throw new Error(`unknown org preset "${String(options.preset)}": use demo, large or tiny`);
  const now = Math.floor((options.now ?? Date.now()) / 1000) * 1000;
  const rnd = createRandom(options.seed);
  const login = options.login ?? shape.login;
  const users = makeUsers(rnd, shape.users, now);
  const humans = users.filter((u) => u.type === 'User' && u.activity > 0);
  const byActivity = [...humans].sort((a, b) => b.activity - a.activity);
  // Maintainers: the most active twelfth (at least two); they review and push directly.
  const maintainers = byActivity.slice(0, Math.max(2, Math.ceil(humans.length / 12)));
  const members = new Set<string>(
    byActivity.slice(0, Math.max(3, Math.ceil(humans.length * 0.3))).map((u) => u.login),
  );
  for (const u of humans) if (rnd.chance(0.05)) members.add(u.login);

  const pickHuman = weightedPicker(rnd, humans, (u) => u.activity);
  const pickMaintainer = weightedPicker(rnd, maintainers, (u) => u.activity);
  const plans = planRepos(rnd, shape, now);
  const pickPlan = weightedPicker(rnd, plans, (p) => p.weight);
  const pickBot = weightedPicker(rnd, BOTS, (b) => b.share);
  const botShare = BOTS.reduce((s, b) => s + b.share, 0);

  let globalId = 500_000_000;
  const itemsByRepo = new Map<SimRepo, Item[]>();
  // A commit remembers its PR so its message can cite the PR number once numbers are assigned.
  const commitsByRepo = new Map<SimRepo, { commit: SimCommit; pull?: SimPull }[]>();
  const reviewsByRepo = new Map<
    SimRepo,
    { pull: SimPull; review: Omit<SimReview, 'pullNumber'> }[]
  >();
  for (const p of plans) {
    itemsByRepo.set(p.repo, []);
    commitsByRepo.set(p.repo, []);
    reviewsByRepo.set(p.repo, []);
  }
  const userByLogin = new Map(users.map((u) => [u.login, u]));
  const email = (l: string): string =>
    `${userByLogin.get(l)?.id ?? 0}+${l}@users.noreply.github.com`;
  const displayName = (l: string): string => userByLogin.get(l)?.name ?? l;

  for (let i = 0; i < shape.prs; i++) {
    const plan = pickPlan();
    const repo = plan.repo;
    const author = rnd.chance(botShare) ? pickBot().login : pickHuman().login;
    const created = timeBetween(rnd, plan.from, plan.to);
    const roll = rnd.next();
    const outcome = roll < 0.68 ? 'merged' : roll < 0.85 ? 'closed' : 'open';
    const endMs =
      outcome === 'open' ? null : after(rnd, created, tailDelay(rnd, 10), Math.min(plan.to, now));
    const mergedMs = outcome === 'merged' ? endMs : null;
    let updated = endMs ?? created;
    if (rnd.chance(0.3)) updated = after(rnd, updated, tailDelay(rnd, 24), now);
    const pull: SimPull = {
      id: globalId++,
      number: 0,
      author,
      title: `${rnd.pick(PR_VERBS)} ${rnd.pick(PR_THINGS)}`,
      createdAt: isoSeconds(created),
      updatedAt: isoSeconds(updated),
      closedAt: endMs === null ? null : isoSeconds(endMs),
      mergedAt: mergedMs === null ? null : isoSeconds(mergedMs),
      state: outcome === 'open' ? 'open' : 'closed',
      draft: outcome === 'open' && rnd.chance(0.15),
      headSha: sha(rnd),
      comments: rnd.longTail(1, 1.2) - 1,
    };
    itemsByRepo.get(repo)?.push({ kind: 'pull', createdMs: created, value: pull });

    // Reviews happen between opening and closing, by maintainers other than the author.
    const reviewCount = author.endsWith('[bot]')
      ? rnd.int(0, 1)
      : outcome === 'merged'
        ? rnd.int(1, 3)
        : rnd.int(0, 2);
    for (let r = 0; r < reviewCount; r++) {
      const reviewer = pickMaintainer().login;
      if (reviewer === author) continue;
      const at = after(rnd, created, tailDelay(rnd, 6), endMs ?? now);
      const last = r === reviewCount - 1 && outcome === 'merged';
      const state = last
        ? 'APPROVED'
        : rnd.pick(['COMMENTED', 'CHANGES_REQUESTED', 'APPROVED'] as const);
      reviewsByRepo.get(repo)?.push({
        pull,
        review: {
          id: globalId++,
          reviewer,
          submittedAt: isoSeconds(at),
          state,
          body: state === 'APPROVED' ? 'LGTM' : 'A few comments inline.',
        },
      });
    }

    if (mergedMs !== null) {
      const committerLogin = 'web-flow';
      if (rnd.chance(0.6)) {
        // Squash merge: one commit, authored and committed at merge time.
        commitsByRepo.get(repo)?.push({
          pull,
          commit: {
            sha: sha(rnd),
            authorLogin: author,
            authorName: displayName(author),
            authorEmail: email(author),
            authorDate: isoSeconds(mergedMs),
            committerLogin,
            committerName: 'GitHub',
            committerEmail: 'noreply@github.com',
            committerDate: isoSeconds(mergedMs),
            message: pull.title,
          },
        });
      } else {
        // Rebase merge: the work's author dates, all committed at merge time.
        const n = rnd.int(1, 3);
        for (let c = 0; c < n; c++) {
          const authored = timeBetween(rnd, created - 2 * DAY_MS, created);
          commitsByRepo.get(repo)?.push({
            commit: {
              sha: sha(rnd),
              authorLogin: author,
              authorName: displayName(author),
              authorEmail: email(author),
              authorDate: isoSeconds(Math.max(plan.from - DAY_MS, authored)),
              committerLogin,
              committerName: 'GitHub',
              committerEmail: 'noreply@github.com',
              committerDate: isoSeconds(mergedMs),
              message: `${pull.title}: part ${c + 1}`,
            },
          });
        }
      }
    }
  }

  for (let i = 0; i < shape.issues; i++) {
    const plan = pickPlan();
    const created = timeBetween(rnd, plan.from, plan.to);
    const closed = rnd.chance(0.6)
      ? after(rnd, created, tailDelay(rnd, 48), Math.min(now, plan.to))
      : null;
    const updated = after(rnd, closed ?? created, rnd.chance(0.4) ? tailDelay(rnd, 24) : 0, now);
    const issue: SimIssue = {
      id: globalId++,
      number: 0,
      author: pickHuman().login,
      title: `${rnd.pick(PR_THINGS)} ${rnd.pick(['is broken on Windows', 'should support proxies', 'docs are unclear', 'crashes on empty input', 'feature request'])}`,
      createdAt: isoSeconds(created),
      updatedAt: isoSeconds(Math.max(updated, closed ?? created)),
      closedAt: closed === null ? null : isoSeconds(closed),
      state: closed === null ? 'open' : 'closed',
      stateReason: closed === null ? null : rnd.chance(0.8) ? 'completed' : 'not_planned',
      comments: rnd.longTail(1, 1.1) - 1,
      labels: rnd.chance(0.7) ? [rnd.pick(LABELS)] : [],
    };
    itemsByRepo.get(plan.repo)?.push({ kind: 'issue', createdMs: created, value: issue });
  }

  for (let i = 0; i < shape.directCommits; i++) {
    const plan = pickPlan();
    const committed = timeBetween(rnd, plan.from, plan.to);
    // Some direct pushes are cherry-picks or amended later: author date before committer date.
    const authored = rnd.chance(0.2) ? committed - tailDelay(rnd, 12) : committed;
    const linked = rnd.chance(0.88);
    const person = rnd.chance(0.7) ? pickMaintainer().login : pickHuman().login;
    const authorLogin = linked ? person : null;
    const authorName = linked
      ? displayName(person)
      : rnd.pick(['Local Dev', 'root', 'build-server', displayName(person)]);
    const authorEmail = linked
      ? email(person)
      : `${toLogin(authorName).toLowerCase() || 'dev'}@laptop.local`;
    commitsByRepo.get(plan.repo)?.push({
      commit: {
        sha: sha(rnd),
        authorLogin,
        authorName,
        authorEmail,
        authorDate: isoSeconds(authored),
        committerLogin: authorLogin,
        committerName: authorName,
        committerEmail: authorEmail,
        committerDate: isoSeconds(committed),
        message: `${rnd.pick(PR_VERBS)} ${rnd.pick(PR_THINGS)}`,
      },
    });
  }

  for (const plan of plans)
    finishRepo(
      plan,
      itemsByRepo.get(plan.repo) ?? [],
      commitsByRepo.get(plan.repo) ?? [],
      reviewsByRepo.get(plan.repo) ?? [],
      rnd,
    );

  const memberList = [...members].sort();
  const teamNames =
    options.preset === 'tiny'
      ? ['Maintainers', 'Docs']
      : ['Maintainers', 'Core', 'Docs', 'Triage', 'Infrastructure'];
  const teams: SimTeam[] = teamNames.map((name, i) => ({
    id: 7_000_000 + i,
    slug: name.toLowerCase(),
    name,
    description: `${name} of ${shape.name}`,
    members:
      i === 0 ? maintainers.map((m) => m.login).sort() : memberList.filter(() => rnd.chance(0.35)),
  }));

  return {
    id: 9_000_000 + rnd.int(0, 999_999),
    login,
    name: shape.name,
    description: `${shape.name}: tools for developers, built in the open.`,
    blog: `https://${login}.example.org`,
    location: 'The Internet',
    email: null,
    createdAt: isoSeconds(now - 3200 * DAY_MS),
    updatedAt: isoSeconds(now - 30 * DAY_MS),
    followers: rnd.longTail(50, 1),
    repos: plans.map((p) => p.repo),
    users,
    members: memberList,
    teams,
    now,
  };
}

/** Numbers items in creation order (issues and PRs share the sequence) and sets push times. */
function finishRepo(
  plan: RepoPlan,
  items: Item[],
  pending: { commit: SimCommit; pull?: SimPull }[],
  reviews: { pull: SimPull; review: Omit<SimReview, 'pullNumber'> }[],
  rnd: Random,
): void {
  const repo = plan.repo;
  items.sort((a, b) => a.createdMs - b.createdMs);
  let number = 1;
  for (const item of items) {
    item.value.number = number++;
    if (item.kind === 'pull') repo.pulls.push(item.value as SimPull);
    else repo.issues.push(item.value as SimIssue);
  }
  repo.nextNumber = number;
  for (const { commit, pull } of pending)
    if (pull) commit.message = `${pull.title} (#${pull.number})`;
  const commits = pending.map((p) => p.commit);
  commits.sort((a, b) =>
    a.committerDate < b.committerDate ? 1 : a.committerDate > b.committerDate ? -1 : 0,
  );
  repo.commits = commits;
  repo.reviews = reviews
    .map(({ pull, review }) => ({ ...review, pullNumber: pull.number }))
    .sort((a, b) => a.id - b.id);
  if (commits.length === 0 && !repo.empty && !repo.blocked) {
    // Every non-empty repo has at least its initial commit.
    const at = repo.createdAt;
    commits.push({
      sha: sha(rnd),
      authorLogin: null,
      authorName: 'Initial Import',
      authorEmail: 'import@example.org',
      authorDate: at,
      committerLogin: null,
      committerName: 'Initial Import',
      committerEmail: 'import@example.org',
      committerDate: at,
      message: 'Initial commit',
    });
  }
  const lastPush = commits[0]?.committerDate ?? repo.createdAt;
  const lastPullPush = repo.pulls.reduce(
    (max, p) => (p.createdAt > max ? p.createdAt : max),
    lastPush,
  );
  repo.pushedAt = lastPullPush;
  repo.updatedAt = lastPullPush > repo.updatedAt ? lastPullPush : repo.updatedAt;
}

export interface OrgTruthOptions {
  /** Events after this instant (epoch ms) are not counted; defaults to no cut-off. */
  now?: number;
  /** Only events at or after this instant (epoch ms) count; defaults to all. */
  since?: number;
  includeArchived?: boolean;
  includeForks?: boolean;
  includeBots?: boolean;
}

/** The daily counts a correct crawl of `org` must produce, sorted by repo, metric, login, day. */
export function orgTruth(org: SimOrg, options: OrgTruthOptions = {}): DailyCount[] {
  const { includeArchived = false, includeForks = false, includeBots = false } = options;
  const until = options.now === undefined ? null : isoSeconds(options.now);
  const from = options.since === undefined ? null : isoSeconds(options.since);
  const botLogins = new Set(org.users.filter((u) => u.type === 'Bot').map((u) => u.login));
  const counts = new Map<string, DailyCount>();
  const add = (login: string | null, repo: string, metric: Metric, at: string | null): void => {
    if (login === null || at === null) return;
    if (!includeBots && (botLogins.has(login) || isBotLogin(login))) return;
    if (until !== null && at > until) return;
    if (from !== null && at < from) return;
    const day = utcDay(at);
    const key = `${repo}\u0000${metric}\u0000${login}\u0000${day}`;
    const existing = counts.get(key);
    if (existing) existing.count++;
    else counts.set(key, { login, repo, metric, day, count: 1 });
  };
  for (const repo of org.repos) {
    // A DMCA-blocked repo cannot be read, so nothing in it can be counted.
    if (repo.blocked) continue;
    if (repo.archived && !includeArchived) continue;
    if (repo.fork && !includeForks) continue;
    const full = `${org.login}/${repo.name}`;
    for (const p of repo.pulls) {
      add(p.author, full, 'prs_opened', p.createdAt);
      add(p.author, full, 'prs_merged', p.mergedAt);
    }
    for (const i of repo.issues) add(i.author, full, 'issues', i.createdAt);
    for (const c of repo.commits) add(c.authorLogin, full, 'commits', c.authorDate);
    for (const r of repo.reviews) add(r.reviewer, full, 'reviews', r.submittedAt);
  }
  return [...counts.values()].sort(
    (a, b) =>
      a.repo.localeCompare(b.repo) ||
      a.metric.localeCompare(b.metric) ||
      a.login.localeCompare(b.login) ||
      a.day.localeCompare(b.day),
  );
}

/** Human logins that contributed anything, most active first: for linking scenarios (the guild). */
export function contributorLogins(org: SimOrg): string[] {
  return org.users
    .filter((u) => u.type === 'User' && u.activity > 0)
    .sort((a, b) => b.activity - a.activity)
    .map((u) => u.login);
}
