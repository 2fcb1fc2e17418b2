import { schema as githubSchema } from '@octokit/graphql-schema';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  parse,
  validate,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simGraphqlSchema } from '../../../sim/github/graphql/handler.js';
import { startGitHubSim, type GitHubSim } from '../../../sim/github/index.js';
import { generateOrg, type SimOrg } from '../../../sim/scenarios/org.js';
import { ISSUES_QUERY, type IssuesResponse } from '../../../src-main/github/issue-crawl.js';
import { createOctokit } from '../../../src-main/github/octokit.js';
import {
  PULL_REQUEST_REVIEWS_QUERY,
  PULL_REQUESTS_QUERY,
  type PullRequestsResponse,
} from '../../../src-main/github/pull-request-query.js';
import { REPO_SWEEP_QUERY, type RepoSweepResponse } from '../../../src-main/github/repo-sweep.js';
import { silentLogger } from '../../../src-main/log/logger.js';
import { conformanceProblems } from '../github/graphql-conformance.js';

// GitHub's published SDL declares two EnterpriseOwnerInfo fields twice; graphql-js refuses that
// unless told to trust the SDL. Everything the tests compare is unaffected.
const realSchema: GraphQLSchema = buildSchema(githubSchema.idl, { assumeValidSDL: true });

interface GraphqlReply {
  status: number;
  headers: Headers;
  body: {
    data?: unknown;
    errors?: { type?: string; message: string; path?: (string | number)[] }[];
  };
}

let sim: GitHubSim;
let org: SimOrg;

async function post(
  query: string,
  variables: Record<string, unknown> = {},
  token: string | null = sim.token,
): Promise<GraphqlReply> {
  const response = await fetch(`${sim.apiUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphqlReply['body'],
  };
}

/** The busiest readable repo: the one whose PRs need several pages. */
function busiestRepo(): SimOrg['repos'][number] {
  const readable = org.repos.filter((r) => !r.blocked && !r.empty);
  return readable.reduce((a, b) => (b.pulls.length > a.pulls.length ? b : a));
}

beforeAll(async () => {
  org = generateOrg({ seed: 42, preset: 'demo', now: Date.now() - 60_000 });
  sim = await startGitHubSim({ org });
});
afterAll(async () => {
  await sim.close();
});

const CRAWLER_QUERIES = {
  REPO_SWEEP_QUERY,
  ISSUES_QUERY,
  PULL_REQUESTS_QUERY,
  PULL_REQUEST_REVIEWS_QUERY,
};

/** Variables the crawler sends with the PR and issue queries, newest update first. */
const byUpdate = { pageSize: 100, after: null, orderField: 'UPDATED_AT', direction: 'DESC' };

describe("the crawler's GraphQL queries against GitHub's published schema", () => {
  it.each(Object.entries(CRAWLER_QUERIES))('%s validates with zero errors', (_name, query) => {
    expect(validate(realSchema, parse(query)).map((e) => e.message)).toEqual([]);
    // ...and the simulator serves exactly what it asks for.
    expect(validate(simGraphqlSchema, parse(query)).map((e) => e.message)).toEqual([]);
  });

  it('would be caught if they asked for a field GitHub does not have', () => {
    const wrong = PULL_REQUESTS_QUERY.replace('mergedAt', 'mergedAtTime');
    const messages = validate(realSchema, parse(wrong)).map((e) => e.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^Cannot query field "mergedAtTime" on type "PullRequest"/);
  });
});

/** Every type, field, argument, enum value and interface of `subset` exists in `full` with the same type. */
function incompatibilities(subset: GraphQLSchema, full: GraphQLSchema): string[] {
  const problems: string[] = [];
  const kind = (t: GraphQLNamedType): string => t.constructor.name;
  for (const type of Object.values(subset.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const real = full.getType(type.name);
    if (!real) {
      problems.push(`${type.name}: not in GitHub's schema`);
      continue;
    }
    if (kind(real) !== kind(type))
      problems.push(`${type.name}: ${kind(type)} here, ${kind(real)} on GitHub`);
    else if (isEnumType(type) && isEnumType(real)) {
      for (const v of type.getValues())
        if (!real.getValue(v.name))
          problems.push(`${type.name}.${v.name}: no such enum value on GitHub`);
    } else if (
      (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) &&
      !isScalarType(real)
    ) {
      const realFields = (real as typeof type).getFields() as Record<
        string,
        { type: unknown; args?: readonly { name: string; type: unknown }[] }
      >;
      for (const field of Object.values(type.getFields())) {
        const theirs = realFields[field.name];
        if (!theirs) {
          problems.push(`${type.name}.${field.name}: no such field on GitHub`);
          continue;
        }
        if (String(theirs.type) !== String(field.type))
          problems.push(
            `${type.name}.${field.name}: ${String(field.type)} here, ${String(theirs.type)} on GitHub`,
          );
        for (const arg of 'args' in field ? field.args : []) {
          const realArg = theirs.args?.find((a) => a.name === arg.name);
          if (!realArg)
            problems.push(`${type.name}.${field.name}(${arg.name}): no such argument on GitHub`);
          else if (String(realArg.type) !== String(arg.type))
            problems.push(
              `${type.name}.${field.name}(${arg.name}): ${String(arg.type)} here, ${String(realArg.type)} on GitHub`,
            );
        }
      }
      if (
        (isObjectType(type) || isInterfaceType(type)) &&
        (isObjectType(real) || isInterfaceType(real))
      ) {
        const realInterfaces = real.getInterfaces().map((i) => i.name);
        for (const i of type.getInterfaces())
          if (!realInterfaces.includes(i.name))
            problems.push(`${type.name}: implements ${i.name} here, not on GitHub`);
      }
    }
  }
  return problems;
}

describe("the simulator's GraphQL schema", () => {
  it("is a subset of GitHub's: same types, fields, argument types, enum values and interfaces", () => {
    expect(incompatibilities(simGraphqlSchema, realSchema)).toEqual([]);
  });

  it('would be caught if it declared a field type GitHub does not', () => {
    const drifted = buildSchema(
      'type Query { repository(owner: String!, name: String!, fork: Boolean): Repository } type Repository { name: String nameWithOwner: String! stars: Int }',
    );
    expect(incompatibilities(drifted, realSchema)).toEqual([
      'Query.repository(fork): no such argument on GitHub',
      'Repository.name: String here, String! on GitHub',
      'Repository.stars: no such field on GitHub',
    ]);
  });
});

describe("the simulator's answers to the crawler's query", () => {
  it("have the shape GitHub's schema gives the query, page after page, and list every PR once in update order", async () => {
    const repo = busiestRepo();
    expect(repo.pulls.length).toBeGreaterThan(100);
    const seen: { number: number; updatedAt: string }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const reply = await post(PULL_REQUESTS_QUERY, {
        owner: org.login,
        name: repo.name,
        ...byUpdate,
        after,
      });
      expect(reply.status).toBe(200);
      expect(reply.body.errors).toBeUndefined();
      expect(conformanceProblems(realSchema, parse(PULL_REQUESTS_QUERY), reply.body.data)).toEqual(
        [],
      );
      const data = reply.body.data as PullRequestsResponse;
      const prs = data.repository!.pullRequests;
      seen.push(...prs.nodes!.map((n) => ({ number: n!.number, updatedAt: n!.updatedAt })));
      if (!prs.pageInfo.hasNextPage) break;
      after = prs.pageInfo.endCursor;
    }
    expect(seen.map((s) => s.number).sort((a, b) => a - b)).toEqual(
      repo.pulls.map((p) => p.number).sort((a, b) => a - b),
    );
    expect(seen.map((s) => s.updatedAt)).toEqual(
      [...seen.map((s) => s.updatedAt)].sort().reverse(),
    );
  });

  it('would be caught if a field were missing, null where GitHub promises a value, or of the wrong type', () => {
    const data = {
      rateLimit: { cost: 1, remaining: 4999, resetAt: 'soon' },
      repository: {
        pullRequests: {
          pageInfo: { hasNextPage: false, endCursor: null },
          nodes: [
            {
              number: '7',
              createdAt: '2024-01-01T00:00:00Z',
              updatedAt: null,
              author: { __typename: 'Robot', login: 'x' },
              reviews: null,
            },
          ],
        },
      },
    };
    expect(conformanceProblems(realSchema, parse(PULL_REQUESTS_QUERY), data)).toEqual([
      'data.rateLimit.resetAt: soon is not a DateTime',
      'data.repository.pullRequests.nodes[0].number: "7" is not a Int',
      'data.repository.pullRequests.nodes[0].updatedAt: null for non-null DateTime!',
      'data.repository.pullRequests.nodes[0].mergedAt: missing',
      'data.repository.pullRequests.nodes[0].author.__typename: "Robot" is not one of Bot, EnterpriseUserAccount, Mannequin, Organization, User',
    ]);
  });

  it('name bots as GraphQL does: __typename Bot and the login without "[bot]"', async () => {
    const repo = org.repos.find(
      (r) => !r.blocked && r.pulls.some((p) => p.author.endsWith('[bot]')),
    );
    expect(repo).toBeDefined();
    const reply = await post(PULL_REQUESTS_QUERY, {
      owner: org.login,
      name: repo!.name,
      ...byUpdate,
    });
    const authors = (reply.body.data as PullRequestsResponse).repository!.pullRequests.nodes!.map(
      (n) => n!.author,
    );
    const bots = authors.filter((a) => a?.__typename === 'Bot');
    if (bots.length === 0) return expect.unreachable('the first page should hold a bot PR');
    expect(bots.every((b) => !b!.login.includes('[bot]'))).toBe(true);
    expect(
      authors.filter((a) => a?.__typename === 'User').every((u) => !u!.login.includes('[')),
    ).toBe(true);
  });
});

describe("the simulator's answers to the sweep and the issue query", () => {
  async function sweep(): Promise<NonNullable<RepoSweepResponse['organization']>['repositories']> {
    const reply = await post(REPO_SWEEP_QUERY, { org: org.login, pageSize: 100, after: null });
    expect(reply.body.errors).toBeUndefined();
    expect(conformanceProblems(realSchema, parse(REPO_SWEEP_QUERY), reply.body.data)).toEqual([]);
    return (reply.body.data as RepoSweepResponse).organization!.repositories;
  }

  it('list every repository once with its id, head and newest issue and PR updates, for 4 points', async () => {
    const page = await sweep();
    const nodes = page.nodes!.map((n) => n!);
    expect(nodes.map((n) => n.databaseId).sort()).toEqual(org.repos.map((r) => r.id).sort());
    for (const repo of org.repos) {
      const node = nodes.find((n) => n.databaseId === repo.id)!;
      const newest = (items: { updatedAt: string }[]) =>
        items
          .map((i) => i.updatedAt)
          .sort()
          .at(-1) ?? null;
      expect(node.defaultBranchRef?.target?.oid ?? null).toBe(repo.head);
      expect(node.latestIssue.nodes?.[0]?.updatedAt ?? null).toBe(newest(repo.issues));
      expect(node.latestPullRequest.nodes?.[0]?.updatedAt ?? null).toBe(newest(repo.pulls));
      expect(node.isDisabled).toBe(repo.blocked);
    }
    sim.control.resetRequests();
    const reply = await post(REPO_SWEEP_QUERY, { org: org.login, pageSize: 100, after: null });
    expect((reply.body.data as { rateLimit: { cost: number } }).rateLimit.cost).toBe(4);
  });

  it('move the PR marker for a new review, the issue marker for a new issue, the head for a push', async () => {
    const repo = busiestRepo();
    const full = `${org.login}/${repo.name}`;
    const node = async () => (await sweep()).nodes!.find((n) => n!.databaseId === repo.id)!;
    const before = await node();
    sim.control.advanceClock(60);
    sim.control.addReview(full, { pullNumber: repo.pulls[0]!.number, reviewer: 'late-reviewer' });
    const reviewed = await node();
    expect(
      reviewed.latestPullRequest.nodes![0]!.updatedAt >
        before.latestPullRequest.nodes![0]!.updatedAt,
    ).toBe(true);
    expect(reviewed.latestIssue).toEqual(before.latestIssue);
    sim.control.addIssue(full, { author: 'reporter' });
    expect(
      (await node()).latestIssue.nodes![0]!.updatedAt > before.latestIssue.nodes![0]!.updatedAt,
    ).toBe(true);
    const pushed = sim.control.addCommit(full, { author: 'pusher' });
    expect((await node()).defaultBranchRef?.target?.oid).toBe(pushed.sha);
  });

  it('list issues apart from pull requests, oldest first or newest update first', async () => {
    const repo = busiestRepo();
    const numbers: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const reply = await post(ISSUES_QUERY, {
        owner: org.login,
        name: repo.name,
        pageSize: 100,
        after,
        orderField: 'CREATED_AT',
        direction: 'ASC',
      });
      expect(conformanceProblems(realSchema, parse(ISSUES_QUERY), reply.body.data)).toEqual([]);
      const issues = (reply.body.data as IssuesResponse).repository!.issues;
      numbers.push(...issues.nodes!.map((n) => n!.number));
      if (!issues.pageInfo.hasNextPage) break;
      after = issues.pageInfo.endCursor;
    }
    expect(numbers).toEqual(repo.issues.map((i) => i.number).sort((a, b) => a - b));
  });

  it('find a renamed repository under its old name, as followRenames does on GitHub', async () => {
    const renamed = org.repos.find((r) => r.formerNames.length > 0)!;
    const reply = await post(
      'query($o: String!, $n: String!) { repository(owner: $o, name: $n) { databaseId name } }',
      {
        o: org.login,
        n: renamed.formerNames[0],
      },
    );
    expect(reply.body.data).toEqual({ repository: { databaseId: renamed.id, name: renamed.name } });
  });
});

describe("GitHub's GraphQL rules in the simulator", () => {
  it("refuses more than 100 records with EXCESSIVE_PAGINATION, GitHub's message and the field path", async () => {
    const repo = busiestRepo();
    const reply = await post(PULL_REQUESTS_QUERY, {
      owner: org.login,
      name: repo.name,
      ...byUpdate,
      pageSize: 101,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.errors?.[0]).toMatchObject({
      type: 'EXCESSIVE_PAGINATION',
      message:
        'Requesting 101 records on the `pullRequests` connection exceeds the `first` limit of 100 records.',
      path: ['repository', 'pullRequests'],
    });
  });

  it('requires first or last on a connection whose nodes are selected, but not for totalCount alone', async () => {
    const repo = busiestRepo();
    const missing = await post(
      'query($o: String!, $n: String!) { repository(owner: $o, name: $n) { pullRequests { nodes { number } } } }',
      { o: org.login, n: repo.name },
    );
    expect(missing.body.errors?.[0]).toMatchObject({
      type: 'MISSING_PAGINATION_BOUNDARIES',
      path: ['repository', 'pullRequests'],
    });
    const count = await post(
      'query($o: String!, $n: String!) { repository(owner: $o, name: $n) { pullRequests { totalCount } } }',
      { o: org.login, n: repo.name },
    );
    expect(count.body).toEqual({
      data: { repository: { pullRequests: { totalCount: repo.pulls.length } } },
    });
  });

  it('answers an unknown repository with null and a NOT_FOUND error', async () => {
    const reply = await post('{ repository(owner: "nobody", name: "nothing") { name } }');
    expect(reply.body).toEqual({
      data: { repository: null },
      errors: [
        {
          type: 'NOT_FOUND',
          path: ['repository'],
          locations: [{ line: 1, column: 3 }],
          message: "Could not resolve to a Repository with the name 'nobody/nothing'.",
        },
      ],
    });
  });

  it('charges its own points budget, reports it in headers and rateLimit, and logs the request', async () => {
    sim.control.resetRequests();
    const repo = busiestRepo();
    const first = await post(PULL_REQUESTS_QUERY, {
      owner: org.login,
      name: repo.name,
      ...byUpdate,
    });
    const second = await post(PULL_REQUESTS_QUERY, {
      owner: org.login,
      name: repo.name,
      ...byUpdate,
    });
    expect(first.headers.get('x-ratelimit-resource')).toBe('graphql');
    expect(first.headers.get('x-ratelimit-limit')).toBe('5000');
    // 1 + 100 connection requests / 100, rounded: 1 point.
    const rate = (second.body.data as PullRequestsResponse).rateLimit!;
    expect(rate.cost).toBe(1);
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(
      Number(first.headers.get('x-ratelimit-remaining')) - 1,
    );
    expect(rate.remaining).toBe(Number(second.headers.get('x-ratelimit-remaining')));
    const rest = await fetch(`${sim.apiUrl}/rate_limit`, {
      headers: { authorization: `bearer ${sim.token}` },
    });
    expect(rest.headers.get('x-ratelimit-resource')).toBe('core');
    expect(
      sim.control
        .requests()
        .filter((r) => r.path === '/graphql')
        .map((r) => [r.method, r.status, r.counted, r.operation]),
    ).toEqual([
      ['POST', 200, true, 'GitGuildPullRequests'],
      ['POST', 200, true, 'GitGuildPullRequests'],
    ]);
  });

  it('needs a token, unlike REST', async () => {
    const reply = await post('{ rateLimit { remaining } }', {}, null);
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({
      message: 'This endpoint requires you to be authenticated.',
    });
    expect((await post('{ rateLimit { remaining } }', {}, 'ghp_unknown')).status).toBe(401);
  });

  it('answers RATE_LIMITED with remaining 0 once the points run out, and Octokit waits for the reset', async () => {
    const small = await startGitHubSim({ org, rateLimit: { limit: 2, windowSeconds: 2 } });
    try {
      const { octokit, meter } = createOctokit({
        baseUrl: small.apiUrl,
        token: small.token,
        logger: silentLogger,
        userAgent: 'gitguild-test',
      });
      const query = '{ rateLimit { cost remaining } }';
      await octokit.graphql(query);
      await octokit.graphql(query);
      const raw = await fetch(`${small.apiUrl}/graphql`, {
        method: 'POST',
        headers: { authorization: `bearer ${small.token}` },
        body: JSON.stringify({ query }),
      });
      expect(raw.status).toBe(200);
      expect(raw.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(((await raw.json()) as GraphqlReply['body']).errors?.[0]?.type).toBe('RATE_LIMITED');
      // The throttling plugin recognises GraphQL's rate limit and retries after x-ratelimit-reset.
      const after = await octokit.graphql<{ rateLimit: { remaining: number } }>(query);
      expect(after.rateLimit.remaining).toBe(1);
      expect(meter.waitedMs).toBeGreaterThan(0);
      expect(meter.graphqlBudget?.limit).toBe(2);
      expect(meter.budget).toBeNull();
    } finally {
      await small.close();
    }
  });
});
