// Slash-command options, validated. Discord checks option types and ranges before a command
// reaches the bot, but a bot must not trust that: every value is checked here and a bad one is
// refused with a message that says what would work.
import type { ChatInputCommandInteraction, User } from 'discord.js';
import { METRIC_LABELS, METRICS, WINDOW_LABELS, WINDOWS, clip } from '../format.js';
import type { StatsMetric, StatsWindow } from '../ports.js';
import { CommandError } from './command-error.js';

type Interaction = ChatInputCommandInteraction<'cached'>;

function raw(interaction: Interaction, name: string): unknown {
  return interaction.options.data.find((o) => o.name === name)?.value;
}

function shown(value: unknown): string {
  return clip(String(value).replace(/[`*_~|>\n\r]/g, ' '), 40);
}

function oneOf<T extends string>(
  interaction: Interaction,
  name: string,
  allowed: readonly T[],
  describe: (v: T) => string,
): T | null {
  const value = raw(interaction, name);
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  throw new CommandError(
    'bad_option',
    `\`${shown(value)}\` is not a valid ${name}. Choose one of: ${allowed.map(describe).join(', ')}.`,
    { option: name },
  );
}

export const metricOption = (interaction: Interaction, name = 'metric'): StatsMetric | null =>
  oneOf(interaction, name, METRICS, (m) => `${METRIC_LABELS[m]} (\`${m}\`)`);

export const windowOption = (interaction: Interaction, name = 'window'): StatsWindow | null =>
  oneOf(interaction, name, WINDOWS, (w) => `${WINDOW_LABELS[w]} (\`${w}\`)`);

export function choiceOption<T extends string>(
  interaction: Interaction,
  name: string,
  allowed: readonly T[],
): T | null {
  return oneOf(interaction, name, allowed, (v) => `\`${v}\``);
}

export function booleanOption(interaction: Interaction, name: string): boolean | null {
  const value = raw(interaction, name);
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value;
  throw new CommandError('bad_option', `\`${name}\` must be true or false.`, { option: name });
}

export function integerOption(
  interaction: Interaction,
  name: string,
  range: { min: number; max: number },
): number | null {
  const value = raw(interaction, name);
  if (value === undefined || value === null) return null;
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= range.min &&
    value <= range.max
  )
    return value;
  throw new CommandError(
    'bad_option',
    `\`${name}\` must be a whole number from ${range.min} to ${range.max}; got \`${shown(value)}\`.`,
    { option: name },
  );
}

/** A comma- or space-separated list of metrics ("commits, reviews"), or `all`. */
export function metricListOption(interaction: Interaction, name: string): StatsMetric[] | null {
  const value = raw(interaction, name);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > 200)
    throw new CommandError(
      'bad_option',
      `\`${name}\` must be a list such as \`commits, reviews\`.`,
    );
  const words = value
    .toLowerCase()
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (words.length === 1 && words[0] === 'all') return [...METRICS];
  const byLabel = new Map<string, StatsMetric>();
  for (const m of METRICS) {
    byLabel.set(m, m);
    byLabel.set(m.replace('_', ''), m);
    byLabel.set(m.replace('_', '-'), m);
  }
  const unknown = words.filter((w) => !byLabel.has(w));
  if (words.length === 0 || unknown.length > 0)
    throw new CommandError(
      'bad_option',
      `${unknown.length > 0 ? `\`${shown(unknown.join(', '))}\` is not a metric. ` : ''}List one or more of \`${METRICS.join('`, `')}\` (comma-separated), or \`all\`.`,
      { option: name },
    );
  return METRICS.filter((m) => words.some((w) => byLabel.get(w) === m));
}

/**
 * A user option. Discord resolves the user for us; an id it could not resolve (a user who is not
 * in this server, or a made-up id) is refused instead of guessed.
 */
export function userOption(interaction: Interaction, name: string): User | null {
  const option = interaction.options.data.find((o) => o.name === name);
  if (!option) return null;
  if (option.user) return option.user;
  throw new CommandError(
    'unknown_user',
    `I can't find that user in this server. Pick someone from the list when you type \`${name}:\`.`,
    { option: name },
  );
}
