import { useCallback, useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { harborApiRef, type HarborApi } from '../api';

/** The state of one request to the Harbor backend. @public */
export interface HarborRequestState<T> {
  /** The last answer; kept while a newer request loads, so tables don't blink between pages. */
  value?: T;
  loading: boolean;
  error?: Error;
  retry: () => void;
}

/**
 * Calls the Harbor API whenever `key` changes, aborting the previous call: a user paging or typing a search faster
 * than the backend answers never sees an older answer overwrite a newer one.
 */
export function useHarborRequest<T>(
  key: string | undefined,
  request: (api: HarborApi, signal: AbortSignal) => Promise<T>,
): HarborRequestState<T> {
  const api = useApi(harborApiRef);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<Omit<HarborRequestState<T>, 'retry'>>({
    loading: key !== undefined,
  });

  useEffect(() => {
    if (key === undefined) {
      setState({ loading: false });
      return undefined;
    }
    const controller = new AbortController();
    setState(previous => ({ value: previous.value, loading: true }));
    request(api, controller.signal).then(
      value => {
        if (!controller.signal.aborted) setState({ value, loading: false });
      },
      error => {
        if (!controller.signal.aborted) {
          setState({ error: error as Error, loading: false });
        }
      },
    );
    return () => controller.abort();
    // `request` is a new closure on every render; `key` names everything it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, attempt]);

  const retry = useCallback(() => setAttempt(a => a + 1), []);
  return { ...state, retry };
}
