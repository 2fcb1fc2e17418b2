import { describe, expect, it } from 'vitest';
import { toRpcErrorPayload } from '../../../src-main/api/error-payload.js';
import { GitGuildError } from '../../../src-main/errors.js';

describe('toRpcErrorPayload', () => {
  it('carries identifier, message, hint and field issues of a GitGuildError', () => {
    const error = new GitGuildError('invalid_input', 'Invalid input', {
      hint: 'Fix the field',
      issues: [{ path: 'timeZone', message: 'bad zone' }],
    });
    expect(toRpcErrorPayload(error)).toEqual({
      identifier: 'invalid_input',
      message: 'Invalid input',
      hint: 'Fix the field',
      issues: [{ path: 'timeZone', message: 'bad zone' }],
    });
  });

  it('hides the message of an unexpected error behind a generic one', () => {
    const payload = toRpcErrorPayload(
      new Error('ENOENT /home/admin/.local/share/gitguild/config.json'),
    );
    expect(payload.identifier).toBe('internal');
    expect(payload.message).not.toContain('/home/admin');
  });

  it('drops context fields that are not well-formed issues', () => {
    const payload = toRpcErrorPayload(new GitGuildError('conflict', 'Busy', { issues: 'nope' }));
    expect(payload).toEqual({ identifier: 'conflict', message: 'Busy' });
  });
});
