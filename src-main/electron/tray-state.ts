// The tray as a pure function of what the host reports: which of five states it shows, the
// tooltip (with the last and next sync) and the menu. Nothing here touches Electron, so the
// whole decision is unit-tested; tray-controller.ts applies the result to a real Tray.
import type { DesktopPage } from './desktop-pages.js';

export const TRAY_STATES = ['running', 'syncing', 'attention', 'paused', 'bot-offline'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

/**
 * The bot as the tray sees it; the host's states fold into these (desktop-status.ts):
 * `offline` is a bot that lost Discord and is reconnecting by itself, `failed` one that gave up
 * (a rejected token, a missing intent) and needs Start after the fix, `stopped` one the admin
 * stopped.
 */
export type BotCondition =
  'online' | 'connecting' | 'offline' | 'failed' | 'stopped' | 'not-configured';
/** `paused` only when nothing runs; a run in progress while paused is `running` (and `paused`). */
export type SchedulerCondition = 'idle' | 'running' | 'paused' | 'stopped';

/** Something the admin should look at, and the page where it is fixed. */
export interface AttentionItem {
  key: string;
  summary: string;
  page: DesktopPage;
}

export interface TrayInput {
  bot: { condition: BotCondition; guilds: number };
  scheduler: {
    condition: SchedulerCondition;
    /** Timed runs are paused (the Pause / Resume item); defaults to `condition === 'paused'`. */
    paused?: boolean;
    /** What the times are of: guild syncs, or org crawls when no guild is synced yet. */
    subject?: 'sync' | 'crawl';
    lastRunAt: string | null;
    nextRunAt: string | null;
  };
  /** The job in progress (from progress events), or null. */
  activity: { job: string; done: number; total: number } | null;
  /** Most important first; empty when all is well. */
  attention: readonly AttentionItem[];
}

/**
 * Precedence, highest first: something needs the admin (they must act), the bot is offline (the
 * guild is unattended), a run is in progress, sync is paused (deliberate), all is well.
 */
export function trayStateOf(input: TrayInput): TrayState {
  if (input.attention.length > 0) return 'attention';
  if (botDown(input.bot.condition)) return 'bot-offline';
  if (input.activity !== null || input.scheduler.condition === 'running') return 'syncing';
  if (input.scheduler.condition === 'paused') return 'paused';
  return 'running';
}

function botDown(condition: BotCondition): boolean {
  return condition === 'offline' || condition === 'failed' || condition === 'stopped';
}

/** Whether the bot is up or trying to be, so the menu offers Stop rather than Start. */
export function botRunning(condition: BotCondition): boolean {
  return condition === 'online' || condition === 'connecting' || condition === 'offline';
}

const BOT_TEXT: Record<BotCondition, string> = {
  online: 'bot online',
  connecting: 'bot connecting',
  offline: 'bot offline',
  failed: 'bot could not connect',
  stopped: 'bot stopped',
  'not-configured': 'bot not set up',
};

function activityText(activity: NonNullable<TrayInput['activity']>): string {
  return activity.total > 0
    ? `${activity.job} ${activity.done}/${activity.total}`
    : `${activity.job} starting`;
}

/** One line saying what GitGuild is doing, for the tooltip and the menu's status item. */
export function statusLine(input: TrayInput): string {
  const state = trayStateOf(input);
  const guilds = input.bot.guilds === 1 ? '1 guild' : `${input.bot.guilds} guilds`;
  const bot =
    input.bot.condition === 'online' ? `bot online in ${guilds}` : BOT_TEXT[input.bot.condition];
  switch (state) {
    case 'attention': {
      const [first] = input.attention;
      const more = input.attention.length > 1 ? ` (+${input.attention.length - 1} more)` : '';
      return `Needs attention: ${first?.summary ?? ''}${more}`;
    }
    case 'bot-offline':
      return input.bot.condition === 'stopped'
        ? 'Bot stopped'
        : input.bot.condition === 'failed'
          ? 'Bot could not connect'
          : 'Bot offline';
    case 'syncing':
      return input.activity ? `Syncing: ${activityText(input.activity)}` : 'Syncing';
    case 'paused':
      return `Sync paused, ${bot}`;
    case 'running':
      return `Running, ${bot}`;
  }
}

export interface ClockOptions {
  now: Date;
  /** IANA zone for the times shown; the machine's zone when omitted. */
  timeZone?: string;
}

function dayKey(date: Date, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(date);
}

/** "14:05" today, "Tue 14:05" within a week either way, "3 Mar 14:05" further off. */
export function clockTime(iso: string, clock: ClockOptions): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'unknown';
  const { timeZone } = clock;
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  if (dayKey(date, timeZone) === dayKey(clock.now, timeZone)) return time;
  const week = 6 * 86_400_000;
  const options: Intl.DateTimeFormatOptions =
    Math.abs(date.getTime() - clock.now.getTime()) <= week
      ? { timeZone, weekday: 'short' }
      : { timeZone, day: 'numeric', month: 'short' };
  return `${new Intl.DateTimeFormat('en-GB', options).format(date)} ${time}`;
}

/** Windows cuts tray tooltips at 127 characters; stay under it everywhere. */
export const TOOLTIP_MAX = 127;

function isPaused(input: TrayInput): boolean {
  return input.scheduler.paused ?? input.scheduler.condition === 'paused';
}

export function trayTooltip(input: TrayInput, clock: ClockOptions): string {
  const last = input.scheduler.lastRunAt ? clockTime(input.scheduler.lastRunAt, clock) : 'never';
  const next = isPaused(input)
    ? 'paused'
    : input.scheduler.nextRunAt
      ? clockTime(input.scheduler.nextRunAt, clock)
      : 'not scheduled';
  const second = `Last ${input.scheduler.subject ?? 'sync'} ${last}, next ${next}`;
  const room = TOOLTIP_MAX - second.length - 'GitGuild: '.length - 1;
  let first = statusLine(input);
  if (first.length > room) first = `${first.slice(0, Math.max(0, room - 1))}…`;
  return `GitGuild: ${first}\n${second}`;
}

// ---- the menu, as data: tray-controller.ts turns it into Electron's template ----

export type TrayCommand =
  | 'open'
  | 'sync-now'
  | 'pause-sync'
  | 'resume-sync'
  | 'start-bot'
  | 'stop-bot'
  | 'launch-at-login'
  | 'quit';

export type TrayMenuItem =
  | { kind: 'command'; command: TrayCommand; label: string; enabled: boolean }
  | { kind: 'toggle'; command: TrayCommand; label: string; checked: boolean; enabled: boolean }
  | { kind: 'status'; label: string }
  | { kind: 'separator' };

export interface TrayMenuOptions {
  launchAtLogin: boolean;
  /** While quitting, only the status remains meaningful. */
  quitting: boolean;
}

export function trayMenu(input: TrayInput, options: TrayMenuOptions): TrayMenuItem[] {
  const { quitting } = options;
  const syncing = input.activity !== null || input.scheduler.condition === 'running';
  const paused = isPaused(input);
  const botUp = botRunning(input.bot.condition);
  return [
    { kind: 'command', command: 'open', label: 'Open GitGuild', enabled: !quitting },
    { kind: 'status', label: quitting ? 'Quitting…' : statusLine(input) },
    { kind: 'separator' },
    {
      kind: 'command',
      command: 'sync-now',
      label: syncing ? 'Syncing…' : 'Sync now',
      enabled: !syncing && !quitting,
    },
    {
      kind: 'command',
      command: paused ? 'resume-sync' : 'pause-sync',
      label: paused ? 'Resume sync' : 'Pause sync',
      enabled: input.scheduler.condition !== 'stopped' && !quitting,
    },
    {
      kind: 'command',
      command: botUp ? 'stop-bot' : 'start-bot',
      label: botUp ? 'Stop bot' : 'Start bot',
      enabled: input.bot.condition !== 'not-configured' && !quitting,
    },
    { kind: 'separator' },
    {
      kind: 'toggle',
      command: 'launch-at-login',
      label: 'Launch at login',
      checked: options.launchAtLogin,
      enabled: !quitting,
    },
    { kind: 'separator' },
    { kind: 'command', command: 'quit', label: 'Quit GitGuild', enabled: !quitting },
  ];
}
