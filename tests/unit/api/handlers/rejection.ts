// Awaits a promise that must reject with a GitGuildError and returns that error.
import { GitGuildError } from '../../../../src-main/errors.js';

export async function rejection(promise: Promise<unknown>): Promise<GitGuildError> {
  const outcome = await promise.then(
    () => new Error('expected a rejection, got a value'),
    (error: unknown) => error,
  );
  if (outcome instanceof GitGuildError) return outcome;
  throw outcome;
}
