import { describe, expect, it } from 'vitest';
import { restLogin } from '../../../src-main/github/pull-request-query.js';

describe('restLogin', () => {
  it('adds REST\'s "[bot]" suffix to a GraphQL Bot login', () => {
    expect(restLogin({ __typename: 'Bot', login: 'dependabot' })).toEqual({
      login: 'dependabot[bot]',
      type: 'Bot',
    });
  });

  it('leaves a bot login that already carries the suffix alone', () => {
    expect(restLogin({ __typename: 'Bot', login: 'renovate[bot]' })).toEqual({
      login: 'renovate[bot]',
      type: 'Bot',
    });
  });

  it('keeps user logins as they are, including ones that merely end in "bot"', () => {
    expect(restLogin({ __typename: 'User', login: 'robot' })).toEqual({
      login: 'robot',
      type: 'User',
    });
  });
});
