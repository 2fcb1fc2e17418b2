// What every route handler gets: the world, the resolved options and the simulator's own URLs.
import type { ResolvedSimOptions } from './options.js';
import type { OAuthStore } from './oauth.js';
import type { DiscordSimState } from './state.js';

export interface SimContext {
  state: DiscordSimState;
  options: ResolvedSimOptions;
  oauth: OAuthStore;
  urls: { gateway: string; resumeGateway: string; api: string };
  /** Counts gateway session starts for /gateway/bot's session_start_limit. */
  sessionStarts: { used: number };
}
