// GitHub's GraphQL error shape: a top-level `type` (NOT_FOUND, EXCESSIVE_PAGINATION, ...) next to
// message, path and locations, rather than graphql-js's `extensions`.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export type GitHubGraphQLErrorType =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'EXCESSIVE_PAGINATION'
  | 'MISSING_PAGINATION_BOUNDARIES'
  | 'MAX_NODE_LIMIT_EXCEEDED'
  | 'INVALID_CURSOR_ARGUMENTS'
  | 'RATE_LIMITED';

/** Thrown by resolvers; graphql-js attaches the path and locations. */
export class GitHubFieldError extends GraphQLError {
  constructor(
    readonly type: GitHubGraphQLErrorType,
    message: string,
  ) {
    super(message, { extensions: { type } });
  }
}

export interface GitHubGraphQLErrorJson {
  type?: string;
  message: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  extensions?: Record<string, unknown>;
}

/** A formatted graphql-js error in GitHub's layout. */
export function toGitHubError(error: GraphQLFormattedError): GitHubGraphQLErrorJson {
  const { extensions, ...rest } = error;
  const type = typeof extensions?.type === 'string' ? extensions.type : undefined;
  const others = extensions
    ? Object.fromEntries(Object.entries(extensions).filter(([k]) => k !== 'type'))
    : {};
  return {
    ...(type ? { type } : {}),
    ...rest,
    ...(Object.keys(others).length > 0 ? { extensions: others } : {}),
  };
}
