import { z } from 'zod';
import { UNITS, type Unit } from '../domain/vocabulary.js';

/** The roles a token can carry (claim `role`); what each may do is in access-policy.ts. */
export const USER_ROLES = ['field', 'beredningsgrupp', 'styrgrupp', 'projektledare', 'auditor'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A signed-in user as the server knows them: no name, only an opaque subject, organisation and role. */
export interface Principal {
  readonly sub: string;
  readonly org: string;
  readonly role: UserRole;
}

/** A field user's organisation is the unit it works in; other roles name their organisation freely. */
export function fieldUnitOf(principal: Principal): Unit | undefined {
  return principal.role === 'field' ? (principal.org as Unit) : undefined;
}

/** Police and social services have different missions: the police never see social-services-only facts. */
export const isPolice = (principal: Principal) => principal.role === 'field' && principal.org === 'POLIS';

const ORG_PATTERN = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;
// An opaque id: an e-mail address or a personal identity number as a subject would put identity in the log.
const SUB_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

const principalClaims = z
  .object({
    sub: z.string({ error: 'must be given' }).regex(SUB_PATTERN, 'must be an opaque id of letters, digits and . _ : - (at most 64)').refine((sub) => !sub.includes('@'), 'must not be an e-mail address'),
    role: z.enum(USER_ROLES, { error: `must be one of ${USER_ROLES.join(', ')}` }),
    org: z.string({ error: 'must be given' }).regex(ORG_PATTERN, 'must be an organisation code in capitals, e.g. MIKA'),
  })
  .superRefine((claims, context) => {
    if (claims.role === 'field' && !(UNITS as readonly string[]).includes(claims.org)) {
      context.addIssue({ code: 'custom', path: ['org'], message: `must be one of ${UNITS.join(', ')} for the field role` });
    }
  });

export type ClaimsResult = { ok: true; principal: Principal } | { ok: false; field: string; rule: string };

/** The principal a set of claims names, or the first claim that is wrong and why. */
export function principalFromClaims(claims: unknown): ClaimsResult {
  const parsed = principalClaims.safeParse(claims);
  if (parsed.success) return { ok: true, principal: { sub: parsed.data.sub, org: parsed.data.org, role: parsed.data.role } };
  const issue = parsed.error.issues[0];
  return { ok: false, field: String(issue?.path[0] ?? 'token'), rule: issue?.message ?? 'is not valid' };
}
