// Turns zod issues into messages that name the bad field the way a person reads JSON:
// `mappings[0].threshold: must be at least 1`.
import type { z } from 'zod';

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(document)' : out;
}

export function describeIssues(error: z.ZodError, limit = 5): string {
  const lines = error.issues.slice(0, limit).map((issue) => {
    // Unknown keys are reported on the parent; name the key itself so "githubToken" is visible.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const where =
      keys.length > 0
        ? keys.map((k) => formatPath([...issue.path, k])).join(', ')
        : formatPath(issue.path);
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > limit ? ` (and ${error.issues.length - limit} more)` : '';
  return lines.join('; ') + more;
}
