// Repository routes: the repo, its pulls, issues (PRs mixed in), default-branch commits,
// reviews and contributors, with GitHub's filters, sort orders and edge-case statuses.
import type { SimCommit, SimIssue, SimPull } from '../../scenarios/org.js';
import { githubError, HttpError, listOf, notFound } from '../http.js';
import { commit, issue, pullAsIssue, pullRequestSimple, review } from '../shapes/activity.js';
import { fullRepository } from '../shapes/repo.js';
import { anonymousContributor, contributor } from '../shapes/user.js';
import { byKey, enumParam, findRepo, shapeContext, timeParam, type Route } from './route.js';

const MONTH_MS = 30 * 86_400_000;

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
      if (ref.repo.commits.length === 0)
        throw new HttpError(
          githubError(
            409,
            'Git Repository is empty.',
            'https://docs.github.com/rest/commits/commits#list-commits',
          ),
        );
      let start = 0;
      const sha = req.query.get('sha');
      if (sha && sha !== ref.repo.defaultBranch) {
        start = ref.repo.commits.findIndex(
          (c) => c.sha.startsWith(sha.toLowerCase()) && sha.length >= 7,
        );
        if (start === -1)
          throw new HttpError(
            githubError(
              404,
              `No commit found for SHA: ${sha}`,
              'https://docs.github.com/rest/commits/commits#list-commits',
            ),
          );
      }
      // since/until select by committer date, like `git log --since/--until`.
      const since = timeParam(req.query, 'since');
      const until = timeParam(req.query, 'until');
      const author = req.query.get('author')?.toLowerCase();
      const committer = req.query.get('committer')?.toLowerCase();
      const matches = (login: string | null, email: string, wanted: string): boolean =>
        login?.toLowerCase() === wanted || email.toLowerCase() === wanted;
      const history = ref.repo.commits;
      const list: { c: SimCommit; parent: string | null }[] = [];
      for (let i = start; i < history.length; i++) {
        const c = history[i] as SimCommit;
        if (since !== null && c.committerDate < since) continue;
        if (until !== null && c.committerDate > until) continue;
        if (author && !matches(c.authorLogin, c.authorEmail, author)) continue;
        if (committer && !matches(c.committerLogin, c.committerEmail, committer)) continue;
        list.push({ c, parent: history[i + 1]?.sha ?? null });
      }
      const ctx = shapeContext(req, ref);
      return listOf(list, (x) => commit(ctx, x.c, x.parent));
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
      if (ref.repo.commits.length === 0) return { status: 204 };
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
