/**
 * Saving the team's entries through the results API as they are made: each change is queued and
 * posted (after a short pause that gathers quick ticks into one version), one request at a time;
 * every post is a new, append-only version and answers with the evaluation it gives.
 *
 * @example
 * const saver = useResultsSaver(runId, (v) => setEvaluation(v.evaluation))
 * saver.save(nextEntries)          // soon
 * saver.save(nextEntries, true)    // now
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { ResultsVersion, TeamEntries } from '../api/types.js';

export interface SaverState {
  saving: boolean;
  /** Changes not stored yet (waiting, or the last post failed). */
  unsaved: boolean;
  error: unknown;
  last: ResultsVersion | null;
}

/** Quick ticks within this pause become one version. */
export const SAVE_PAUSE_MS = 350;

export function useResultsSaver(runId: string, onSaved: (v: ResultsVersion) => void) {
  const [state, setState] = useState<SaverState>({ saving: false, unsaved: false, error: null, last: null });
  const pending = useRef<TeamEntries | null>(null);
  const latest = useRef<TeamEntries | null>(null);
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saved = useRef(onSaved);
  saved.current = onSaved;

  const flush = async (): Promise<void> => {
    clearTimeout(timer.current);
    if (inFlight.current || !pending.current) return;
    const entries = pending.current;
    pending.current = null;
    inFlight.current = true;
    setState((s) => ({ ...s, saving: true }));
    try {
      const { results } = await api.post<{ results: ResultsVersion }>(`/v1/test-runs/${runId}/results`, { entries });
      setState((s) => ({ ...s, error: null, last: results, unsaved: pending.current !== null }));
      saved.current(results);
    } catch (err) {
      setState((s) => ({ ...s, error: err, unsaved: true }));
    } finally {
      inFlight.current = false;
      setState((s) => ({ ...s, saving: false }));
      if (pending.current) void flush();
    }
  };

  const save = (entries: TeamEntries, now = false) => {
    pending.current = entries;
    latest.current = entries;
    setState((s) => ({ ...s, unsaved: true }));
    clearTimeout(timer.current);
    if (now) void flush();
    else timer.current = setTimeout(() => void flush(), SAVE_PAUSE_MS);
  };

  /** Post the latest entries again (after a failed save). */
  const retry = () => {
    if (latest.current) save(latest.current, true);
  };

  useEffect(() => () => {
    // Leaving the page: what is waiting is posted rather than lost.
    if (pending.current) void flush();
  }, []);

  return { state, save, retry };
}
