// Converts between the host's Settings and the strings a form edits, and computes the patch of
// what changed. The host validates; this file only shapes input, it never rejects it, so the
// server's message is the one the admin sees.
import type { MethodInput, MethodOutput } from '../../../src-main/api/contract';

export type Settings = MethodOutput<'settings.get'>;
export type SettingsPatch = NonNullable<MethodInput<'settings.update'>>;

/** Keys are the dotted paths the server reports in validation issues. */
export interface SettingsForm {
  timeZone: string;
  syncIntervalMinutes: string;
  githubOrgs: string;
  githubApiBaseUrl: string;
  githubWebBaseUrl: string;
  discordApiBaseUrl: string;
  discordClientId: string;
  'crawl.includeArchived': boolean;
  'crawl.includeForks': boolean;
  'crawl.includeBots': boolean;
  'crawl.repoInclude': string;
  'crawl.repoExclude': string;
  startMinimized: boolean;
  launchAtLogin: boolean;
}
export type SettingsField = keyof SettingsForm;

export function toForm(settings: Settings): SettingsForm {
  return {
    timeZone: settings.timeZone,
    syncIntervalMinutes: String(settings.syncIntervalMinutes),
    githubOrgs: settings.githubOrgs.join(', '),
    githubApiBaseUrl: settings.githubApiBaseUrl,
    githubWebBaseUrl: settings.githubWebBaseUrl,
    discordApiBaseUrl: settings.discordApiBaseUrl,
    discordClientId: settings.discordClientId,
    'crawl.includeArchived': settings.crawl.includeArchived,
    'crawl.includeForks': settings.crawl.includeForks,
    'crawl.includeBots': settings.crawl.includeBots,
    'crawl.repoInclude': settings.crawl.repoInclude.join('\n'),
    'crawl.repoExclude': settings.crawl.repoExclude.join('\n'),
    startMinimized: settings.startMinimized,
    launchAtLogin: settings.launchAtLogin,
  };
}

/** Splits on commas, whitespace or newlines and drops empty entries. */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** A number when the text is one; otherwise the text itself, so the server explains the problem. */
function numberOrText(text: string): number {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  // The cast hands non-numbers to the server on purpose: it owns validation and its message.
  return Number.isFinite(value) ? value : (trimmed as unknown as number);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** Only the fields that differ from `current`; an empty object means nothing to save. */
export function diffSettings(current: Settings, form: SettingsForm): SettingsPatch {
  const patch: SettingsPatch = {};
  const text = (value: string): string => value.trim();
  if (text(form.timeZone) !== current.timeZone) patch.timeZone = text(form.timeZone);
  if (form.syncIntervalMinutes.trim() !== String(current.syncIntervalMinutes)) {
    patch.syncIntervalMinutes = numberOrText(form.syncIntervalMinutes);
  }
  const orgs = splitList(form.githubOrgs);
  if (!sameList(orgs, current.githubOrgs)) patch.githubOrgs = orgs;
  if (text(form.githubApiBaseUrl) !== current.githubApiBaseUrl)
    patch.githubApiBaseUrl = text(form.githubApiBaseUrl);
  if (text(form.githubWebBaseUrl) !== current.githubWebBaseUrl)
    patch.githubWebBaseUrl = text(form.githubWebBaseUrl);
  if (text(form.discordApiBaseUrl) !== current.discordApiBaseUrl)
    patch.discordApiBaseUrl = text(form.discordApiBaseUrl);
  if (text(form.discordClientId) !== current.discordClientId)
    patch.discordClientId = text(form.discordClientId);
  if (form.startMinimized !== current.startMinimized) patch.startMinimized = form.startMinimized;
  if (form.launchAtLogin !== current.launchAtLogin) patch.launchAtLogin = form.launchAtLogin;

  const crawl: NonNullable<SettingsPatch['crawl']> = {};
  if (form['crawl.includeArchived'] !== current.crawl.includeArchived)
    crawl.includeArchived = form['crawl.includeArchived'];
  if (form['crawl.includeForks'] !== current.crawl.includeForks)
    crawl.includeForks = form['crawl.includeForks'];
  if (form['crawl.includeBots'] !== current.crawl.includeBots)
    crawl.includeBots = form['crawl.includeBots'];
  const include = splitList(form['crawl.repoInclude']);
  if (!sameList(include, current.crawl.repoInclude)) crawl.repoInclude = include;
  const exclude = splitList(form['crawl.repoExclude']);
  if (!sameList(exclude, current.crawl.repoExclude)) crawl.repoExclude = exclude;
  if (Object.keys(crawl).length > 0) patch.crawl = crawl;
  return patch;
}

/**
 * Files each server issue under the form field it belongs to (`githubOrgs.1` belongs to
 * `githubOrgs`); issues that match no field are returned under `general`.
 */
export function issuesByField(
  issues: readonly { path: string; message: string }[],
  fields: readonly SettingsField[],
): { byField: Partial<Record<SettingsField, string[]>>; general: string[] } {
  const byField: Partial<Record<SettingsField, string[]>> = {};
  const general: string[] = [];
  for (const issue of issues) {
    const field = fields.find((f) => issue.path === f || issue.path.startsWith(`${f}.`));
    if (field) (byField[field] ??= []).push(issue.message);
    else general.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  return { byField, general };
}
