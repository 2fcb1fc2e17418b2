import { describe, expect, it } from 'vitest';
import {
  exportFileName,
  MAX_CONFIG_BYTES,
  parseConfigFile,
} from '../../../src-renderer/pages/settings/config-file';

describe('configuration files', () => {
  it('hands a JSON document to the host unchanged, for the host to validate', () => {
    const text = JSON.stringify({
      format: 'gitguild-config',
      settings: { syncIntervalMinutes: 1 },
    });
    expect(parseConfigFile('a.json', text.length, text)).toEqual({
      ok: true,
      document: { format: 'gitguild-config', settings: { syncIntervalMinutes: 1 } },
    });
  });

  it('says plainly, with the file name, when a file is not JSON', () => {
    const parsed = parseConfigFile('notes.json', 12, '{ "format": ');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(/^notes\.json is not valid JSON \(.+\)\.$/);
  });

  it('refuses a file far larger than any configuration without reading it as JSON', () => {
    const parsed = parseConfigFile('huge.json', MAX_CONFIG_BYTES + 1, '{}');
    expect(parsed).toEqual({ ok: false, message: expect.stringContaining('huge.json is') });
  });

  it('names exports by the local date', () => {
    expect(exportFileName(new Date(2026, 0, 5, 23, 59))).toBe('gitguild-config-2026-01-05.json');
  });
});
