import { Command } from 'commander';
import { loadOrCreateDevSigningKey } from '../auth/dev-signing-key.js';
import { USER_ROLES, type UserRole } from '../auth/principal.js';
import { chooseSignIn, devSignInFromEnv } from '../auth/sign-in-choice.js';
import { devTokenIssuer, oidcFromEnv, Unauthenticated } from '../auth/token-verifier.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';

const TTL = /^([1-9]\d{0,3})(m|h|d)$/;
const MAX_TTL_HOURS = 7 * 24;

/** Hours in a TTL such as 30m, 8h or 2d; undefined when it is not written so. */
function ttlHours(ttl: string): number | undefined {
  const match = TTL.exec(ttl);
  if (!match) return undefined;
  const amount = Number(match[1]);
  return match[2] === 'm' ? amount / 60 : match[2] === 'h' ? amount : amount * 24;
}

export function tokenCommand(io: CliIo): Command {
  return new Command('token')
    .description('skriv ut en utvecklartoken / print a development sign-in token (needs --dev-sign-in; refused in production and when OIDC is configured)')
    .requiredOption('--role <role>', `${USER_ROLES.join(' | ')}`)
    .requiredOption('--org <org>', 'organisation: for field MIKA, KAST, REGIONKOORDINATOR, UNGDOMSJOUREN or POLIS')
    .option('--user <id>', 'opaque user id, the token subject (no names or e-mail addresses)')
    .option('--ttl <ttl>', 'lifetime: 30m, 8h, 2d (at most 7d)', '8h')
    .option('--dev-sign-in', 'opt in to development sign-in (env SAMLOGG_DEV_SIGN_IN=1; implied by NODE_ENV=development); never in production')
    .action(async (options: { role: string; org: string; user?: string; ttl: string; devSignIn?: boolean }) => {
      const asked = devSignInFromEnv(io.env.SAMLOGG_DEV_SIGN_IN);
      if (!asked.ok) throw new UsageError(asked.message);
      let oidcConfigured;
      try {
        oidcConfigured = oidcFromEnv(io.env as NodeJS.ProcessEnv) !== undefined;
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      if (oidcConfigured) throw new UsageError('token: development tokens are refused where OIDC is configured; sign in with the identity provider');
      // The same rule as the server's: a development token needs development sign-in, asked for.
      const choice = chooseSignIn({ nodeEnv: io.env.NODE_ENV, oidcConfigured, devSignInAsked: Boolean(options.devSignIn) || asked.on });
      if (!choice.ok) throw new UsageError(`token: ${choice.message}`);
      if (!(USER_ROLES as readonly string[]).includes(options.role)) throw new UsageError(`--role: must be one of ${USER_ROLES.join(', ')}`);
      const hours = ttlHours(options.ttl);
      if (hours === undefined || hours > MAX_TTL_HOURS) throw new UsageError('--ttl: must be minutes, hours or days such as 30m, 8h or 2d, at most 7d');
      const key = await loadOrCreateDevSigningKey(io.env.SAMLOGG_DEV_KEY);
      let token: string;
      try {
        token = await devTokenIssuer(key).issue({ role: options.role as UserRole, org: options.org, sub: options.user }, options.ttl);
      } catch (error) {
        if (error instanceof Unauthenticated) throw new UsageError(`--${error.message.replace(/^sub:/, 'user:')}`);
        throw error;
      }
      io.stderr.write(`Token för / for ${options.role} (${options.org}), giltig / valid ${options.ttl}. Skicka som / send as: Authorization: Bearer <token>\n`);
      io.stdout.write(`${token}\n`);
    });
}
