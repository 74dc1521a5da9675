import { MUTATIONS, type CategoryName } from '../application/catalogue.js';
import type { Principal, UserRole } from './principal.js';

/**
 * Who may call what, as one table: every Query and Mutation field has an entry, and a field without
 * one is refused (a new resolver is closed until someone decides who may use it). Pass-level rows
 * are further limited to the caller's own organisation in the resolvers, which know the pass.
 */
export const QUERY_ACCESS: Readonly<Record<string, readonly UserRole[]>> = {
  steeringFigures: ['beredningsgrupp', 'projektledare'],
  statistics: ['beredningsgrupp', 'projektledare'],
  tertialSummary: ['beredningsgrupp', 'styrgrupp', 'projektledare'],
  tertialReport: ['beredningsgrupp', 'styrgrupp', 'projektledare'],
  // Whoever may read a figure may ask what it counts; field users see their own unit's passes only (in the resolver).
  explainFigure: ['beredningsgrupp', 'styrgrupp', 'projektledare', 'field'],
  explainStatistics: ['beredningsgrupp', 'projektledare', 'field'],
  pass: ['field'],
  passes: ['field'],
  passHistory: ['field'],
  auditLog: ['auditor'],
  agreements: ['projektledare'],
  pendingKommunNotifications: ['projektledare'],
  costShare: ['projektledare'],
  costShareReport: ['projektledare'],
  // Field users see their own organisation's encounters only (in the resolver); the police none.
  openSafeguardingActions: ['field', 'projektledare'],
  trainingSummary: ['projektledare'],
  outreachSummary: ['projektledare'],
};

/**
 * Who may record in each stream category. Every command of a category is a mutation open to these
 * roles (the mutations are the catalogue's, src/application/catalogue.ts); a new category does not
 * type-check until someone decides who may record in it here.
 */
const RECORDED_BY: Readonly<Record<CategoryName, readonly UserRole[]>> = {
  pass: ['field'],
  kommun: ['projektledare'],
  training: ['projektledare'],
  outreach: ['projektledare'],
  outreach_session: ['projektledare'],
};
/** Support, guardian contact and reports of concern are social services' work, and their facts. */
export const SOCIAL_SERVICES_ONLY_MUTATIONS = ['offerSupport', 'contactGuardian', 'fileConcernReport'];
/** Queries that show social-services-only facts: not open to POLIS. */
export const SOCIAL_SERVICES_ONLY_QUERIES = ['openSafeguardingActions'];

export const MUTATION_ACCESS: Readonly<Record<string, readonly UserRole[]>> = Object.fromEntries(
  [...MUTATIONS].map(([name, mutation]) => [name, RECORDED_BY[mutation.category]] as const),
);

/** Social-services-only facts about an encounter, withheld from police users. */
export const POLICE_WITHHELD_REASON = 'Socialtjänstens uppgift: visas inte för polisen / social-services-only fact, not shown to the police';
export const SOCIAL_SERVICES_ONLY_EVENT_TYPES: ReadonlySet<string> = new Set(['SupportOffered', 'GuardianContacted', 'ConcernReportFiled']);

export type AccessDecision = { ok: true } | { ok: false; rule: string };

export function mayCall(principal: Principal, operation: 'Query' | 'Mutation', field: string): AccessDecision {
  const table = operation === 'Query' ? QUERY_ACCESS : MUTATION_ACCESS;
  const roles = Object.hasOwn(table, field) ? table[field] : undefined;
  if (!roles) return { ok: false, rule: 'is not open to any role' };
  if (!roles.includes(principal.role)) return { ok: false, rule: `is open to ${roles.join(', ')}, not to ${principal.role}` };
  const socialOnly = operation === 'Mutation' ? SOCIAL_SERVICES_ONLY_MUTATIONS : SOCIAL_SERVICES_ONLY_QUERIES;
  if (principal.role === 'field' && principal.org === 'POLIS' && socialOnly.includes(field)) {
    return { ok: false, rule: 'is social services’ work, not open to POLIS' };
  }
  return { ok: true };
}
