// Errors in how a test or demo drives the simulator (not errors the fake Discord API returns).
export class GitGuildSimError extends Error {
  override readonly name = 'GitGuildSimError';
}
