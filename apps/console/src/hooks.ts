import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api';

export interface Async<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Loads `fn` whenever `deps` change; a stale answer (deps changed meanwhile) is dropped, so quick filter
 * changes never show an older page. With `pollMs` it reloads quietly while `poll(data)` holds.
 */
export function useAsync<T>(
  fn: () => Promise<T>,
  deps: unknown[],
  opts: { pollMs?: number; poll?: (d: T) => boolean } = {},
): Async<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError | Error>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const optsRef = useRef(opts);
  optsRef.current = opts;

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    fnRef.current().then(
      (d) => {
        if (mine !== seq.current) return;
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(e instanceof Error ? e : new Error(String(e)));
        setLoading(false);
      },
    );
  }, [...deps, tick]);

  useEffect(() => {
    const { pollMs, poll } = optsRef.current;
    if (!pollMs || data === undefined || !poll?.(data)) return;
    const timer = setTimeout(() => setTick((n) => n + 1), pollMs);
    return () => clearTimeout(timer);
  }, [data]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** A value that follows `value` after `ms` of quiet (typing in a filter box). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}
