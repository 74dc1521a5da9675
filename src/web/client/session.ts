/**
 * Who is signed in, kept in sessionStorage: it ends with the tab, so a phone left on a table after
 * a night shift does not stay signed in for the next person. The token is a bearer JWT for /graphql.
 */
export interface Session {
  readonly token: string;
  readonly role: string;
  readonly org: string;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

const KEY = 'samlogg.session';

export function currentSession(): Session | undefined {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    if (session && session.expiresAt > Date.now()) return session;
  } catch {
    // a damaged entry is no session
  }
  sessionStorage.removeItem(KEY);
  return undefined;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

/** The signed-in session, or off to the sign-in page (which comes back here afterwards). */
export function requireSession(): Session {
  const session = currentSession();
  if (session) return session;
  window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  throw new Error('not signed in');
}
