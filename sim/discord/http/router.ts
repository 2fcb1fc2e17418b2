// Route table for the fake REST API: templates like /guilds/:guild_id/members/:user_id,
// each with its auth kind and a handler. The template doubles as the rate-limit bucket route.
import type { IncomingHttpHeaders } from 'node:http';
import type { UploadedFile } from './body.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** bot: `Authorization: Bot`; bearer: an OAuth2 access token; either: both work; none: token in URL. */
export type AuthKind = 'bot' | 'bearer' | 'either' | 'none';

export interface Caller {
  kind: 'bot' | 'bearer' | 'anonymous';
  /** The user behind the token: the bot user or the OAuth2 user. */
  userId: string | null;
  scopes: string[];
}

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  json: unknown;
  form: URLSearchParams | null;
  files: UploadedFile[];
  headers: IncomingHttpHeaders;
  caller: Caller;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteSpec {
  method: HttpMethod;
  template: string;
  auth: AuthKind;
  /** Interaction callbacks and webhooks with tokens do not count against the global limit. */
  skipGlobalLimit?: boolean;
  handler: (ctx: RouteContext) => RouteResult | Promise<RouteResult>;
}

export interface MatchedRoute {
  spec: RouteSpec;
  params: Record<string, string>;
  routeKey: string;
  /** Discord's major parameter: the guild, channel or webhook the bucket is scoped to. */
  major: string;
}

export class Router {
  private readonly routes: { spec: RouteSpec; segments: string[] }[] = [];

  add(spec: RouteSpec): void {
    this.routes.push({ spec, segments: spec.template.split('/').filter(Boolean) });
  }

  addAll(specs: RouteSpec[]): void {
    for (const spec of specs) this.add(spec);
  }

  /** Returns the match, 'method' when the path exists under another method, or null. */
  match(method: string, path: string): MatchedRoute | 'method' | null {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    let pathMatched = false;
    for (const { spec, segments } of this.routes) {
      if (segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = segments.every((seg, i) => {
        const part = parts[i] as string;
        if (seg.startsWith(':')) {
          params[seg.slice(1)] = part;
          return true;
        }
        return seg === part;
      });
      if (!ok) continue;
      pathMatched = true;
      if (spec.method !== method) continue;
      const major =
        params.guild_id ??
        params.channel_id ??
        (params.webhook_id
          ? `${params.webhook_id}:${params.webhook_token ?? ''}`
          : (params.interaction_id ?? 'none'));
      return { spec, params, routeKey: `${spec.method} ${spec.template}`, major };
    }
    return pathMatched ? 'method' : null;
  }
}
