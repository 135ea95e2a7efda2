/**
 * Data a page reads from the service: loading, the value, or the coded error — and reload after
 * the page changed something.
 *
 * @example
 * const engagement = useResource(() => api.get(`/v1/engagements/${id}`), [id])
 * if (engagement.error) return <ErrorNotice error={engagement.error} />
 */
import { useCallback, useEffect, useState } from 'preact/hooks';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): Promise<void>;
  /** Replace the value without asking the service (an answer already holds it). */
  set(value: T): void;
}

export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  // eslint-style note: `load` changes every render; `deps` says when it means something new.
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await load());
      setError(undefined);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, deps);
  useEffect(() => {
    setData(undefined);
    void reload();
  }, [reload]);
  return { data, error, loading, reload, set: setData };
}
