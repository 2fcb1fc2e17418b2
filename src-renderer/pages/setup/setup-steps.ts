// The setup wizard's steps and how far along each one is. Whether a step is done is read from
// the host's real state (secrets present, bot state, orgs, crawls), never stored, so the wizard
// cannot claim a step that was undone elsewhere; only the step last open and whether the admin
// dismissed the wizard are stored (settings.setupWizard). Pure, so it is unit-tested.
import type { Health, MethodOutput } from '../../../src-main/api/contract';

export type SetupStepId = 'bot' | 'discord-oauth' | 'github' | 'org' | 'crawl' | 'invite';

export const SETUP_STEPS: readonly { id: SetupStepId; title: string }[] = [
  { id: 'bot', title: 'Discord bot token' },
  { id: 'discord-oauth', title: 'Discord sign-in' },
  { id: 'github', title: 'GitHub token' },
  { id: 'org', title: 'Organisation' },
  { id: 'crawl', title: 'First crawl' },
  { id: 'invite', title: 'Invite the bot' },
];

/** `optional`: the host works without it (Discord sign-in only adds badges and missing servers). */
export type StepStatus = 'done' | 'attention' | 'todo' | 'optional';

export interface SetupFacts {
  secrets: MethodOutput<'secrets.status'>;
  settings: MethodOutput<'settings.get'>;
  crawl: MethodOutput<'crawl.status'>;
  bot: Health['bot'] | null;
  /** Null when the host could not say (an older host, or it failed): those steps stay optional. */
  auth: MethodOutput<'auth.status'> | null;
}

export interface StepState {
  id: SetupStepId;
  status: StepStatus;
  /** One line: what is true now, or what is wrong. */
  summary: string;
  /** How to fix it, when something is wrong or missing. */
  fix?: string;
}

const TOKEN_PROBLEM = /token|401|unauthori[sz]ed|bad credentials/i;

export function stepStates(facts: SetupFacts): StepState[] {
  return SETUP_STEPS.map((step) => stepState(step.id, facts));
}

function stepState(id: SetupStepId, facts: SetupFacts): StepState {
  const { secrets, settings, crawl, bot } = facts;
  const crawledOrgs = crawl.orgs.map((o) => o.org.toLowerCase());
  switch (id) {
    case 'bot': {
      if (!secrets.present['discord.botToken']) {
        return {
          id,
          status: 'todo',
          summary: 'No bot token is set, so the bot cannot connect to Discord.',
          fix: 'Discord Developer Portal → Applications → your app → Bot → Reset Token, then paste it here.',
        };
      }
      switch (bot?.state) {
        case 'ready':
          return {
            id,
            status: 'done',
            summary: `The bot is online in ${bot.guilds} server${bot.guilds === 1 ? '' : 's'}.`,
          };
        case 'connecting':
          return { id, status: 'todo', summary: 'The bot is connecting to Discord…' };
        case 'error':
        case 'disconnected':
          return {
            id,
            status: 'attention',
            summary: bot.detail ?? `The bot is ${bot.state}.`,
            fix: 'If Discord refused the token, reset it in the Developer Portal (Bot → Reset Token) and paste the new one here.',
          };
        default:
          return { id, status: 'todo', summary: 'The token is set; waiting for the bot to start.' };
      }
    }
    case 'discord-oauth': {
      const discord = facts.auth?.discord;
      if (discord?.signedIn)
        return {
          id,
          status: 'done',
          summary: `Signed in with Discord as ${discord.user?.globalName ?? discord.user?.username ?? 'you'}.`,
        };
      if (discord?.configured)
        return {
          id,
          status: 'optional',
          summary: 'The OAuth client is set. Sign in to see your servers and your badge in each.',
        };
      return {
        id,
        status: 'optional',
        summary:
          'Optional: with a Discord OAuth client you sign in with Discord to see the servers you manage and invite the bot to them.',
        ...(settings.discordClientId === ''
          ? {}
          : { fix: 'Paste the client secret too, then sign in.' }),
      };
    }
    case 'github': {
      if (!secrets.present['github.token']) {
        return {
          id,
          status: 'todo',
          summary: 'No GitHub token is set, so GitGuild cannot read the organisation.',
          fix: 'GitHub → Settings → Developer settings → Personal access tokens: create one that can read the organisation’s repositories, then paste it here.',
        };
      }
      if (crawl.lastError && TOKEN_PROBLEM.test(crawl.lastError)) {
        return {
          id,
          status: 'attention',
          summary: crawl.lastError,
          fix: 'Paste a token that can read the organisation’s repositories, then crawl again.',
        };
      }
      return crawledOrgs.length > 0
        ? { id, status: 'done', summary: 'The token is set and the crawl could read with it.' }
        : {
            id,
            status: 'done',
            summary: 'The token is set. The first crawl checks that it can read the organisation.',
          };
    }
    case 'org':
      return settings.githubOrgs.length > 0
        ? { id, status: 'done', summary: `GitGuild counts ${settings.githubOrgs.join(', ')}.` }
        : {
            id,
            status: 'todo',
            summary: 'No organisation is chosen.',
            fix: 'Type the organisation’s login as in github.com/<login>.',
          };
    case 'crawl': {
      if (crawl.running) return { id, status: 'todo', summary: 'The first crawl is running…' };
      const first = settings.githubOrgs[0]?.toLowerCase();
      const summary = crawl.orgs.find((o) => o.org.toLowerCase() === first);
      if (summary) {
        return summary.complete
          ? { id, status: 'done', summary: `${summary.org} was crawled.` }
          : {
              id,
              status: 'attention',
              summary: `${summary.org} was crawled, but ${summary.missing.length} repositor${summary.missing.length === 1 ? 'y' : 'ies'} could not be read.`,
              fix: 'Stats are marked partial until a crawl reads them; the Stats page lists each one and why.',
            };
      }
      if (crawl.lastError) {
        return {
          id,
          status: 'attention',
          summary: crawl.lastError,
          fix: TOKEN_PROBLEM.test(crawl.lastError)
            ? 'Fix the GitHub token (step 3), then crawl again.'
            : 'Check the organisation (step 4), then crawl again.',
        };
      }
      return { id, status: 'todo', summary: 'The organisation has not been crawled yet.' };
    }
    case 'invite': {
      if (bot?.state === 'ready' && bot.guilds > 0)
        return {
          id,
          status: 'done',
          summary: `The bot is in ${bot.guilds} server${bot.guilds === 1 ? '' : 's'}; choose each one's organisation and roles under Guilds.`,
        };
      if (bot?.state === 'ready')
        return {
          id,
          status: 'todo',
          summary: 'The bot is online but in no server yet.',
          fix: 'Open the invite link below, pick your server and authorise; then press Check again.',
        };
      return {
        id,
        status: 'todo',
        summary: 'The bot must be online to check where it is (step 1).',
        fix: 'Set the bot token first; the invite link below works already.',
      };
    }
  }
}

/** The wizard opens by itself when the host cannot do its job yet and the admin has not dismissed it. */
export function needsSetup(facts: SetupFacts): boolean {
  if (facts.settings.setupWizard.dismissedAt !== null) return false;
  return (
    !facts.secrets.present['discord.botToken'] ||
    facts.settings.githubOrgs.length === 0 ||
    facts.crawl.orgs.length === 0
  );
}

/** Where the wizard opens: the step left open last time, else the first one not done. */
export function resumeStep(facts: SetupFacts, states: readonly StepState[]): SetupStepId {
  const stored = facts.settings.setupWizard.step;
  const known = SETUP_STEPS.find((s) => s.id === stored);
  if (known) return known.id;
  return states.find((s) => s.status === 'todo' || s.status === 'attention')?.id ?? 'bot';
}

export function stepsLeft(states: readonly StepState[]): number {
  return states.filter((s) => s.status === 'todo' || s.status === 'attention').length;
}
