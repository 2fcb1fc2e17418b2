// A settings patch changes only the keys it names: defaults must not fill the rest in.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  SettingsPatchSchema,
  SettingsSchema,
} from '../../../src-main/store/types.js';

describe('settings patch', () => {
  it('keeps keys it does not name, including ones that have defaults', () => {
    expect(SettingsPatchSchema.parse({ timeZone: 'Europe/Berlin' })).toEqual({
      timeZone: 'Europe/Berlin',
    });
  });

  it('accepts an https public base URL as an origin and refuses paths and plain http off loopback', () => {
    const parse = (publicBaseUrl: string) =>
      SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, publicBaseUrl });
    expect(parse('https://gitguild.example.org/').data?.publicBaseUrl).toBe(
      'https://gitguild.example.org',
    );
    expect(parse('').success).toBe(true);
    expect(parse('http://127.0.0.1:7420').success).toBe(true);
    expect(parse('http://gitguild.example.org').success).toBe(false);
    expect(parse('https://gitguild.example.org/sub').success).toBe(false);
    expect(parse('https://user:pw@gitguild.example.org').success).toBe(false);
  });
});
