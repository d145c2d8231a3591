import { refusalMessage, refusalMessageOr, type LocalizedText } from '@app/domain';
import type { Lang } from './i18n';
import REFUSALS_STRINGS from './strings/refusals.json';

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

/**
 * A refusal from the API. `texts` is what a screen shows, in either language (the server's `messages`, else
 * the catalog's text for the status); `message` and `fields` are in the language chosen when it arrived. The
 * code is for the program's decisions, never for the screen.
 */
export class ApiError extends Error {
  readonly texts: LocalizedText;
  constructor(
    readonly status: number,
    readonly code: string,
    /** The texts to show (a console-made error may give one already in the screen's language). */
    texts?: LocalizedText | string,
    /** Field path (`lines.0.amount`) → messages, each in both languages. */
    readonly fieldTexts: Record<string, LocalizedText[]> = {},
  ) {
    const shown =
      typeof texts === 'string' ? { zh: texts, en: texts } : (texts ?? refusalMessageOr(code, status));
    super(shown[storedLang()]);
    this.name = 'ApiError';
    this.texts = shown;
  }

  /** Field path → messages in the language chosen when it arrived. */
  get fields(): Record<string, string[]> {
    return this.fieldsIn(storedLang());
  }

  fieldsIn(lang: Lang): Record<string, string[]> {
    return Object.fromEntries(Object.entries(this.fieldTexts).map(([k, v]) => [k, v.map((m) => m[lang])]));
  }
}

/** The console's language as i18n.tsx stores it (Chinese unless English was chosen). */
function storedLang(): Lang {
  try {
    return localStorage.getItem('cv.lang') === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
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
  messages?: LocalizedText;
  errors?: { field: string; code?: string; localized?: LocalizedText }[];
}

const isText = (t: unknown): t is LocalizedText =>
  typeof (t as LocalizedText | undefined)?.zh === 'string' && typeof (t as LocalizedText).en === 'string';

/** The API's error answer as an ApiError: its bilingual texts only (an older answer's English is not shown). */
export async function toError(res: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy page, an empty body): the status says enough.
  }
  const code = body.code ?? `HTTP_${res.status}`;
  const texts = isText(body.messages) ? body.messages : refusalMessageOr(code, res.status);
  const fields: Record<string, LocalizedText[]> = {};
  for (const e of body.errors ?? []) {
    const text = isText(e.localized) ? e.localized : (refusalMessage(e.code ?? '') ?? texts);
    fields[e.field] = [...(fields[e.field] ?? []), text];
  }
  return new ApiError(res.status, code, texts, fields);
}

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const session = loadSession();
  const headers = new Headers(init.headers);
  if (session) headers.set('Authorization', `Bearer ${session.token}`);
  const res = await fetch(path, { ...init, headers }).catch(() => {
    throw networkError();
  });
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
  /** `method`: PUT where the upload replaces what is there (a draft's checklist slot). */
  async upload<T>(path: string, file: File, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
    const form = new FormData();
    form.append('file', file);
    return (await send(path, { method, body: form })).json() as Promise<T>;
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

/** The server could not be reached (offline, a proxy down): said in both languages, no browser wording. */
export function networkError(): ApiError {
  return new ApiError(0, 'NETWORK', REFUSALS_STRINGS.networkError);
}

export async function login(email: string, password: string): Promise<Session> {
  const res = await fetch('/auth/login', json('POST', { email, password })).catch(() => {
    throw networkError();
  });
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
