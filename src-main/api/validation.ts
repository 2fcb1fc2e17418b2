// Turns zod issues into one readable sentence that names every offending field, so a 400 or an
// IPC rejection tells the caller exactly what to fix. Values are never echoed (they may be secret).
import type { z } from 'zod';

export interface FieldIssue {
  /** Dotted field path, `(input)` for the whole input. */
  path: string;
  message: string;
}

function joinPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(input)' : path.map(String).join('.');
}

/** One entry per offending field; an unknown-keys issue becomes one entry per unknown key. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: joinPath([...issue.path, key]),
        message: 'unknown field',
      }));
    }
    return [{ path: joinPath(issue.path), message: issue.message }];
  });
}

export function describeZodError(error: z.ZodError): string {
  return fieldIssues(error)
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join('; ');
}
