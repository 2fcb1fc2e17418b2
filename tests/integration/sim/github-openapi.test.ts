// Every REST route the GitHub simulator serves, checked against GitHub's own OpenAPI description
// (@octokit/openapi), so the fake cannot drift from the real API's shapes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrg } from '../../../sim/scenarios/org.js';
import { startGitHubSim, type GitHubSim } from '../../../sim/github/index.js';

// ajv-formats is CommonJS with a default export; depending on the loader the callable is the
// module itself or its `.default`.
type AddFormats = (ajv: Ajv) => Ajv;
const formatsModule = addFormatsModule as unknown as AddFormats & { default?: AddFormats };
const addFormats: AddFormats = formatsModule.default ?? formatsModule;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, JsonObject> }>>;
  components: { schemas: Record<string, JsonObject>; responses: Record<string, JsonObject> };
}

const BASE = 'https://openapi.github.invalid/api.json';

/**
 * OpenAPI 3.0 → JSON Schema for Ajv: `nullable` becomes an explicit null branch, a discriminated
 * `oneOf` picks its branch by the discriminator, and other `oneOf`s become `anyOf` (GitHub's
 * spec has `oneOf`s whose branches overlap, e.g. simple-user vs empty-object, which no real
 * response could satisfy under strict oneOf).
 */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') out[k] = v.startsWith('#/') ? `${BASE}${v}` : v;
    else if (
      k === 'example' ||
      k === 'examples' ||
      k.startsWith('x-') ||
      k === 'nullable' ||
      k === 'discriminator'
    )
      continue;
    else out[k] = toJsonSchema(v);
  }
  const discriminator = node.discriminator as
    { propertyName?: string; mapping?: Record<string, string> } | undefined;
  if (Array.isArray(node.oneOf)) {
    if (discriminator?.propertyName && discriminator.mapping) {
      const prop = discriminator.propertyName;
      out.anyOf = Object.entries(discriminator.mapping).map(([value, ref]): Json => ({
        allOf: [
          { type: 'object', properties: { [prop]: { const: value } }, required: [prop] },
          { $ref: `${BASE}${ref}` },
        ],
      }));
    } else out.anyOf = out.oneOf as Json;
    delete out.oneOf;
  }
  if (node.nullable === true) return { anyOf: [{ type: 'null' }, out] };
  return out;
}

const require = createRequire(import.meta.url);
let spec: OpenApi;
let ajv: Ajv;

function load(): void {
  // 13 MB: parse once for the whole file.
  spec = JSON.parse(
    readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8'),
  ) as OpenApi;
  ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addSchema({
    $id: BASE,
    components: { schemas: toJsonSchema(spec.components.schemas as unknown as Json) },
  } as object);
}

function responseSchema(
  path: string,
  status: number,
): { schema: JsonObject; validate: ValidateFunction } | null {
  const op = spec.paths[path]?.get;
  if (!op) throw new Error(`the OpenAPI description has no GET ${path}`);
  let response = op.responses[String(status)];
  if (!response) return null;
  const ref = response.$ref;
  if (typeof ref === 'string')
    response = spec.components.responses[ref.split('/').pop() ?? ''] as JsonObject;
  const schema = (
    (response.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined
  )?.schema as JsonObject | undefined;
  if (!schema) throw new Error(`GET ${path} ${status} has no JSON schema`);
  return { schema, validate: ajv.compile(toJsonSchema(schema) as object) };
}

/** The component a response (or its list items) is declared as, to check for undeclared fields. */
function declaredProperties(schema: JsonObject): Set<string> | null {
  const target = schema.type === 'array' ? (schema.items as JsonObject) : schema;
  const ref = target.$ref;
  if (typeof ref !== 'string') return null;
  const component = spec.components.schemas[ref.split('/').pop() ?? ''];
  const props = component?.properties;
  return props && typeof props === 'object' && !Array.isArray(props)
    ? new Set(Object.keys(props))
    : null;
}

describe('GitHub simulator responses match GitHub OpenAPI schemas', () => {
  let sim: GitHubSim;
  const org = 'acme-oss';

  beforeAll(async () => {
    load();
    sim = await startGitHubSim({ org: generateOrg({ seed: 3, preset: 'demo' }) });
    // A pull request with reviews and a commit without a linked account, to cover those shapes.
    sim.control.addCommit(`${org}/acme`, { author: null });
  }, 60_000);
  afterAll(async () => {
    await sim?.close();
  });

  async function check(
    openApiPath: string,
    url: string,
    expectedStatus: number,
    token: string | null = sim.token,
  ): Promise<unknown> {
    const res = await fetch(`${sim.apiUrl}${url}`, {
      headers: token ? { authorization: `token ${token}` } : {},
    });
    expect(res.status, `${url} status`).toBe(expectedStatus);
    const body: unknown = await res.json();
    const found = responseSchema(openApiPath, expectedStatus);
    expect(found, `GET ${openApiPath} documents a ${expectedStatus}`).not.toBeNull();
    if (!found) return body;
    const valid = found.validate(body);
    expect(
      valid
        ? []
        : (found.validate.errors ?? [])
            .slice(0, 5)
            .map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`),
      `${url} against GET ${openApiPath} ${expectedStatus}`,
    ).toEqual([]);
    const declared = declaredProperties(found.schema);
    if (declared) {
      const items = Array.isArray(body) ? body : [body];
      const undeclared = new Set(
        items.flatMap((item) => Object.keys(item as object).filter((k) => !declared.has(k))),
      );
      expect([...undeclared], `${url}: fields the OpenAPI schema does not declare`).toEqual([]);
    }
    return body;
  }

  const repos = ['acme', 'legacy-site', 'upstream-fork'];

  it('org, org repos, members, teams and team members', async () => {
    await check('/orgs/{org}', `/orgs/${org}`, 200);
    await check('/orgs/{org}/repos', `/orgs/${org}/repos?per_page=100`, 200);
    await check('/orgs/{org}/members', `/orgs/${org}/members?per_page=100`, 200);
    await check('/orgs/{org}/teams', `/orgs/${org}/teams`, 200);
    await check(
      '/orgs/{org}/teams/{team_slug}/members',
      `/orgs/${org}/teams/maintainers/members`,
      200,
    );
  });

  it('repositories, including archived, fork and empty ones', async () => {
    for (const repo of [...repos, 'new-project'])
      await check('/repos/{owner}/{repo}', `/repos/${org}/${repo}`, 200);
    await check('/repos/{owner}/{repo}', `/repos/${org}/does-not-exist`, 404);
  });

  it('pull requests, issues with PRs mixed in, commits and contributors', async () => {
    for (const repo of repos) {
      await check(
        '/repos/{owner}/{repo}/pulls',
        `/repos/${org}/${repo}/pulls?state=all&per_page=100`,
        200,
      );
      await check(
        '/repos/{owner}/{repo}/issues',
        `/repos/${org}/${repo}/issues?state=all&per_page=100`,
        200,
      );
      const commits = (await check(
        '/repos/{owner}/{repo}/commits',
        `/repos/${org}/${repo}/commits?per_page=100`,
        200,
      )) as { author: unknown }[];
      if (repo === 'acme') expect(commits.some((c) => c.author === null)).toBe(true);
      await check(
        '/repos/{owner}/{repo}/contributors',
        `/repos/${org}/${repo}/contributors?per_page=100`,
        200,
      );
    }
    await check('/repos/{owner}/{repo}/commits', `/repos/${org}/new-project/commits`, 409);
  });

  it('anonymous contributors (anon=1) and reviews of several pull requests', async () => {
    await check(
      '/repos/{owner}/{repo}/contributors',
      `/repos/${org}/acme/contributors?anon=1&per_page=100`,
      200,
    );
    const reviewed =
      sim.control.orgs[0]?.repos
        .find((r) => r.name === 'acme')
        ?.reviews.slice(0, 8)
        .map((r) => r.pullNumber) ?? [];
    expect(reviewed.length).toBeGreaterThan(0);
    for (const n of new Set(reviewed)) {
      const list = (await check(
        '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
        `/repos/${org}/acme/pulls/${n}/reviews`,
        200,
      )) as unknown[];
      expect(list.length).toBeGreaterThan(0);
    }
  });

  it('the authenticated user, public users, bots and orgs as users, and rate_limit', async () => {
    await check('/user', '/user', 200);
    await check('/user', '/user', 401, null);
    await check('/user/orgs', '/user/orgs', 200);
    const first = sim.control.orgs[0]?.members[0] ?? '';
    await check('/users/{username}', `/users/${first}`, 200);
    await check('/users/{username}', '/users/dependabot[bot]', 200);
    await check('/users/{username}', `/users/${org}`, 200);
    await check('/users/{username}', '/users/nobody-here-at-all', 404);
    await check('/rate_limit', '/rate_limit', 200);
  });

  it('the checker itself rejects a drifted shape (so a pass means something)', async () => {
    const res = await fetch(`${sim.apiUrl}/repos/${org}/acme/pulls?state=all&per_page=1`, {
      headers: { authorization: `token ${sim.token}` },
    });
    const [pull] = (await res.json()) as Record<string, unknown>[];
    const found = responseSchema('/repos/{owner}/{repo}/pulls', 200);
    expect(found?.validate([pull])).toBe(true);
    expect(found?.validate([{ ...pull, number: String(pull?.number) }])).toBe(false);
    const { merged_at: _dropped, ...withoutMergedAt } = pull ?? {};
    expect(found?.validate([withoutMergedAt])).toBe(false);
    expect(found?.validate([{ ...pull, user: { login: 'x' } }])).toBe(false);
  });

  it('the rate-limit error bodies match the documented 403 shape', async () => {
    sim.control.exhaustRateLimit(30);
    await check('/repos/{owner}/{repo}', `/repos/${org}/acme`, 403);
    sim.control.resetRateLimits();
    sim.control.injectFault({ kind: 'secondary', count: 1 });
    await check('/repos/{owner}/{repo}', `/repos/${org}/acme`, 403);
  });
});
