// Every slash command GitGuild registers, in the order /help lists them.
import { checkPermissions } from './check-permissions.js';
import { getstats } from './getstats.js';
import { halloffame } from './halloffame.js';
import { help } from './help.js';
import { link } from './link.js';
import { setupVoiceStats } from './setup-voice-stats.js';
import { showActivityComparison } from './show-activity-comparison.js';
import { showActivityTrends } from './show-activity-trends.js';
import { showTimeSeries } from './show-time-series.js';
import { showTopContributors } from './show-top-contributors.js';
import { sync } from './sync.js';
import type { BotCommand } from './types.js';
import { unlink } from './unlink.js';

export const COMMANDS: readonly BotCommand[] = [
  link,
  unlink,
  getstats,
  halloffame,
  showTopContributors,
  showActivityComparison,
  showActivityTrends,
  showTimeSeries,
  help,
  sync,
  setupVoiceStats,
  checkPermissions,
];

export type { BotCommand, CommandContext } from './types.js';
