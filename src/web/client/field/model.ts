import { findIdentifyingText, type IdentifyingKind } from '../../../domain/identity-guard.js';
import { AGE_BANDS, GENDERS, isUnder18, LOCATION_TYPES, PASS_KINDS, ROLES, SOCIAL_SERVICES_UNITS, UNITS } from '../../../domain/vocabulary.js';

/**
 * The field app's pure core: a pass as being filled in (a draft), what is wrong with it, and the
 * commands it becomes. No DOM here, so it is tested in Node like the server's core. The vocabulary
 * and the identity guard are the server's own modules, bundled: the browser refuses what the server
 * would refuse, by the same code, before anything is sent.
 */
export { AGE_BANDS, GENDERS, isUnder18, LOCATION_TYPES, PASS_KINDS, ROLES, SOCIAL_SERVICES_UNITS, UNITS };

export interface RaidDraft {
  raidId: string;
  locationType: string;
  time: string;
}

export interface EncounterDraft {
  encounterId: string;
  raidId: string;
  role: string;
  ageBand: string;
  gender: string;
  /** What the user typed or chose; resolved to a code by `resolveKommun`. */
  homeKommun: string;
  supportOfferedBy: string[];
  guardianContactedOn: string;
  concernReportOn: string;
  concernReportKommun: string;
}

/** What the log already holds of a pass being corrected or completed (or sent part-way). */
export interface RecordedState {
  pass?: { date: string; kind: string; units: string[]; area: string };
  raids: string[];
  encounters: Record<string, RecordedEncounter>;
}

export interface RecordedEncounter {
  role: string;
  ageBand: string;
  gender: string;
  /** Codes, as the log holds them. */
  homeKommun: string;
  raidId: string;
  supportOfferedBy: string[];
  guardianContactedOn: string;
  concernReportOn: string;
}

export interface PassDraft {
  passId: string;
  /** Absent for a new pass; for a sent one, what the log holds, so only the differences are sent. */
  recorded?: RecordedState;
  date: string;
  kind: string;
  units: string[];
  area: string;
  startTime: string;
  endTime: string;
  raids: RaidDraft[];
  encounters: EncounterDraft[];
}

export type Kommun = readonly [code: string, name: string, county: string];

export const ABROAD = 'ABROAD';
export const UNKNOWN = 'UNKNOWN';

/**
 * An encounter's fields as drafts kept on a device before they took the glossary's names: a draft
 * saved by the earlier app is read under the new names, so an update loses nothing typed.
 */
const FORMER_NAMES: Readonly<Record<string, keyof EncounterDraft>> = {
  supportUnits: 'supportOfferedBy',
  guardianOn: 'guardianContactedOn',
  concernOn: 'concernReportOn',
  concernKommun: 'concernReportKommun',
};

function renamed<T extends object>(fields: T): T {
  if (!Object.keys(FORMER_NAMES).some((name) => name in fields)) return fields;
  const next: Record<string, unknown> = { ...(fields as Record<string, unknown>) };
  for (const [former, name] of Object.entries(FORMER_NAMES)) {
    if (!(former in next)) continue;
    if (!(name in next)) next[name] = next[former];
    delete next[former];
  }
  return next as T;
}

/** A draft as read from the device, under today's field names (pure: a new draft when anything was renamed). */
export function upgradeDraft(draft: PassDraft): PassDraft {
  const recorded = draft.recorded && { ...draft.recorded, encounters: Object.fromEntries(Object.entries(draft.recorded.encounters).map(([id, e]) => [id, renamed(e)])) };
  return { ...draft, ...(recorded ? { recorded } : {}), encounters: draft.encounters.map(renamed) };
}

export function newPassDraft(newId: () => string, today: string, ownUnit: string): PassDraft {
  return { passId: newId(), date: today, kind: '', units: (UNITS as readonly string[]).includes(ownUnit) ? [ownUnit] : [], area: '', startTime: '', endTime: '', raids: [], encounters: [] };
}

export const newRaid = (newId: () => string): RaidDraft => ({ raidId: newId(), locationType: '', time: '' });

export const newEncounter = (newId: () => string): EncounterDraft => ({
  encounterId: newId(),
  raidId: '',
  role: '',
  ageBand: '',
  gender: '',
  homeKommun: '',
  supportOfferedBy: [],
  guardianContactedOn: '',
  concernReportOn: '',
  concernReportKommun: '',
});

/** Folds case and diacritics away except å, ä, ö, which Swedish sorts and searches as letters of their own. */
const fold = (text: string) => text.toLocaleLowerCase('sv').trim();

/** The kommun a typed text names: a code, a name, "Namn (kod)", or abroad / unknown in either language. */
export function resolveKommun(text: string, kommuner: readonly Kommun[]): string | undefined {
  const value = fold(text);
  if (value === '') return undefined;
  if (['utlandet', 'utomlands', 'abroad'].includes(value)) return ABROAD;
  if (['okänd', 'okänt', 'vet ej', 'unknown'].includes(value)) return UNKNOWN;
  const code = /\((\d{4})\)$/.exec(value)?.[1] ?? (/^\d{4}$/.test(value) ? value : undefined);
  if (code) return kommuner.some(([c]) => c === code) ? code : undefined;
  return kommuner.find(([, name]) => fold(name) === value)?.[0];
}

/** Kommuner whose name starts with (then contains) the text; Stockholms län first, as most are. */
export function searchKommuner(text: string, kommuner: readonly Kommun[], limit = 6): Kommun[] {
  const value = fold(text);
  if (value.length < 2) return [];
  const rank = ([, name, county]: Kommun) => (fold(name).startsWith(value) ? 0 : 2) + (county.startsWith('Stockholm') ? 0 : 1);
  return kommuner
    .filter(([, name]) => fold(name).includes(value))
    .sort((a, b) => rank(a) - rank(b) || a[1].localeCompare(b[1], 'sv'))
    .slice(0, limit);
}

export const kommunLabel = ([code, name]: Kommun) => `${name} (${code})`;

export interface DraftError {
  /** The id of the input in the form (see `fieldId`). */
  readonly id: string;
  /** A key into the page's texts. */
  readonly key: string;
  /** Which person or raid it concerns, so a summary says "Person 2: choose a role". */
  readonly of?: { readonly key: 'personN' | 'raidN'; readonly n: number };
}

/** The text key for identifying text the guard found (one per kind the guard knows). */
export const IDENTITY_ERROR_KEYS: { readonly [K in IdentifyingKind]: string } = {
  personnummer: 'errIdPersonnummer',
  samordningsnummer: 'errIdSamordningsnummer',
  'phone number': 'errIdPhone',
  'e-mail address': 'errIdEmail',
  'street address': 'errIdAddress',
};

/** The guard's verdict on free text, as a text key; undefined when it reads as ordinary text. */
export function identityErrorKey(text: string): string | undefined {
  const kind = findIdentifyingText(text);
  return kind ? IDENTITY_ERROR_KEYS[kind] : undefined;
}

/** Input ids: stable, so an error links to its field. */
export const fieldId = {
  pass: (name: string) => `pass-${name}`,
  raid: (n: number, name: string) => `raid-${n}-${name}`,
  encounter: (n: number, name: string) => `encounter-${n}-${name}`,
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What must be put right before the pass can be sent; the server checks everything again. */
export function draftErrors(draft: PassDraft, context: { today: string; ownUnit: string; kommuner: readonly Kommun[] }): DraftError[] {
  const errors: DraftError[] = [];
  const { pass, raid, encounter } = fieldId;
  if (!DATE.test(draft.date)) errors.push({ id: pass('date'), key: 'errDate' });
  else if (draft.date > context.today) errors.push({ id: pass('date'), key: 'errDateFuture' });
  else if (draft.date < '2021-04-01') errors.push({ id: pass('date'), key: 'errDateEarly' });
  if (!(PASS_KINDS as readonly string[]).includes(draft.kind)) errors.push({ id: pass('kind'), key: 'errKind' });
  if (draft.units.length === 0) errors.push({ id: pass('units'), key: 'errUnits' });
  else if ((UNITS as readonly string[]).includes(context.ownUnit) && !draft.units.includes(context.ownUnit)) errors.push({ id: pass('units'), key: 'errOwnUnit' });
  if (draft.area.trim().length > 120) errors.push({ id: pass('area'), key: 'errArea' });
  else {
    const identity = identityErrorKey(draft.area);
    if (identity) errors.push({ id: pass('area'), key: identity });
  }
  for (const name of ['startTime', 'endTime'] as const) if (draft[name] && !TIME.test(draft[name])) errors.push({ id: pass(name), key: 'errTime' });
  draft.raids.forEach((r, n) => {
    const of = { key: 'raidN', n: n + 1 } as const;
    if (!(LOCATION_TYPES as readonly string[]).includes(r.locationType)) errors.push({ id: raid(n, 'locationType'), key: 'errLocation', of });
    if (r.time && !TIME.test(r.time)) errors.push({ id: raid(n, 'time'), key: 'errTime', of });
  });
  draft.encounters.forEach((e, n) => {
    const of = { key: 'personN', n: n + 1 } as const;
    if (!(ROLES as readonly string[]).includes(e.role)) errors.push({ id: encounter(n, 'role'), key: 'errRole', of });
    if (!(AGE_BANDS as readonly string[]).includes(e.ageBand)) errors.push({ id: encounter(n, 'ageBand'), key: 'errAgeBand', of });
    if (!resolveKommun(e.homeKommun, context.kommuner)) errors.push({ id: encounter(n, 'homeKommun'), key: e.homeKommun.trim() ? 'errKommunUnknown' : 'errKommun', of });
    const recorded = draft.recorded?.encounters[e.encounterId];
    if (!isUnder18(e.ageBand)) {
      // A child's guardian contact or report already in the log cannot be undone by a new age band.
      if (recorded && (recorded.guardianContactedOn || recorded.concernReportOn)) errors.push({ id: encounter(n, 'ageBand'), key: 'errUnder18Facts', of });
      return;
    }
    for (const [name, value] of [
      ['guardianContactedOn', e.guardianContactedOn],
      ['concernReportOn', e.concernReportOn],
    ] as const) {
      if (!value || recorded?.[name]) continue;
      if (!DATE.test(value)) errors.push({ id: encounter(n, name), key: 'errDate', of });
      else if (value > context.today) errors.push({ id: encounter(n, name), key: 'errDateFuture', of });
      else if (DATE.test(draft.date) && value < draft.date) errors.push({ id: encounter(n, name), key: 'errBeforePass', of });
    }
    if (e.concernReportOn && !recorded?.concernReportOn && !/^\d{4}$/.test(resolveKommun(e.concernReportKommun, context.kommuner) ?? '')) errors.push({ id: encounter(n, 'concernReportKommun'), key: 'errConcernKommun', of });
  });
  return errors;
}

/** What one command records, for the person reading what was and was not sent. */
export interface CommandPart {
  readonly kind: 'pass' | 'passCorrection' | 'raid' | 'person' | 'personCorrection' | 'support' | 'guardian' | 'concern' | 'passRetraction' | 'personRetraction';
  /** The person or raid, counted from 1 as the form shows them. */
  readonly n?: number;
}

export interface QueuedCommand {
  readonly type: string;
  /** The GraphQL mutation and its input type. */
  readonly mutation: string;
  readonly inputType: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly part?: CommandPart;
}

const MUTATIONS: Readonly<Record<string, string>> = {
  RecordPass: 'recordPass',
  RecordRaid: 'recordRaid',
  RecordEncounter: 'recordEncounter',
  OfferSupport: 'offerSupport',
  ContactGuardian: 'contactGuardian',
  FileConcernReport: 'fileConcernReport',
  CorrectPass: 'correctPass',
  RetractPass: 'retractPass',
  CorrectEncounter: 'correctEncounter',
  RetractEncounter: 'retractEncounter',
};

/** One command, with its id made now: sent again after a lost answer it is the same command, recorded once. */
export function queued(type: string, input: Record<string, unknown>, newId: () => string, part?: CommandPart): QueuedCommand {
  const mutation = MUTATIONS[type];
  if (!mutation) throw new Error(`unknown command ${type}`);
  const clean = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== '' && value !== undefined));
  return { type, mutation, inputType: `${type}Input`, input: { commandId: newId(), ...clean }, ...(part ? { part } : {}) };
}

const sameSet = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

/**
 * The commands a checked draft becomes, in the order the log needs them. For a pass the log already
 * holds (corrected, completed, or sent part-way and refused), only what differs: what is recorded is
 * never sent again, so following the app's advice cannot record anything twice.
 */
export function draftCommands(draft: PassDraft, kommuner: readonly Kommun[], newId: () => string): QueuedCommand[] {
  const { passId, recorded } = draft;
  const commands: QueuedCommand[] = [];
  const area = draft.area.trim();
  if (!recorded?.pass) {
    commands.push(queued('RecordPass', { passId, date: draft.date, kind: draft.kind, units: draft.units, area, startTime: draft.startTime, endTime: draft.endTime }, newId, { kind: 'pass' }));
  } else {
    const was = recorded.pass;
    const changes: Record<string, unknown> = {};
    if (draft.date !== was.date) changes.date = draft.date;
    if (draft.kind !== was.kind) changes.kind = draft.kind;
    if (!sameSet(draft.units, was.units)) changes.units = draft.units;
    // An emptied area field clears the recorded area: the server takes null for that, never ''.
    if (area !== was.area) changes.area = area || null;
    if (Object.keys(changes).length > 0) commands.push(queued('CorrectPass', { passId, ...changes }, newId, { kind: 'passCorrection' }));
  }
  draft.raids.forEach((raid, r) => {
    if (!recorded?.raids.includes(raid.raidId)) commands.push(queued('RecordRaid', { passId, raidId: raid.raidId, locationType: raid.locationType, time: raid.time }, newId, { kind: 'raid', n: r + 1 }));
  });
  draft.encounters.forEach((e, index) => {
    const n = index + 1;
    const { encounterId } = e;
    const homeKommun = resolveKommun(e.homeKommun, kommuner);
    const was = recorded?.encounters[encounterId];
    if (!was) {
      commands.push(queued('RecordEncounter', { passId, encounterId, raidId: e.raidId, role: e.role, ageBand: e.ageBand, gender: e.gender, homeKommun }, newId, { kind: 'person', n }));
    } else {
      const changes: Record<string, unknown> = {};
      if (e.role !== was.role) changes.role = e.role;
      if (e.ageBand !== was.ageBand) changes.ageBand = e.ageBand;
      if (e.gender && e.gender !== was.gender) changes.gender = e.gender;
      if (homeKommun && homeKommun !== was.homeKommun) changes.homeKommun = homeKommun;
      if (e.raidId && e.raidId !== was.raidId) changes.raidId = e.raidId;
      if (Object.keys(changes).length > 0) commands.push(queued('CorrectEncounter', { passId, encounterId, ...changes }, newId, { kind: 'personCorrection', n }));
    }
    for (const unit of e.supportOfferedBy) if (!was?.supportOfferedBy.includes(unit)) commands.push(queued('OfferSupport', { passId, encounterId, unit }, newId, { kind: 'support', n }));
    if (isUnder18(e.ageBand) && e.guardianContactedOn && !was?.guardianContactedOn) commands.push(queued('ContactGuardian', { passId, encounterId, on: e.guardianContactedOn }, newId, { kind: 'guardian', n }));
    if (isUnder18(e.ageBand) && e.concernReportOn && !was?.concernReportOn) commands.push(queued('FileConcernReport', { passId, encounterId, on: e.concernReportOn, kommun: resolveKommun(e.concernReportKommun, kommuner) }, newId, { kind: 'concern', n }));
  });
  return commands;
}

/** The draft's record of what the log holds, after `command` was recorded (pure: a new state). */
export function afterRecorded(recorded: RecordedState | undefined, command: QueuedCommand): RecordedState {
  const next: RecordedState = structuredClone(recorded ?? { raids: [], encounters: {} });
  const input = command.input as Record<string, string | string[] | undefined>;
  const text = (name: string) => (typeof input[name] === 'string' ? (input[name] as string) : '');
  const encounterId = text('encounterId');
  const encounter = next.encounters[encounterId];
  switch (command.type) {
    case 'RecordPass':
      next.pass = { date: text('date'), kind: text('kind'), units: [...((input.units as string[]) ?? [])], area: text('area') };
      break;
    case 'CorrectPass':
      if (next.pass) {
        if (input.date) next.pass.date = text('date');
        if (input.kind) next.pass.kind = text('kind');
        if (input.units) next.pass.units = [...(input.units as string[])];
        if (input.area !== undefined) next.pass.area = text('area'); // null: cleared
      }
      break;
    case 'RecordRaid':
      next.raids.push(text('raidId'));
      break;
    case 'RecordEncounter':
      next.encounters[encounterId] = { role: text('role'), ageBand: text('ageBand'), gender: text('gender'), homeKommun: text('homeKommun'), raidId: text('raidId'), supportOfferedBy: [], guardianContactedOn: '', concernReportOn: '' };
      break;
    case 'CorrectEncounter':
      if (encounter) for (const name of ['role', 'ageBand', 'gender', 'homeKommun', 'raidId'] as const) if (input[name]) encounter[name] = text(name);
      break;
    case 'OfferSupport':
      encounter?.supportOfferedBy.push(text('unit'));
      break;
    case 'ContactGuardian':
      if (encounter) encounter.guardianContactedOn = text('on');
      break;
    case 'FileConcernReport':
      if (encounter) encounter.concernReportOn = text('on');
      break;
  }
  return next;
}

/** A pass as the server answers it, enough to correct or complete it. */
export interface SentPass {
  readonly id: string;
  readonly date: string;
  readonly kind: string;
  readonly units: readonly string[];
  readonly area: string | null;
  readonly startTime?: string | null;
  readonly endTime?: string | null;
  readonly raids: ReadonlyArray<{ readonly id: string; readonly time?: string | null; readonly locationType?: string }>;
  readonly encounters: ReadonlyArray<{
    readonly id: string;
    readonly raidId?: string | null;
    readonly role: string;
    readonly ageBand: string;
    readonly gender?: string | null;
    readonly homeKommun: string;
    readonly retracted: boolean;
    readonly supportOfferedBy?: readonly string[] | null;
    readonly guardianContactedOn: string | null;
    readonly concernReport: { readonly on: string; readonly kommun?: string } | null;
  }>;
}

/** The text a person reads for a kommun code: "Stockholm (0180)", "Utlandet" and "Okänd" through `special`. */
export function kommunText(code: string, kommuner: readonly Kommun[], special: (code: string) => string): string {
  if (code === ABROAD || code === UNKNOWN) return special(code);
  const found = kommuner.find(([c]) => c === code);
  return found ? kommunLabel(found) : code;
}

/** A sent pass as a draft whose every part is recorded: what the person then changes is what is sent. */
export function draftFromPass(pass: SentPass, kommuner: readonly Kommun[], special: (code: string) => string): PassDraft {
  const live = pass.encounters.filter((e) => !e.retracted);
  const recorded: RecordedState = {
    pass: { date: pass.date, kind: pass.kind, units: [...pass.units], area: pass.area ?? '' },
    raids: pass.raids.map((r) => r.id),
    encounters: Object.fromEntries(
      live.map((e) => [
        e.id,
        {
          role: e.role,
          ageBand: e.ageBand,
          gender: e.gender ?? '',
          homeKommun: e.homeKommun,
          raidId: e.raidId ?? '',
          supportOfferedBy: [...(e.supportOfferedBy ?? [])],
          guardianContactedOn: e.guardianContactedOn ?? '',
          concernReportOn: e.concernReport?.on ?? '',
        },
      ]),
    ),
  };
  return {
    passId: pass.id,
    recorded,
    date: pass.date,
    kind: pass.kind,
    units: [...pass.units],
    area: pass.area ?? '',
    startTime: pass.startTime ?? '',
    endTime: pass.endTime ?? '',
    raids: pass.raids.map((r) => ({ raidId: r.id, locationType: r.locationType ?? '', time: r.time ?? '' })),
    encounters: live.map((e) => ({
      encounterId: e.id,
      raidId: e.raidId ?? '',
      role: e.role,
      ageBand: e.ageBand,
      gender: e.gender ?? '',
      homeKommun: kommunText(e.homeKommun, kommuner, special),
      supportOfferedBy: [...(e.supportOfferedBy ?? [])],
      guardianContactedOn: e.guardianContactedOn ?? '',
      concernReportOn: e.concernReport?.on ?? '',
      concernReportKommun: e.concernReport?.kommun ? kommunText(e.concernReport.kommun, kommuner, special) : '',
    })),
  };
}

/** The server's refusal of one command: its code, field and rule, and which command it was. */
export interface Refusal {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly rule?: string;
  /** The command's type. */
  readonly command: string;
  /** Its place in the submission: the ones before it are in the log, it and the ones after are not. */
  readonly index: number;
  /** What the refused command was part of (person 2, the pass …). */
  readonly part?: CommandPart;
  /** What every command of the submission was part of, so the person reads what is and is not in the log. */
  readonly parts?: ReadonlyArray<CommandPart | null>;
}

