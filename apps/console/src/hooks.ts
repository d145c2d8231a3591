import { useCallback, useEffect, useRef, useState } from 'react';
import { api, qs, type ApiError, type Page, type QueryValue } from './api';

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

export interface PagedList<T, Extra = object> extends Async<Page<T> & Extra> {
  page: number;
  pageSize: number;
  setPage(page: number): void;
}

/**
 * One page of `url` with `params` (unset ones left out). A change of `params` goes back to page 1 in the
 * same render, so a new filter never asks for a page that may not exist any more.
 */
export function usePagedList<T, Extra = object>(
  url: string,
  params: Record<string, QueryValue> = {},
  opts: { pageSize?: number; pollMs?: number; poll?: (d: Page<T> & Extra) => boolean } = {},
): PagedList<T, Extra> {
  const { pageSize = 20, ...poll } = opts;
  const key = `${url}${qs(params)}`;
  const [at, setAt] = useState({ key, page: 1 });
  if (at.key !== key) setAt({ key, page: 1 });
  const page = at.key === key ? at.page : 1;
  const setPage = useCallback((p: number) => setAt({ key, page: p }), [key]);
  const list = useAsync(
    () => api.get<Page<T> & Extra>(`${url}${qs({ ...params, page, pageSize })}`),
    [key, page, pageSize],
    poll,
  );
  return { ...list, page, pageSize, setPage };
}

/**
 * A dialog or form a page opens on one row (a settlement to claim, a voucher to withdraw): `done` closes it,
 * keeps its outcome for the page's notice and reloads what it changed.
 */
export function useRowDialog<Target, Outcome>(reload: () => void) {
  const [target, setTarget] = useState<Target | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  return {
    target,
    outcome,
    open: (row: Target) => setTarget(row),
    /** Opens it afresh: the last outcome's notice goes. */
    reopen: (row: Target) => {
      setOutcome(null);
      setTarget(row);
    },
    close: () => setTarget(null),
    done: (result: Outcome) => {
      setTarget(null);
      setOutcome(result);
      reload();
    },
  };
}

/** Runs a form's request: busy meanwhile, and its error kept for field messages or an error box. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = useCallback(async (fn: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

/**
 * A form's field messages as they type: the server's for a field, else its client rule's once the field is
 * touched or a submit was attempted.
 */
export function useFieldMessages(errors: Record<string, string>, server: Record<string, string[]>) {
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  // After a refused attempt (the client's rules, or the server's field errors), focus goes to the first
  // field marked invalid, so a keyboard or screen-reader user lands on what to fix.
  const [attempts, setAttempts] = useState(0);
  const serverFields = Object.keys(server).join('|');
  useEffect(() => {
    if (attempts === 0 && !serverFields) return;
    const first = document.querySelector<HTMLElement>('form [aria-invalid="true"]');
    const control = first?.matches('input, select, textarea')
      ? first
      : first?.querySelector<HTMLElement>('input, select, textarea');
    control?.focus();
  }, [attempts, serverFields]);
  return {
    submitted,
    err: (k: string) => server[k] ?? ((touched[k] || submitted) && errors[k] ? errors[k] : null),
    touch: (k: string) => setTouched((s) => ({ ...s, [k]: true })),
    /** Marks the attempt; true when the client rules pass. */
    attempt: () => {
      setSubmitted(true);
      const ok = Object.keys(errors).length === 0;
      if (!ok) setAttempts((n) => n + 1);
      return ok;
    },
    reset: () => {
      setTouched({});
      setSubmitted(false);
    },
  };
}
