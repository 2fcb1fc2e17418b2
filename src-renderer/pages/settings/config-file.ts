// Reading and naming configuration files for export/import. The host validates the document and
// names the bad field; this only turns a file into JSON and says plainly when it is not JSON.

/** Larger than any real configuration by far; refusing early keeps a wrong file from hanging the tab. */
export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;

export type ParsedConfigFile = { ok: true; document: unknown } | { ok: false; message: string };

export function parseConfigFile(name: string, size: number, text: string): ParsedConfigFile {
  if (size > MAX_CONFIG_BYTES) {
    return {
      ok: false,
      message: `${name} is ${Math.round(size / 1024)} KB: not a GitGuild configuration export.`,
    };
  }
  try {
    return { ok: true, document: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `${name} is not valid JSON (${reason}).` };
  }
}

/** `gitguild-config-2026-01-31.json`, dated in the admin's local calendar. */
export function exportFileName(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `gitguild-config-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}
