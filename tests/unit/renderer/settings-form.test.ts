import { describe, expect, it } from 'vitest';
import {
  diffSettings,
  issuesByField,
  splitList,
  toForm,
  type Settings,
} from '../../../src-renderer/pages/settings/settings-form';

const current: Settings = {
  timeZone: 'UTC',
  syncIntervalMinutes: 60,
  githubOrgs: ['acme'],
  githubApiBaseUrl: 'https://api.github.com',
  githubWebBaseUrl: 'https://github.com',
  discordApiBaseUrl: 'https://discord.com/api',
  discordGatewayUrl: '',
  discordClientId: '',
  githubClientId: '',
  discordRedirectPort: 7421,
  publicBaseUrl: '',
  memberLinkMode: 'device_flow',
  dashboardSignIn: false,
  crawl: {
    includeArchived: false,
    includeForks: false,
    includeBots: false,
    repoInclude: [],
    repoExclude: ['acme/old'],
  },
  startMinimized: false,
  schedulerPaused: false,
  setupWizard: { step: null, dismissedAt: null },
  launchAtLogin: false,
};

describe('the settings form', () => {
  it('has nothing to save right after loading', () => {
    expect(diffSettings(current, toForm(current))).toEqual({});
  });

  it('sends only the fields that changed, with crawl options nested', () => {
    const form = {
      ...toForm(current),
      timeZone: ' Europe/Berlin ',
      syncIntervalMinutes: '30',
      'crawl.includeForks': true,
    };
    expect(diffSettings(current, form)).toEqual({
      timeZone: 'Europe/Berlin',
      syncIntervalMinutes: 30,
      crawl: { includeForks: true },
    });
  });

  it('passes text that is not a number to the host unchanged, so the host explains the problem', () => {
    const form = { ...toForm(current), syncIntervalMinutes: 'soon' };
    expect(diffSettings(current, form)).toEqual({ syncIntervalMinutes: 'soon' });
  });

  it('reads lists separated by commas, spaces or newlines', () => {
    expect(splitList('acme, widgets\n  tools ,,')).toEqual(['acme', 'widgets', 'tools']);
    const form = { ...toForm(current), githubOrgs: 'acme, widgets' };
    expect(diffSettings(current, form)).toEqual({ githubOrgs: ['acme', 'widgets'] });
  });

  it('files server issues under their field, including list items and nested crawl fields', () => {
    const fields = Object.keys(toForm(current)) as (keyof ReturnType<typeof toForm>)[];
    const result = issuesByField(
      [
        { path: 'githubOrgs.1', message: 'must be a GitHub org login' },
        { path: 'crawl.repoInclude', message: 'bad' },
        { path: '(input)', message: 'unknown field' },
      ],
      fields,
    );
    expect(result.byField).toEqual({
      githubOrgs: ['must be a GitHub org login'],
      'crawl.repoInclude': ['bad'],
    });
    expect(result.general).toEqual(['(input): unknown field']);
  });
});
