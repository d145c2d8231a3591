import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { loadSession, saveSession, setExpiredHandler, type Session, type User } from './api';
import { navigate } from './router';

interface SessionCtx {
  user: User | null;
  /** Shown on the sign-in page: why the user is there (expired, signed out). */
  flash: 'sessionExpired' | 'signedOut' | null;
  signedIn(s: Session): void;
  signOut(): void;
}

const Ctx = createContext<SessionCtx | null>(null);

/*
 * Return-to after signing in again (ADR 0049): the page the user was on when the session ended (or the deep
 * link opened while signed out), kept in sessionStorage for this tab. It is used only by the same user (or
 * by anyone when nobody was signed in), so a colleague signing in on the same screen lands on their home.
 */
const RETURN_KEY = 'cv.returnTo';

export function rememberReturnTo(userId: string | null) {
  const path = window.location.pathname.replace(/^\/console/, '') || '/';
  if (path === '/login' || path === '/') return;
  sessionStorage.setItem(RETURN_KEY, JSON.stringify({ path: path + window.location.search, userId }));
}

/** A deep link opened while signed out: remembered unless the session's own end already was. */
export function rememberDeepLink() {
  if (!sessionStorage.getItem(RETURN_KEY)) rememberReturnTo(null);
}

/** The remembered page for this user, once: it is forgotten as it is taken. */
export function takeReturnTo(userId: string): string | null {
  const raw = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  if (!raw) return null;
  try {
    const r = JSON.parse(raw) as { path: string; userId: string | null };
    return r.userId === null || r.userId === userId ? r.path : null;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [flash, setFlash] = useState<SessionCtx['flash']>(null);
  // Whose session it was, still known after api.ts has dropped the token on a 401.
  const userRef = useRef<string | null>(session?.user.id ?? null);
  userRef.current = session?.user.id ?? userRef.current;

  const expire = useCallback(() => {
    rememberReturnTo(userRef.current);
    saveSession(null);
    setSession(null);
    setFlash('sessionExpired');
    navigate('/login', true);
  }, []);

  // Any 401 from the API means the token is no longer accepted.
  useEffect(() => setExpiredHandler(expire), [expire]);

  // The token's own expiry: leave before the first request fails.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(expire, Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [session, expire]);

  const value = useMemo<SessionCtx>(
    () => ({
      user: session?.user ?? null,
      flash,
      signedIn: (s) => {
        setFlash(null);
        setSession(s);
      },
      signOut: () => {
        sessionStorage.removeItem(RETURN_KEY);
        saveSession(null);
        setSession(null);
        setFlash('signedOut');
        navigate('/login', true);
      },
    }),
    [session, flash],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionCtx {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user (pages behind the shell only). */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('no user');
  return user;
}
