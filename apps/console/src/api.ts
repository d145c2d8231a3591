/**
 * The one place the console talks HTTP: bearer token, JSON, the API's error shapes mapped to field
 * messages, and a 401 turned into "session expired".
 */

export type Role = 'enterprise' | 'supplier' | 'reviewer' | 'senior_reviewer' | 'finance' | 'admin';

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  enterpriseId: string | null;
  supplierId: string | null;
}

export interface Session {
  token: string;
  user: User;
  /** Epoch ms when the token stops being accepted. */
  expiresAt: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field path (`lines.0.amount`) → messages. */
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const SESSION_KEY = 'cv.session';
let onExpired: () => void = () => undefined;

export function setExpiredHandler(fn: () => void) {
  onExpired = fn;
}

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null) {
  if (s) localStorage.setItem(SESSION_KEY, JSON.stringify(s));
  else localStorage.removeItem(SESSION_KEY);
}

interface ErrorBody {
  code?: string;
  message?: string | string[];
  errors?: { field: string; messages?: string[]; message?: string }[];
}

async function toError(res: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy page, an empty body): the status says enough.
  }
  const fields: Record<string, string[]> = {};
  for (const e of body.errors ?? []) {
    const msgs = e.messages ?? (e.message ? [e.message] : []);
    fields[e.field] = [...(fields[e.field] ?? []), ...msgs];
  }
  const message = Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? res.statusText);
  return new ApiError(res.status, body.code ?? `HTTP_${res.status}`, message, fields);
}

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const session = loadSession();
  const headers = new Headers(init.headers);
  if (session) headers.set('Authorization', `Bearer ${session.token}`);
  const res = await fetch(path, { ...init, headers });
  if (res.status === 401 && session) {
    saveSession(null);
    onExpired();
  }
  if (!res.ok) throw await toError(res);
  return res;
}

function json(method: string, body?: unknown): RequestInit {
  return body === undefined
    ? { method }
    : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await send(path, json(method, body))).json() as Promise<T>;
}

export const api = {
  get: <T>(path: string) => call<T>('GET', path),
  post: <T>(path: string, body?: unknown) => call<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => call<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => call<T>('PATCH', path, body),
  delete: <T>(path: string) => call<T>('DELETE', path),
  async upload<T>(path: string, file: File): Promise<T> {
    const form = new FormData();
    form.append('file', file);
    return (await send(path, { method: 'POST', body: form })).json() as Promise<T>;
  },
  /** A multipart form (a file with its fields): the simulator, supervision evidence. */
  async uploadForm<T>(path: string, form: FormData): Promise<T> {
    return (await send(path, { method: 'POST', body: form })).json() as Promise<T>;
  },
  /** Downloads with the bearer token (a plain link would not carry it) and saves the file. */
  async download(path: string, filename: string): Promise<void> {
    const blob = await (await send(path)).blob();
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

export async function login(email: string, password: string): Promise<Session> {
  const res = await fetch('/auth/login', json('POST', { email, password }));
  if (!res.ok) throw await toError(res);
  const body = (await res.json()) as { accessToken: string; expiresIn: number; user: User };
  const session = { token: body.accessToken, user: body.user, expiresAt: Date.now() + body.expiresIn * 1000 };
  saveSession(session);
  return session;
}

export type QueryValue = string | number | undefined | null;

/** `?a=1&b=2` from the set values only. */
export function qs(params: Record<string, QueryValue>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
