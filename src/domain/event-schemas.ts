import { z } from 'zod';
import { ACCOUNT_PAYMENTS, TRAINING_FORMATS } from './county-vocabulary.js';
import type { DomainEventType, EventDataOf } from './events.js';
import { isHomeKommun, isKommunCode } from './kommun.js';
import { isLocalDate } from './time.js';
import { AGE_BANDS, GENDERS, LOCATION_TYPES, PASS_KINDS, ROLES, UNITS } from './vocabulary.js';

/**
 * The shape of every event's data as this version writes it (its current schema version): what a
 * reader may rely on after decoding (event-decoding.ts). Not the commands' rules: screening and
 * plausibility were decided before the event was written; these say what the log holds. Free text
 * is any string, since it may be sealed (free-text.ts). Objects are strict: an event carrying a field
 * this version does not know was written by another one, and is not read as if it were not there.
 */

const id = z.string().min(1);
const date = z.string().refine(isLocalDate, { error: 'must be a date written YYYY-MM-DD' });
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time written HH:mm' });
const text = z.string();
const unit = z.enum(UNITS);
const units = z.array(unit).min(1);
const homeKommun = z.string().refine(isHomeKommun, { error: 'must be a home kommun of the reference data (an SCB code, ABROAD or UNKNOWN)' });
const kommun = z.string().refine(isKommunCode, { error: 'must be an SCB kommun code of the reference data' });
const count = z.number().int().min(0);
const pass = { passId: id };
const encounter = { passId: id, encounterId: id };

export const EVENT_SCHEMAS = {
  PassRecorded: z.strictObject({ ...pass, date, kind: z.enum(PASS_KINDS), units, startTime: time.optional(), endTime: time.optional(), area: text.optional() }),
  RaidRecorded: z.strictObject({ ...pass, raidId: id, time: time.optional(), locationType: z.enum(LOCATION_TYPES) }),
  PersonEncountered: z.strictObject({ ...encounter, raidId: id.optional(), role: z.enum(ROLES), ageBand: z.enum(AGE_BANDS), gender: z.enum(GENDERS).optional(), homeKommun }),
  SupportOffered: z.strictObject({ ...encounter, unit }),
  GuardianContacted: z.strictObject({ ...encounter, on: date }),
  ConcernReportFiled: z.strictObject({ ...encounter, on: date, kommun }),
  EncounterCorrected: z.strictObject({
    ...encounter,
    raidId: id.optional(),
    role: z.enum(ROLES).optional(),
    ageBand: z.enum(AGE_BANDS).optional(),
    gender: z.enum(GENDERS).optional(),
    homeKommun: homeKommun.optional(),
  }),
  EncounterRetracted: z.strictObject({ ...encounter, reason: text }),
  PassCorrected: z.strictObject({ ...pass, date: date.optional(), kind: z.enum(PASS_KINDS).optional(), units: units.optional(), area: text.nullable().optional() }),
  PassRetracted: z.strictObject({ ...pass, reason: text }),

  AgreementSigned: z.strictObject({ kommun, effectiveFrom: date, signedOn: date.optional(), reference: text.optional() }),
  AgreementEnded: z.strictObject({ kommun, effectiveUntil: date, reference: text.optional() }),
  NotConnectedConfirmed: z.strictObject({ kommun, on: date, reference: text.optional() }),
  KommunNotified: z.strictObject({ kommun, on: date, encounters: z.array(z.strictObject({ passId: id, encounterId: id })) }),
  TrainingHeld: z.strictObject({ trainingId: id, date, format: z.enum(TRAINING_FORMATS), participants: count, kommuner: z.array(kommun) }),
  AccountRegistered: z.strictObject({ accountId: id, unit, platform: text, on: date, payment: z.enum(ACCOUNT_PAYMENTS) }),
  OrganisationDisclosed: z.strictObject({ accountId: id, on: date }),
  AccountBlocked: z.strictObject({ accountId: id, on: date }),
  OutreachSessionHeld: z.strictObject({
    sessionId: id,
    date,
    unit,
    platform: text,
    accountId: id.optional(),
    passId: id.optional(),
    contactsEstablished: count,
    minorsFound: count,
    referrals: count,
  }),
} satisfies { readonly [T in DomainEventType]: z.ZodType<EventDataOf<T>> };
