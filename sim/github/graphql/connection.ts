// Relay connections as GitHub serves them: `first`/`last` required when nodes or edges are
// selected, at most 100, and opaque keyset cursors (the position's sort key, not an offset), so a
// cursor stays meaningful when items are added in front of it.
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { GitHubFieldError } from './errors.js';

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface Connection<T> {
  totalCount: number;
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/** Position of an item in the connection's order; compared element by element. */
export type SortKey = readonly (string | number)[];

export const MAX_PAGE_SIZE = 100;

function encodeCursor(key: SortKey): string {
  return Buffer.from(`cursor:v2:${JSON.stringify(key)}`).toString('base64');
}

function decodeCursor(cursor: string): SortKey {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const m = /^cursor:v2:(.*)$/.exec(text);
  let key: unknown;
  try {
    key = m ? JSON.parse(m[1] as string) : undefined;
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || !key.every((k) => typeof k === 'string' || typeof k === 'number')) {
    throw new GitHubFieldError(
      'INVALID_CURSOR_ARGUMENTS',
      `\`${cursor}\` does not appear to be a valid cursor.`,
    );
  }
  return key as SortKey;
}

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

function selectsItems(info: GraphQLResolveInfo): boolean {
  const names = (nodes: readonly FieldNode[]): string[] =>
    nodes
      .flatMap((n) => n.selectionSet?.selections ?? [])
      .flatMap((s) => (s.kind === 'Field' ? [s.name.value] : []));
  return names(info.fieldNodes).some((n) => n === 'nodes' || n === 'edges');
}

function checkBound(
  value: number | null | undefined,
  which: 'first' | 'last',
  field: string,
): void {
  if (value === null || value === undefined) return;
  if (value < 0)
    throw new GitHubFieldError(
      'EXCESSIVE_PAGINATION',
      `\`${which}\` on the \`${field}\` connection cannot be less than zero.`,
    );
  if (value > MAX_PAGE_SIZE)
    throw new GitHubFieldError(
      'EXCESSIVE_PAGINATION',
      `Requesting ${value} records on the \`${field}\` connection exceeds the \`${which}\` limit of ${MAX_PAGE_SIZE} records.`,
    );
}

/** Sorts items by their key in the given direction: the order {@link connection} expects. */
export function sortByKey<T>(
  items: readonly T[],
  key: (item: T) => SortKey,
  direction: 'ASC' | 'DESC',
): T[] {
  const sign = direction === 'ASC' ? 1 : -1;
  return [...items].sort((a, b) => sign * compareKeys(key(a), key(b)));
}

/**
 * Sorts and pages `items` in one step. A first page of a few items (`first: 1`, as for "the newest
 * update") is picked in one pass instead of sorting the whole list, which keeps a sweep of 200
 * repositories with thousands of items each cheap.
 */
export function sortedConnection<T>(
  items: readonly T[],
  key: (item: T) => SortKey,
  direction: 'ASC' | 'DESC',
  args: ConnectionArgs,
  info: GraphQLResolveInfo,
): Connection<T> {
  const first = args.first ?? null;
  if (first === null && args.last == null) {
    // Only totalCount can be asked for without first/last (connection() enforces it): no order.
    const counted = connection([], key, direction, args, info);
    return { ...counted, totalCount: items.length };
  }
  const headOnly =
    first !== null && first <= 10 && !args.after && !args.before && args.last == null;
  if (!headOnly || items.length <= first) {
    return connection(sortByKey(items, key, direction), key, direction, args, info);
  }
  const sign = direction === 'ASC' ? 1 : -1;
  const head: T[] = [];
  for (const item of items) {
    const at = head.findIndex((h) => sign * compareKeys(key(item), key(h)) < 0);
    if (at === -1) {
      if (head.length < first) head.push(item);
    } else {
      head.splice(at, 0, item);
      if (head.length > first) head.pop();
    }
  }
  const page = connection(head, key, direction, args, info);
  return {
    ...page,
    totalCount: items.length,
    pageInfo: { ...page.pageInfo, hasNextPage: true },
  };
}

/**
 * Pages `items`, which must already be sorted by `key` in `direction` (see {@link sortByKey}); the
 * key ends in a unique id so positions never tie.
 */
export function connection<T>(
  items: readonly T[],
  key: (item: T) => SortKey,
  direction: 'ASC' | 'DESC',
  args: ConnectionArgs,
  info: GraphQLResolveInfo,
): Connection<T> {
  const field = info.fieldName;
  const sign = direction === 'ASC' ? 1 : -1;
  const cmp = (item: T, cursor: SortKey): number => sign * compareKeys(key(item), cursor);
  checkBound(args.first, 'first', field);
  checkBound(args.last, 'last', field);
  if ((args.first ?? null) === null && (args.last ?? null) === null && selectsItems(info)) {
    throw new GitHubFieldError(
      'MISSING_PAGINATION_BOUNDARIES',
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`,
    );
  }
  if (args.first != null && args.last != null) {
    throw new GitHubFieldError(
      'EXCESSIVE_PAGINATION',
      `Passing both \`first\` and \`last\` to paginate the \`${field}\` connection is not supported.`,
    );
  }
  let start = 0;
  let end = items.length;
  if (args.after) {
    const after = decodeCursor(args.after);
    while (start < end && cmp(items[start] as T, after) <= 0) start++;
  }
  if (args.before) {
    const before = decodeCursor(args.before);
    while (end > start && cmp(items[end - 1] as T, before) >= 0) end--;
  }
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const page = items.slice(start, end);
  const edges = page.map((node) => ({ cursor: encodeCursor(key(node)), node }));
  return {
    totalCount: items.length,
    nodes: page,
    edges,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
