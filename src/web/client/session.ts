/**
 * Who is signed in, kept on the device (localStorage) so the field app opens and records with no
 * network after a restart of the phone. Two limits, both bounded:
 *
 * - `expiresAt`: the token's own expiry (8 h in development, the identity provider's otherwise).
 *   Only a token within it is ever sent; after it, submissions wait on the device for a new sign-in.
 * - `keptUntil`: how long the device still knows who signed in, so it can record offline: at most
 *   KEEP_DAYS after the last sign-in, then the app asks for a sign-in before anything else.
 *
 * What someone holding the unlocked phone gets is written in the README ("The field app on a phone").
 */
export interface Session {
  readonly token: string;
  readonly role: string;
  readonly org: string;
  /** The token's expiry, milliseconds since the epoch. */
  readonly expiresAt: number;
  /** Until when the device may record offline as this user, milliseconds since the epoch. */
  readonly keptUntil?: number;
}

const KEEP_DAYS = 7;
const KEY = 'samlogg.session';

export function currentSession(now = Date.now()): Session | undefined {
  try {
    const session = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    if (session && (session.keptUntil ?? session.expiresAt) > now) return session;
  } catch {
    // a damaged entry is no session
  }
  localStorage.removeItem(KEY);
  return undefined;
}

/** A token that may be sent: within its expiry (a minute's margin for the clocks of phone and server). */
export const canSend = (session: Session, now = Date.now()) => session.token !== '' && session.expiresAt - 60_000 > now;

export function saveSession(session: Session, now = Date.now()): void {
  localStorage.setItem(KEY, JSON.stringify({ ...session, keptUntil: now + KEEP_DAYS * 24 * 3600 * 1000 }));
}

/** The server refused the token: forget it, keep who it was (drafts and submissions stay theirs). */
export function forgetToken(): void {
  const session = currentSession();
  if (session) localStorage.setItem(KEY, JSON.stringify({ ...session, token: '', expiresAt: 0 }));
}

export function signOut(): void {
  localStorage.removeItem(KEY);
}

/** The signed-in session, or off to the sign-in page (which comes back here afterwards). */
export function requireSession(): Session {
  const session = currentSession();
  if (session) return session;
  window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  throw new Error('not signed in');
}
