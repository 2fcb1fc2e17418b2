// Repository inputs are checked here so bad input from any caller gets one clear error.
import type { z } from 'zod';
import { GitGuildError } from '../errors.js';
import { describeIssues } from './issue-path.js';

export function validateInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new GitGuildError('invalid_input', `invalid ${what}: ${describeIssues(result.error)}`);
  return result.data;
}
