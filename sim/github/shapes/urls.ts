// Base URLs the simulator's payloads point at (API and web), and GitHub-style global node ids.

export interface SimUrls {
  /** Plays https://api.github.com */
  api: string;
  /** Plays https://github.com */
  web: string;
}

/** GitHub node ids are opaque base64 strings; ours encode the type and database id. */
export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`0:${type}${id}`).toString('base64').replace(/=+$/, '');
}
