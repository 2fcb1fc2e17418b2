// Repository routes: the repo, its pulls, issues (PRs mixed in), default-branch commits,
// reviews and contributors, with GitHub's filters, sort orders and edge-case statuses.
import { findCommit, newestFirst, reachable } from '../../scenarios/commit-graph.js';
import type { SimCommit, SimIssue, SimPull } from '../../scenarios/org.js';
import { githubError, HttpError, listOf, notFound } from '../http.js';
import { paginate } from '../pagination.js';
import { commit, issue, pullAsIssue, pullRequestSimple, review } from '../shapes/activity.js';
import { fullRepository } from '../shapes/repo.js';
import { anonymousContributor, contributor } from '../shapes/user.js';
import { byKey, enumParam, findRepo, shapeContext, timeParam, type Route } from './route.js';

const MONTH_MS = 30 * 86_400_000;
const COMMITS_DOCS = 'https://docs.github.com/rest/commits/commits';
const COMPARE_DOCS = `${COMMITS_DOCS}#compare-two-commits`;

const emptyRepository = () =>
  githubError(409, 'Git Repository is empty.', `${COMMITS_DOCS}#list-commits`);

type IssueLike = { kind: 'issue'; item: SimIssue } | { kind: 'pull'; item: SimPull };

export const repoRoutes: Route[] = [
  {
    path: '/repos/:owner/:repo',
    handle: (req, p) => {
      const ref = findRepo(req, p.owner ?? '', p.repo ?? '');
      return { status: 200, body: fullRepository(ref.org, ref.repo, req.urls) };
    },
  },
  {
    path: '/repos/:owner/:repo/pulls',
    handle: (req, p) => {
      const ref = findRepo(req, p.owner ?? '', p.repo ?? '');
      const state = enumParam(req.query, 'state', ['open', 'closed', 'all'] as const, 'open');
      const sort = enumParam(
        req.query,
        'sort',
        ['created', 'updated', 'popularity', 'long-running'] as const,
        'created',
      );
      // GitHub: desc when sorting by created (the default), asc otherwise.
      const direction = enumParam(
        req.query,
        'direction',
        ['asc', 'desc'] as const,
        sort === 'created' ? 'desc' : 'asc',
      );
      const base = req.query.get('base');
      const now = req.clock.now();
      let list = ref.repo.pulls.filter((x) => state === 'all' || x.state === state);
      if (base) list = base === ref.repo.defaultBranch ? list : [];
      if (sort === 'long-running')
        list = list.filter(
          (x) =>
            x.state === 'open' &&
            now - Date.parse(x.createdAt) > MONTH_MS &&
            now - Date.parse(x.updatedAt) < MONTH_MS,
        );
      const key = (x: SimPull): string | number =>
        sort === 'updated' ? x.updatedAt : sort === 'popularity' ? x.comments : x.createdAt;
      list.sort(byKey(key, direction));
      const ctx = shapeContext(req, ref);
      return listOf(list, (x) => pullRequestSimple(ctx, x));
    },
  },
  {
    path: '/repos/:owner/:repo/issues',
    handle: (req, p) => {
      const ref = findRepo(req, p.owner ?? '', p.repo ?? '');
      const state = enumParam(req.query, 'state', ['open', 'closed', 'all'] as const, 'open');
      const sort = enumParam(
        req.query,
        'sort',
        ['created', 'updated', 'comments'] as const,
        'created',
      );
      const direction = enumParam(req.query, 'direction', ['asc', 'desc'] as const, 'desc');
      const since = timeParam(req.query, 'since');
      const creator = req.query.get('creator')?.toLowerCase();
      const labels =
        req.query
          .get('labels')
          ?.split(',')
          .map((l) => l.trim())
          .filter(Boolean) ?? [];
      // The issues endpoint lists pull requests too, as GitHub does; they carry `pull_request`.
      let list: IssueLike[] = [
        ...ref.repo.issues.map((item) => ({ kind: 'issue' as const, item })),
        ...ref.repo.pulls.map((item) => ({ kind: 'pull' as const, item })),
      ];
      list = list.filter(
        ({ item }) =>
          (state === 'all' || item.state === state) &&
          (since === null || item.updatedAt >= since) &&
          (!creator || item.author.toLowerCase() === creator),
      );
      if (labels.length > 0)
        list = list.filter(
          (x) => x.kind === 'issue' && labels.every((l) => x.item.labels.includes(l)),
        );
      const key = ({ item }: IssueLike): string | number =>
        sort === 'updated' ? item.updatedAt : sort === 'comments' ? item.comments : item.createdAt;
      list.sort(byKey(key, direction));
      const ctx = shapeContext(req, ref);
      return listOf(list, (x) =>
        x.kind === 'issue' ? issue(ctx, x.item) : pullAsIssue(ctx, x.item),
      );
    },
  },
  {
    path: '/repos/:owner/:repo/commits',
    handle: (req, p) => {
      const ref = findRepo(req, p.owner ?? '', p.repo ?? '');
      if (ref.repo.head === null) throw new HttpError(emptyRepository());
      // `sha`: a branch or a commit to list from; a commit a force push left behind still works.
      const graph = req.world.graph(ref.repo);
      let history = ref.repo.commits;
      const sha = req.query.get('sha');
      if (sha && sha !== ref.repo.defaultBranch) {
        const start = findCommit(graph, sha);
        if (!start)
          throw new HttpError(
            githubError(404, `No commit found for SHA: ${sha}`, `${COMMITS_DOCS}#list-commits`),
          );
        // The head's history is kept listed; only another start needs a walk of the graph.
        if (start.sha !== ref.repo.head) history = newestFirst(graph, reachable(graph, start.sha));
      }
      // since/until select by committer date, like `git log --since/--until`.
      const since = timeParam(req.query, 'since');
      const until = timeParam(req.query, 'until');
      const author = req.query.get('author')?.toLowerCase();
      const committer = req.query.get('committer')?.toLowerCase();
      const matches = (login: string | null, email: string, wanted: string): boolean =>
        login?.toLowerCase() === wanted || email.toLowerCase() === wanted;
      const list = history.filter(
        (c) =>
          (since === null || c.committerDate >= since) &&
          (until === null || c.committerDate <= until) &&
          (!author || matches(c.authorLogin, c.authorEmail, author)) &&
          (!committer || matches(c.committerLogin, c.committerEmail, committer)),
      );
      const ctx = shapeContext(req, ref);
      return listOf(list, (c) => commit(ctx, c));
    },
  },
  {
    // `git log BASE..HEAD` in chronological order, with how the two relate (ahead, behind,
    // diverged). Paged when `page` or `per_page` is given; otherwise the newest 250 commits.
    path: '/repos/:owner/:repo/compare/:basehead',
    handle: (req, p) => {
      const ref = findRepo(req, p.owner ?? '', p.repo ?? '');
      const ends = /^(.+?)\.\.\.(.+)$/.exec(p.basehead ?? '');
      if (!ends || ref.repo.head === null) throw new HttpError(notFound());
      const graph = req.world.graph(ref.repo);
      const resolve = (name: string) =>
        name === ref.repo.defaultBranch
          ? graph.bySha.get(ref.repo.head as string)
          : findCommit(graph, name);
      const base = resolve(ends[1] as string);
      const head = resolve(ends[2] as string);
      if (!base || !head) throw new HttpError(notFound());
      const fromBase = reachable(graph, base.sha);
      const fromHead = reachable(graph, head.sha);
      const ahead = [...fromHead].filter((sha) => !fromBase.has(sha));
      const behindBy = [...fromBase].filter((sha) => !fromHead.has(sha)).length;
      const common = [...fromHead].filter((sha) => fromBase.has(sha));
      if (common.length === 0)
        throw new HttpError(
          githubError(404, `No common ancestor between ${ends[1]} and ${ends[2]}.`, COMPARE_DOCS),
        );
      const position = (sha: string): number => graph.position.get(sha) ?? 0;
      const mergeBase = common.reduce((a, b) => (position(b) > position(a) ? b : a));
      const chronological = newestFirst(graph, ahead).reverse();
      const paged = req.query.has('page') || req.query.has('per_page');
      const page = paged
        ? paginate(chronological, req.urls.api, req.path, req.query)
        : { items: chronological.slice(-250), link: null };
      const ctx = shapeContext(req, ref);
      const full = `${ref.org.login}/${ref.repo.name}`;
      const short = (sha: string): string => `${ref.org.login}:${sha.slice(0, 7)}`;
      const status =
        ahead.length === 0 && behindBy === 0
          ? 'identical'
          : behindBy === 0
            ? 'ahead'
            : ahead.length === 0
              ? 'behind'
              : 'diverged';
      const headers: Record<string, string> = page.link ? { link: page.link } : {};
      return {
        status: 200,
        headers,
        body: {
          url: `${req.urls.api}/repos/${full}/compare/${p.basehead}`,
          html_url: `${req.urls.web}/${full}/compare/${p.basehead}`,
          permalink_url: `${req.urls.web}/${full}/compare/${short(base.sha)}...${short(head.sha)}`,
          diff_url: `${req.urls.web}/${full}/compare/${p.basehead}.diff`,
          patch_url: `${req.urls.web}/${full}/compare/${p.basehead}.patch`,
          base_commit: commit(ctx, base),
          merge_base_commit: commit(ctx, graph.bySha.get(mergeBase) as SimCommit),
          status,
          ahead_by: ahead.length,
          behind_by: behindBy,
          total_commits: ahead.length,
          commits: page.items.map((c) => commit(ctx, c)),
        },
      };
    },
  },
  {
    path: '/repos/:owner/:repo/pulls/:number/reviews',
    handle: (req, p) => {
      const ref = findRepo(req, p.owner ?? '', p.repo ?? '');
      const pull = ref.repo.pulls.find((x) => String(x.number) === p.number);
      if (!pull) throw new HttpError(notFound());
      const list = ref.repo.reviews
        .filter((r) => r.pullNumber === pull.number)
        .sort(byKey((r) => r.submittedAt, 'asc'));
      const ctx = shapeContext(req, ref);
      return listOf(list, (r) => review(ctx, r, pull));
    },
  },
  {
    path: '/repos/:owner/:repo/contributors',
    handle: (req, p) => {
      const ref = findRepo(req, p.owner ?? '', p.repo ?? '');
      // GitHub answers 204 with no body for an empty repository.
      if (ref.repo.head === null) return { status: 204 };
      const anon = req.query.get('anon') === '1' || req.query.get('anon') === 'true';
      const linked = new Map<string, number>();
      const anonymous = new Map<string, { name: string; email: string; n: number }>();
      for (const c of ref.repo.commits) {
        if (c.authorLogin !== null) linked.set(c.authorLogin, (linked.get(c.authorLogin) ?? 0) + 1);
        else {
          const a = anonymous.get(c.authorEmail) ?? {
            name: c.authorName,
            email: c.authorEmail,
            n: 0,
          };
          a.n++;
          anonymous.set(c.authorEmail, a);
        }
      }
      type Row =
        { login: string; n: number } | { anon: { name: string; email: string }; n: number };
      const rows: Row[] = [...linked].map(([login, n]) => ({ login, n }));
      if (anon) for (const a of anonymous.values()) rows.push({ anon: a, n: a.n });
      rows.sort(byKey((r) => r.n, 'desc'));
      return listOf(rows, (r) =>
        'login' in r
          ? contributor(req.world.user(r.login) ?? req.world.ensureUser(r.login), req.urls, r.n)
          : anonymousContributor(r.anon.name, r.anon.email, r.n),
      );
    },
  },
];
