// The host's health for the status bar: asked once at start, then kept fresh by `status` events,
// with a slow poll as a safety net so a host that went away shows up as unreachable.
import { useEffect, useState } from 'react';
import type { Health } from '../../src-main/api/contract';
import type { GitGuildClient } from '../api/api-client';
import { ApiError } from '../api/api-error';

const POLL_MS = 30_000;

export type HealthView =
  { state: 'loading' } | { state: 'ok'; health: Health } | { state: 'error'; error: ApiError };

export function useHealth(client: GitGuildClient): HealthView {
  const [view, setView] = useState<HealthView>({ state: 'loading' });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      try {
        const health = await client.api.health();
        if (!stopped) setView({ state: 'ok', health });
      } catch (error) {
        if (!stopped) setView({ state: 'error', error: asApiError(error) });
      }
      // Chained timeouts, not setInterval: a slow answer never overlaps the next request.
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    const unsubscribe = client.onEvent((event) => {
      if (event.type === 'status' && !stopped) setView({ state: 'ok', health: event.health });
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client]);
  return view;
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('internal', error instanceof Error ? error.message : String(error));
}
