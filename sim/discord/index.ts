// Local Discord for tests and `npm run demo`: REST v10, gateway, OAuth2 and a control API on
// 127.0.0.1, speaking the real protocols so discord.js talks to it with only its base URL changed.
import type { AddressInfo } from 'node:net';
import { generateGuild, type GuildScenario } from '../scenarios/guild.js';
import type { SimContext } from './context.js';
import { createControl, type CallRecord, type DiscordSimControl, type Faults } from './control.js';
import { createControlHandler } from './control-http.js';
import { DiscordGateway } from './gateway.js';
import { Router } from './http/router.js';
import { createSimServer } from './http/server.js';
import { OAuthStore } from './oauth.js';
import { resolveOptions, type StartDiscordSimOptions } from './options.js';
import { RateLimiter } from './rate-limits.js';
import { auditLogRoutes } from './routes/audit-logs.js';
import { channelRoutes } from './routes/channels.js';
import { commandRoutes } from './routes/commands.js';
import { interactionRoutes } from './routes/interactions.js';
import { memberRoutes } from './routes/members.js';
import { metaRoutes } from './routes/meta.js';
import { roleRoutes } from './routes/roles.js';
import { DiscordSimState } from './state.js';

export type {
  DiscordSimControl,
  CallRecord,
  GuildSnapshot,
  InteractionView,
  FailureFault,
  LatencyFault,
} from './control.js';
export type { GatewayOpRecord } from './gateway.js';
export type { InjectInteractionInput } from './interaction-factory.js';
export {
  DEFAULT_RATE_LIMITS,
  type RateLimitConfig,
  type BucketLimit,
  type StartDiscordSimOptions,
} from './options.js';

export interface DiscordSim {
  /** Pass as discord.js `rest: { api: restUrl }`; discord.js appends /v10 itself. */
  restUrl: string;
  gatewayUrl: string;
  /** Base for the OAuth2 authorize page (`${oauthUrl}/authorize`); the token endpoint is `${restUrl}/oauth2/token`. */
  oauthUrl: string;
  controlUrl: string;
  /** The guild's web view: channels, members, the bot's answers and a slash-command box. */
  webUrl: string;
  botToken: string;
  applicationId: string;
  clientSecret: string;
  guild: GuildScenario;
  control: DiscordSimControl;
  close(): Promise<void>;
}

export async function startDiscordSim(options: StartDiscordSimOptions = {}): Promise<DiscordSim> {
  const scenario = options.guild ?? generateGuild({ seed: options.seed ?? 1, preset: 'demo' });
  const resolved = resolveOptions(options, scenario.application.id);
  const state = new DiscordSimState(scenario, scenario.application, scenario.botUser);
  const ctx: SimContext = {
    state,
    options: resolved,
    oauth: new OAuthStore(
      scenario.application.id,
      resolved.oauth.clientSecret,
      resolved.oauth.redirectUris,
    ),
    urls: { gateway: '', resumeGateway: '', api: '' },
    sessionStarts: { used: 0 },
  };
  const router = new Router();
  // Literal segments (@me, @original) are registered before the parameterised routes they shadow.
  router.addAll([
    ...metaRoutes(ctx),
    ...roleRoutes(ctx),
    ...auditLogRoutes(ctx),
    ...memberRoutes(ctx),
    ...channelRoutes(ctx),
    ...commandRoutes(ctx),
    ...interactionRoutes(ctx),
  ]);
  const limiter = new RateLimiter(resolved.rateLimits);
  const gateway = new DiscordGateway(ctx);
  const calls: CallRecord[] = [];
  const faults: Faults = { failures: [], latency: [] };
  const control = createControl(ctx, gateway, limiter, calls, faults);
  const handleControl = createControlHandler(control);
  const server = createSimServer({
    ctx,
    router,
    limiter,
    gateway,
    calls,
    faults,
    control: (req, path, body) => handleControl(req.method ?? 'GET', path, body),
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  ctx.urls.gateway = `ws://127.0.0.1:${port}/gateway`;
  // A distinct resume URL lets tests prove clients honour resume_gateway_url.
  ctx.urls.resumeGateway = `ws://127.0.0.1:${port}/gateway/resume`;
  ctx.urls.api = `${origin}/api`;

  return {
    restUrl: `${origin}/api`,
    gatewayUrl: ctx.urls.gateway,
    oauthUrl: `${origin}/oauth2`,
    controlUrl: `${origin}/_control`,
    webUrl: `${origin}/guild/`,
    botToken: resolved.botToken,
    applicationId: scenario.application.id,
    clientSecret: resolved.oauth.clientSecret,
    guild: scenario,
    control,
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
