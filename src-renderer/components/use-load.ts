// One AdminApi read as a state machine: loading, loaded or failed, reloaded when its inputs
// change or on demand. The previous value stays shown while a reload runs, so tables do not
// flash empty when the admin switches a filter.
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../api/api-error';
import { asApiError } from '../app/use-health';

export type Load<T> =
  | { state: 'loading'; previous: T | null }
  | { state: 'failed'; error: ApiError }
  | { state: 'loaded'; value: T };

export function useLoad<T>(
  read: () => Promise<T>,
  deps: readonly unknown[],
): Load<T> & { reload: () => void } {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading', previous: null });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let active = true;
    setLoad((prior) => ({
      state: 'loading',
      previous:
        prior.state === 'loaded' ? prior.value : prior.state === 'loading' ? prior.previous : null,
    }));
    read().then(
      (value) => active && setLoad({ state: 'loaded', value }),
      (error: unknown) => active && setLoad({ state: 'failed', error: asApiError(error) }),
    );
    return () => {
      active = false;
    };
    // `read` is a fresh closure each render; its inputs are `deps`.
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...load, reload };
}

/** The value to show: the loaded one, or the previous one while a reload runs. */
export function shownValue<T>(load: Load<T>): T | null {
  if (load.state === 'loaded') return load.value;
  if (load.state === 'loading') return load.previous;
  return null;
}
