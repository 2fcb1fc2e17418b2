// The subset of GitHub's public GraphQL schema that GitGuild reads, in SDL with GitHub's own type
// and field names. A fidelity test checks every type, field and argument here against the real
// schema (`@octokit/graphql-schema`), so this file can only shrink GitHub's schema, never invent.

export const SIM_GRAPHQL_SDL = /* GraphQL */ `
  "An ISO-8601 encoded UTC date string."
  scalar DateTime

  "An RFC 3986, RFC 3987, and RFC 6570 (level 4) compliant URI string."
  scalar URI

  "A Git object ID."
  scalar GitObjectID

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

  interface GitObject {
    id: ID!
    oid: GitObjectID!
  }

  type Commit implements GitObject & Node {
    authoredDate: DateTime!
    committedDate: DateTime!
    id: ID!
    oid: GitObjectID!
  }

  type Ref implements Node {
    id: ID!
    name: String!
    target: GitObject
  }

  enum IssueState {
    CLOSED
    OPEN
  }

  type Issue implements Node {
    author: Actor
    closed: Boolean!
    closedAt: DateTime
    createdAt: DateTime!
    id: ID!
    number: Int!
    state: IssueState!
    title: String!
    updatedAt: DateTime!
  }

  type IssueEdge {
    cursor: String!
    node: Issue
  }

  type IssueConnection {
    edges: [IssueEdge]
    nodes: [Issue]
    pageInfo: PageInfo!
    totalCount: Int!
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
    createdAt: DateTime!
    databaseId: Int
    defaultBranchRef: Ref
    forkCount: Int!
    id: ID!
    isArchived: Boolean!
    isDisabled: Boolean!
    isEmpty: Boolean!
    isFork: Boolean!
    issues(
      after: String
      before: String
      first: Int
      labels: [String!]
      last: Int
      orderBy: IssueOrder
      states: [IssueState!]
    ): IssueConnection!
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
    pushedAt: DateTime
    stargazerCount: Int!
    updatedAt: DateTime!
  }

  type RepositoryEdge {
    cursor: String!
    node: Repository
  }

  type RepositoryConnection {
    edges: [RepositoryEdge]
    nodes: [Repository]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  enum RepositoryOrderField {
    CREATED_AT
    NAME
    PUSHED_AT
    STARGAZERS
    UPDATED_AT
  }

  input RepositoryOrder {
    direction: OrderDirection!
    field: RepositoryOrderField!
  }

  type Organization implements Node {
    databaseId: Int
    id: ID!
    login: String!
    name: String
    repositories(
      after: String
      before: String
      first: Int
      isArchived: Boolean
      isFork: Boolean
      last: Int
      orderBy: RepositoryOrder
    ): RepositoryConnection!
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
    organization(login: String!): Organization
    rateLimit(dryRun: Boolean = false): RateLimit
    repository(followRenames: Boolean = true, name: String!, owner: String!): Repository
  }
`;
