import { USER_ROLES } from '../auth/principal.js';
import { UNITS } from '../domain/vocabulary.js';

/**
 * What a person starting the server reads first: where each page is, and in development whom they
 * can sign in as. The log lines stay JSON for machines; this goes to stderr for the person.
 */
interface StartBannerOptions {
  /** The address people use, e.g. http://localhost:4000 (no trailing slash). */
  readonly origin: string;
  readonly store: string;
  /** Development sign-in: the sign-in page offers test users. */
  readonly devSignIn: boolean;
  /** Production serves no explorer. */
  readonly production: boolean;
  readonly demo: boolean;
}

const ROLE_TEXT: Readonly<Record<(typeof USER_ROLES)[number], string>> = {
  field: 'fältpersonal / field staff: records passes in the field app',
  beredningsgrupp: 'beredningsgrupp: figures, statistics and the report',
  styrgrupp: 'styrgrupp: the report',
  projektledare: 'projektledare: figures, statistics and the report',
  auditor: 'granskare / auditor: who did what (pass history)',
};

export function startBanner(options: StartBannerOptions): string {
  const { origin } = options;
  const lines = [
    '',
    `Samlogg is running${options.demo ? ' on the synthetic demo log (DEMO – syntetiska data)' : ''}. Store: ${options.store}`,
    '',
    `  Fältappen / field app      ${origin}/`,
    `  Rapport / report           ${origin}/reports/tertial/current   (year: ${origin}/reports/year/current)`,
    ...(options.production ? [] : [`  API-utforskaren / explorer ${origin}/explorer/`]),
    `  Logga in / sign-in         ${origin}/sign-in`,
    `  GraphQL                    ${origin}/graphql`,
    '',
  ];
  if (options.devSignIn) {
    lines.push(
      'Development sign-in (test users, no real accounts): choose one on the sign-in page, or',
      `  npx samlogg token --role ROLE --org ORG`,
      ...USER_ROLES.map((role) => `  ${role.padEnd(16)}${ROLE_TEXT[role]}${role === 'field' ? ` (org ${UNITS.join(', ')})` : ''}`),
      `  The explorer signs in as beredningsgrupp; another user: ${origin}/explorer/?role=field&org=MIKA`,
      '',
    );
  } else {
    lines.push('Sign-in: the identity provider (SAMLOGG_OIDC_*).', '');
  }
  return lines.join('\n');
}
