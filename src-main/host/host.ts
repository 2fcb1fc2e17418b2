// The running host as its transports see it: the AdminApi handlers, the event stream and a
// lifecycle. Electron's IPC binding and the headless web server both take one of these.
import type { EventHub } from '../api/event-hub.js';
import type { Health } from '../api/contract.js';
import type { AdminHandlers } from '../api/handlers.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/types.js';
import type { LinkPort } from '../../src-bot/ports.js';
import type { LinksRepository } from '../store/repositories.js';
import type { OAuthServices } from './oauth-services.js';

export type HostMode = Health['mode'];

export interface Host {
  readonly mode: HostMode;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly events: EventHub;
  readonly handlers: AdminHandlers;
  readonly secrets: SecretStore;
  /** Member links, for the bot's /link port (a later issue) and tests; transports use `handlers`. */
  readonly links: LinksRepository;
  /** The bot's LinkPort (/link, /unlink): GitHub device flow or web mode; pass it in BotPorts.links. */
  readonly linkPort: LinkPort;
  /** OAuth: sign-in flows, the token refresh job, and the routes the web server mounts publicly. */
  readonly oauth: Pick<
    OAuthServices,
    'flows' | 'auth' | 'links' | 'sessions' | 'refreshJob' | 'publicRoutes' | 'publicBaseUrl'
  >;
  health(): Health;
  /** Starts background parts (the bot when a token exists). Resolves without waiting for Discord. */
  start(): Promise<void>;
  /** Stops the bot and closes the store; safe to call twice. */
  stop(): Promise<void>;
}
