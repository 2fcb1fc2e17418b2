// The subset of GitHub's public GraphQL schema that GitGuild reads, in SDL with GitHub's own type
// and field names. A fidelity test checks every type, field and argument here against the real
// schema (`@octokit/graphql-schema`), so this file can only shrink GitHub's schema, never invent.

export const SIM_GRAPHQL_SDL = /* GraphQL */ `
  "An ISO-8601 encoded UTC date string."
  scalar DateTime

  "An RFC 3986, RFC 3987, and RFC 6570 (level 4) compliant URI string."
  scalar URI

  interface Node {
    id: ID!
  }

  interface Actor {
    avatarUrl(size: Int): URI!
    login: String!
    resourcePath: URI!
    url: URI!
  }

  type User implements Actor & Node {
    avatarUrl(size: Int): URI!
    id: ID!
    login: String!
    name: String
    resourcePath: URI!
    url: URI!
  }

  type Bot implements Actor & Node {
    avatarUrl(size: Int): URI!
    id: ID!
    login: String!
    resourcePath: URI!
    url: URI!
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
  }

  enum OrderDirection {
    ASC
    DESC
  }

  enum IssueOrderField {
    COMMENTS
    CREATED_AT
    UPDATED_AT
  }

  input IssueOrder {
    direction: OrderDirection!
    field: IssueOrderField!
  }

  enum PullRequestState {
    CLOSED
    MERGED
    OPEN
  }

  enum PullRequestReviewState {
    APPROVED
    CHANGES_REQUESTED
    COMMENTED
    DISMISSED
    PENDING
  }

  type PullRequestReview implements Node {
    author: Actor
    createdAt: DateTime!
    id: ID!
    state: PullRequestReviewState!
    submittedAt: DateTime
  }

  type PullRequestReviewEdge {
    cursor: String!
    node: PullRequestReview
  }

  type PullRequestReviewConnection {
    edges: [PullRequestReviewEdge]
    nodes: [PullRequestReview]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type PullRequest implements Node {
    author: Actor
    closed: Boolean!
    closedAt: DateTime
    createdAt: DateTime!
    id: ID!
    merged: Boolean!
    mergedAt: DateTime
    number: Int!
    reviews(
      after: String
      author: String
      before: String
      first: Int
      last: Int
      states: [PullRequestReviewState!]
    ): PullRequestReviewConnection
    state: PullRequestState!
    title: String!
    updatedAt: DateTime!
  }

  type PullRequestEdge {
    cursor: String!
    node: PullRequest
  }

  type PullRequestConnection {
    edges: [PullRequestEdge]
    nodes: [PullRequest]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type Repository implements Node {
    id: ID!
    name: String!
    nameWithOwner: String!
    pullRequest(number: Int!): PullRequest
    pullRequests(
      after: String
      baseRefName: String
      before: String
      first: Int
      headRefName: String
      labels: [String!]
      last: Int
      orderBy: IssueOrder
      states: [PullRequestState!]
    ): PullRequestConnection!
  }

  type RateLimit {
    cost: Int!
    limit: Int!
    nodeCount: Int!
    remaining: Int!
    resetAt: DateTime!
    used: Int!
  }

  type Query {
    rateLimit(dryRun: Boolean = false): RateLimit
    repository(followRenames: Boolean = true, name: String!, owner: String!): Repository
  }
`;
