import { environmentOf, isUnrecognisedEnvironment, type Environment } from '../application/environment.js';

/** How callers sign in: the identity provider, or development tokens signed by a key on this machine. */
export type SignInMode = 'oidc' | 'development';

type SignInChoice = { readonly ok: true; readonly mode: SignInMode } | { readonly ok: false; readonly message: string };

const OIDC_SETTINGS = 'SAMLOGG_OIDC_ISSUER, SAMLOGG_OIDC_AUDIENCE and SAMLOGG_OIDC_JWKS_URL';

/** SAMLOGG_DEV_SIGN_IN: 1/true/yes/on or 0/false/no/off (or unset); anything else is a mistake to stop at. */
export function devSignInFromEnv(value: string | undefined): { ok: true; on: boolean } | { ok: false; message: string } {
  const text = value?.trim().toLowerCase() ?? '';
  if (['', '0', 'false', 'no', 'off'].includes(text)) return { ok: true, on: false };
  if (['1', 'true', 'yes', 'on'].includes(text)) return { ok: true, on: true };
  return { ok: false, message: 'SAMLOGG_DEV_SIGN_IN: must be 1 (on) or 0 (off)' };
}

interface SignInQuestion {
  readonly nodeEnv: string | undefined;
  /** All three OIDC settings are there (a half-configured provider is refused before this). */
  readonly oidcConfigured: boolean;
  /** Development sign-in asked for in so many words: --dev-sign-in or SAMLOGG_DEV_SIGN_IN=1. */
  readonly devSignInAsked: boolean;
  /** Something that implies it where nothing else is configured: the demo (`npm start -- --demo`). */
  readonly devSignInImplied?: boolean;
}

/**
 * Who may hand out tokens, decided once and purely. Development sign-in (anyone who can reach the
 * server or read the local key mints any role) is never a default: it needs an explicit opt-in, or
 * NODE_ENV=development, or the demo; it is refused where NODE_ENV is production (or not a value we
 * know) and where an identity provider is configured. Without either, nobody can sign in, and the
 * answer says how to configure it.
 */
export function chooseSignIn(question: SignInQuestion): SignInChoice {
  const environment: Environment = environmentOf(question.nodeEnv);
  const unknownEnv = isUnrecognisedEnvironment(question.nodeEnv) ? ' (NODE_ENV is not development, test or production, so it counts as production)' : '';
  if (question.oidcConfigured) {
    if (question.devSignInAsked) return { ok: false, message: '--dev-sign-in / SAMLOGG_DEV_SIGN_IN: development sign-in is refused where OIDC is configured; unset one of them' };
    return { ok: true, mode: 'oidc' };
  }
  if (environment === 'production') {
    const asked = question.devSignInAsked || question.devSignInImplied ? '; development sign-in (--dev-sign-in, SAMLOGG_DEV_SIGN_IN, --demo) is refused there' : ' (development sign-in is off there)';
    return { ok: false, message: `${OIDC_SETTINGS}: must be set in production${unknownEnv}${asked}` };
  }
  if (question.devSignInAsked || question.devSignInImplied || environment === 'development') return { ok: true, mode: 'development' };
  return {
    ok: false,
    message:
      `sign-in is not configured: set ${OIDC_SETTINGS} for the identity provider, ` +
      'or on a development machine opt in to local development tokens with --dev-sign-in (or SAMLOGG_DEV_SIGN_IN=1, or NODE_ENV=development)',
  };
}
