// Turns zod issues into one readable sentence that names every offending field, so a 400 or an
// IPC rejection tells the caller exactly what to fix. Values are never echoed (they may be secret).
import type { z } from 'zod';

function describePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(input)' : path.map(String).join('.');
}

export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const prefix = issue.path.length === 0 ? '' : `${describePath(issue.path)}.`;
    return `${issue.keys.map((k) => `${prefix}${k}`).join(', ')}: unknown field`;
  }
  return `${describePath(issue.path)}: ${issue.message}`;
}

/** Field paths of all issues, for clients that want to highlight form fields. */
export function issueFields(error: z.ZodError): string[] {
  const fields = new Set<string>();
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields.add([...issue.path.map(String), key].join('.'));
    } else {
      fields.add(describePath(issue.path));
    }
  }
  return [...fields];
}

export function describeZodError(error: z.ZodError): string {
  return error.issues.map(describeIssue).join('; ');
}
