import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  anyAuthenticator,
  apiTokenAuthenticator,
  type RequestAuthenticator,
} from '../../../src-main/web/request-auth.js';

const TOKEN = 'the-api-token-0123456789';
const req = (url: string, headers: Record<string, string> = {}) =>
  ({ url, headers }) as unknown as IncomingMessage;

describe('request authentication', () => {
  it('accepts the API token in the Authorization header only, never from the URL', () => {
    const auth = apiTokenAuthenticator(TOKEN);
    expect(auth.authenticate(req('/api/events', { authorization: `Bearer ${TOKEN}` }))).toEqual({
      method: 'api-token',
    });
    expect(auth.authenticate(req(`/api/events?token=${TOKEN}`))).toBeNull();
    expect(auth.authenticate(req('/api/events', { authorization: `Bearer ${TOKEN}x` }))).toBeNull();
  });

  it('tries further methods (a session cookie, say) after the API token', () => {
    const cookie: RequestAuthenticator = {
      authenticate: (request) =>
        request.headers.cookie === 'gitguild_session=s1'
          ? { method: 'session', subject: 'discord:1' }
          : null,
    };
    const auth = anyAuthenticator([apiTokenAuthenticator(TOKEN), cookie]);
    expect(auth.authenticate(req('/', { cookie: 'gitguild_session=s1' }))).toEqual({
      method: 'session',
      subject: 'discord:1',
    });
    expect(auth.authenticate(req('/', { authorization: `Bearer ${TOKEN}` }))).toEqual({
      method: 'api-token',
    });
    expect(auth.authenticate(req('/', { cookie: 'gitguild_session=other' }))).toBeNull();
  });
});
