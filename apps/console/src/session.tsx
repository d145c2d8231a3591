import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
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

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [flash, setFlash] = useState<SessionCtx['flash']>(null);

  const expire = useCallback(() => {
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
