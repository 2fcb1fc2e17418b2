import { describe, expect, it } from 'vitest';
import { channelName, matchesFormat } from '../../../src-bot/voice-stats/format.js';
import { RenameBudget } from '../../../src-bot/voice-stats/rename-budget.js';

describe('voice stats channel names', () => {
  it('fills the format in full or compact style and finds its channels again whatever the number', () => {
    expect(channelName('⭐ Stars: {value}', 12345, 'full')).toBe('⭐ Stars: 12,345');
    expect(channelName('⭐ Stars: {value}', 12345, 'compact')).toBe('⭐ Stars: 12.3K');
    expect(matchesFormat('⭐ Stars: {value}', '⭐ Stars: 12,345')).toBe(true);
    expect(matchesFormat('⭐ Stars: {value}', '⭐ Stars: 1.2M')).toBe(true);
    expect(matchesFormat('⭐ Stars: {value}', '⭐ Stars: lots')).toBe(false);
    expect(matchesFormat('⭐ Stars: {value}', '🍴 Forks: 3')).toBe(false);
    expect(matchesFormat('{value} commits', '980 commits')).toBe(true);
  });

  it('keeps names within Discord’s 100 characters', () => {
    expect(channelName(`${'x'.repeat(95)} {value}`, 123456, 'full')).toHaveLength(100);
  });
});

describe('rename budget', () => {
  it('allows two renames per window and says when the third may go', () => {
    const budget = new RenameBudget({ limit: 2, windowMs: 600_000 });
    expect(budget.nextAllowedAt('c', 1000)).toBe(1000);
    budget.record('c', 1000);
    budget.record('c', 5000);
    expect(budget.nextAllowedAt('c', 6000)).toBe(601_000);
    expect(budget.nextAllowedAt('c', 601_000)).toBe(601_000);
    expect(budget.nextAllowedAt('other', 6000)).toBe(6000);
  });

  it('counts renames seen from elsewhere (restored or by hand) against the same limit', () => {
    const budget = new RenameBudget({ limit: 2, windowMs: 600_000 });
    budget.restore('c', [0, 100, 200]);
    expect(budget.nextAllowedAt('c', 300)).toBe(600_100);
  });
});
