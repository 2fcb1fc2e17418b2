import { describe, expect, it } from 'vitest';
import { GitGuildError } from '../../../src-main/errors.js';
import {
  MAX_SECRET_LENGTH,
  assertSecretAccount,
  assertSecretValue,
  secretValueProblem,
} from '../../../src-main/secrets/secret-value.js';

function thrown(work: () => void): GitGuildError {
  try {
    work();
  } catch (error) {
    if (error instanceof GitGuildError) return error;
    throw error;
  }
  throw new Error('expected a GitGuildError');
}

describe('secret value checks', () => {
  it('accepts a realistic token', () => {
    expect(secretValueProblem('ghp_' + 'a'.repeat(36), 'The value')).toBeNull();
  });

  it.each([
    ['an empty value', '', /is empty/],
    ['a value shorter than the redaction minimum', 'short', /too short/],
    ['a value over the length limit', 'x'.repeat(MAX_SECRET_LENGTH + 1), /too long/],
    ['a value with a newline inside', 'abcdefgh\nijklmnop', /newline/],
    ['a value with a tab', 'abcdefgh\tijklmnop', /control character/],
    ['a value with surrounding spaces', ' abcdefghijkl ', /whitespace/],
  ])('rejects %s with a message that names the problem', (_label, value, pattern) => {
    expect(secretValueProblem(value, 'The value')).toMatch(pattern);
  });

  it('never repeats the rejected value in the error', () => {
    const value = 'supersecret-value-with\nnewline';
    const error = thrown(() => assertSecretValue(value, 'The value for github.token'));
    expect(error.identifier).toBe('invalid_input');
    expect(error.message).toContain('github.token');
    expect(JSON.stringify({ message: error.message, context: error.context })).not.toContain(
      'supersecret',
    );
  });

  it('rejects an unknown account without echoing it', () => {
    const error = thrown(() => assertSecretAccount('ghp_pasted_into_the_wrong_field'));
    expect(error.identifier).toBe('invalid_input');
    expect(error.message).not.toContain('ghp_pasted');
  });
});
