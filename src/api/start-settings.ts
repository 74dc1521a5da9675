import { isIP } from 'node:net';
import { environmentOf, type Environment } from '../application/environment.js';
import { chooseSignIn, devSignInFromEnv, type SignInMode } from '../auth/sign-in-choice.js';
import { oidcFromEnv } from '../auth/token-verifier.js';

/** What `npm start` was given on its command line. */
export interface StartFlags {
  readonly demo?: boolean;
  readonly devSignIn?: boolean;
  readonly port?: string;
  readonly host?: string;
}

/** Express's `trust proxy`: off, every proxy, so many hops, or these addresses and subnets. */
type TrustProxy = boolean | number | readonly string[];

interface StartSettings {
  readonly environment: Environment;
  readonly port: number;
  /** Where to listen: this machine only unless told otherwise (a container says HOST=0.0.0.0). */
  readonly host: string;
  readonly signIn: SignInMode;
  readonly trustProxy: TrustProxy;
  readonly demo: boolean;
}

type StartDecision = { readonly ok: true; readonly settings: StartSettings } | { readonly ok: false; readonly message: string };

const DEFAULT_HOST = '127.0.0.1';

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*$/;
const SUBNET = /^([^/]+)\/(\d{1,3})$/;
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** SAMLOGG_TRUST_PROXY, read as Express reads `trust proxy`, refusing what it would misread. */
export function trustProxyOf(value: string | undefined): { ok: true; trust: TrustProxy } | { ok: false; message: string } {
  const text = value?.trim() ?? '';
  const lower = text.toLowerCase();
  if (['', '0', 'false', 'no', 'off'].includes(lower)) return { ok: true, trust: false };
  if (lower === 'true') return { ok: true, trust: true };
  if (/^[1-9]\d?$/.test(text)) return { ok: true, trust: Number(text) };
  const parts = text.split(',').map((part) => part.trim());
  const valid = parts.every((part) => {
    if (NAMED_RANGES.has(part.toLowerCase()) || isIP(part) !== 0) return true;
    const subnet = SUBNET.exec(part);
    if (!subnet) return false;
    const family = isIP(subnet[1] as string);
    return family !== 0 && Number(subnet[2]) <= (family === 4 ? 32 : 128);
  });
  if (parts.length > 64 || !valid) {
    return { ok: false, message: 'SAMLOGG_TRUST_PROXY: must be false, true, a number of proxies in front (1-99), or addresses and subnets separated by commas (e.g. loopback, 10.0.0.0/8)' };
  }
  return { ok: true, trust: parts.map((part) => (NAMED_RANGES.has(part.toLowerCase()) ? part.toLowerCase() : part)) };
}

/**
 * Everything the server start decides before it touches the log, from its flags and environment;
 * pure, so each rule is tested in-process as well as by starting the real server.
 */
export function startSettings(flags: StartFlags, env: NodeJS.ProcessEnv): StartDecision {
  const port = Number(flags.port ?? env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, message: '--port / PORT: must be a whole number from 0 to 65535' };
  const host = (flags.host ?? env.HOST ?? '').trim() || DEFAULT_HOST;
  if (isIP(host) === 0 && !HOST_NAME.test(host)) return { ok: false, message: '--host / HOST: must be an IP address or a host name, e.g. 127.0.0.1 or 0.0.0.0' };
  const trust = trustProxyOf(env.SAMLOGG_TRUST_PROXY);
  if (!trust.ok) return trust;
  const devSignIn = devSignInFromEnv(env.SAMLOGG_DEV_SIGN_IN);
  if (!devSignIn.ok) return devSignIn;
  let oidcConfigured: boolean;
  try {
    oidcConfigured = oidcFromEnv(env) !== undefined;
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const signIn = chooseSignIn({
    nodeEnv: env.NODE_ENV,
    oidcConfigured,
    devSignInAsked: Boolean(flags.devSignIn) || devSignIn.on,
    devSignInImplied: Boolean(flags.demo),
  });
  if (!signIn.ok) return signIn;
  return { ok: true, settings: { environment: environmentOf(env.NODE_ENV), port, host, signIn: signIn.mode, trustProxy: trust.trust, demo: Boolean(flags.demo) } };
}
