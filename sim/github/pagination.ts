// GitHub's page-number pagination: `per_page` (default 30, max 100), `page`, and a Link header
// with rel="next", "last", "first" and "prev" as applicable.
import { HttpError, githubError } from './http.js';

export interface Page<T> {
  items: T[];
  link: string | null;
}

function positiveInt(raw: string | null, name: string, fallback: number): number {
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new HttpError(githubError(422, `Invalid value for "${name}": ${raw}`));
  return n;
}

export function paginate<T>(
  list: readonly T[],
  baseUrl: string,
  path: string,
  query: URLSearchParams,
): Page<T> {
  // GitHub clamps per_page to 100 rather than rejecting larger values.
  const perPage = Math.min(100, positiveInt(query.get('per_page'), 'per_page', 30));
  const page = positiveInt(query.get('page'), 'page', 1);
  const lastPage = Math.max(1, Math.ceil(list.length / perPage));
  const items = list.slice((page - 1) * perPage, page * perPage);
  const url = (n: number): string => {
    const q = new URLSearchParams(query);
    q.delete('page');
    q.set('page', String(n));
    return `<${baseUrl}${path}?${q.toString()}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${url(Math.min(page - 1, lastPage))}; rel="prev"`);
  if (page < lastPage) rels.push(`${url(page + 1)}; rel="next"`, `${url(lastPage)}; rel="last"`);
  if (page > 1) rels.push(`${url(1)}; rel="first"`);
  return { items, link: rels.length > 0 ? rels.join(', ') : null };
}
