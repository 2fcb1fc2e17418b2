// The running host as its transports see it: the AdminApi handlers, the event stream and a
// lifecycle. Electron's IPC binding and the headless web server both take one of these.
import type { EventHub } from '../api/event-hub.js';
import type { Health } from '../api/contract.js';
import type { AdminHandlers } from '../api/handlers.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/types.js';
import type { LinkPort } from '../../src-bot/ports.js';
import type { LinksRepository } from '../store/repositories.js';
import type { AuditPort, SyncPort, VoiceStatsPort } from '../../src-bot/ports.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { BotRunner } from './bot-runner.js';
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
  /**
   * The role engine's ports: the bot's `BotPorts.sync`, `.audit` and `.voiceStats` are these
   * objects.
   */
  readonly rolePorts: { sync: SyncPort; audit: AuditPort; voiceStats: VoiceStatsPort };
  /**
   * The scheduler: `notifyResume()` for Electron's powerMonitor 'resume', `status()`/`onChange()`
   * for the tray, `registerRefreshJob()` for OAuth token refresh.
   */
  readonly scheduler: Pick<
    Scheduler,
    'notifyResume' | 'status' | 'onChange' | 'pause' | 'resume' | 'registerRefreshJob'
  >;
  /**
   * The Discord bot: its state, `client` and `onReady(listener)` for parts that drive Discord
   * (sync applier, voice stats), and `refreshManagedGuilds()` after the guild list changes.
   */
  readonly bot: BotRunner;
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
