/**
 * The field app's pure core: a pass as being filled in (a draft), what is wrong with it, and the
 * commands it becomes. No DOM here, so it is tested in Node like the server's core.
 */
export const UNIT_CODES = ['MIKA', 'KAST', 'REGIONKOORDINATOR', 'UNGDOMSJOUREN', 'POLIS'] as const;
export const SOCIAL_UNITS = ['MIKA', 'KAST', 'REGIONKOORDINATOR', 'UNGDOMSJOUREN'] as const;
export const PASS_KINDS = ['SURVEILLANCE', 'RAID'] as const;
export const LOCATION_TYPES = ['APARTMENT', 'HOTEL', 'STREET', 'CLUB', 'ONLINE_ARRANGED', 'OTHER'] as const;
export const ROLES = ['EXPOSED', 'BUYER'] as const;
export const AGE_BANDS = ['UNDER_15', 'AGE_15_17', 'AGE_18_20', 'AGE_21_25', 'AGE_26_35', 'AGE_36_45', 'AGE_46_PLUS', 'UNKNOWN'] as const;
export const MINOR_AGE_BANDS: readonly string[] = ['UNDER_15', 'AGE_15_17'];
export const GENDERS = ['WOMAN', 'MAN', 'OTHER', 'UNKNOWN'] as const;

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
  supportUnits: string[];
  guardianOn: string;
  concernOn: string;
  concernKommun: string;
}

export interface PassDraft {
  passId: string;
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

export function newPassDraft(newId: () => string, today: string, ownUnit: string): PassDraft {
  return { passId: newId(), date: today, kind: '', units: (UNIT_CODES as readonly string[]).includes(ownUnit) ? [ownUnit] : [], area: '', startTime: '', endTime: '', raids: [], encounters: [] };
}

export const newRaid = (newId: () => string): RaidDraft => ({ raidId: newId(), locationType: '', time: '' });

export const newEncounter = (newId: () => string): EncounterDraft => ({
  encounterId: newId(),
  raidId: '',
  role: '',
  ageBand: '',
  gender: '',
  homeKommun: '',
  supportUnits: [],
  guardianOn: '',
  concernOn: '',
  concernKommun: '',
});

export const isMinor = (ageBand: string) => MINOR_AGE_BANDS.includes(ageBand);

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
  else if ((UNIT_CODES as readonly string[]).includes(context.ownUnit) && !draft.units.includes(context.ownUnit)) errors.push({ id: pass('units'), key: 'errOwnUnit' });
  if (draft.area.trim().length > 120) errors.push({ id: pass('area'), key: 'errArea' });
  for (const name of ['startTime', 'endTime'] as const) if (draft[name] && !TIME.test(draft[name])) errors.push({ id: pass(name), key: 'errTime' });
  draft.raids.forEach((r, n) => {
    if (!(LOCATION_TYPES as readonly string[]).includes(r.locationType)) errors.push({ id: raid(n, 'locationType'), key: 'errLocation' });
    if (r.time && !TIME.test(r.time)) errors.push({ id: raid(n, 'time'), key: 'errTime' });
  });
  draft.encounters.forEach((e, n) => {
    if (!(ROLES as readonly string[]).includes(e.role)) errors.push({ id: encounter(n, 'role'), key: 'errRole' });
    if (!(AGE_BANDS as readonly string[]).includes(e.ageBand)) errors.push({ id: encounter(n, 'ageBand'), key: 'errAgeBand' });
    if (!resolveKommun(e.homeKommun, context.kommuner)) errors.push({ id: encounter(n, 'homeKommun'), key: e.homeKommun.trim() ? 'errKommunUnknown' : 'errKommun' });
    if (!isMinor(e.ageBand)) return;
    for (const [name, value] of [
      ['guardianOn', e.guardianOn],
      ['concernOn', e.concernOn],
    ] as const) {
      if (!value) continue;
      if (!DATE.test(value)) errors.push({ id: encounter(n, name), key: 'errDate' });
      else if (value > context.today) errors.push({ id: encounter(n, name), key: 'errDateFuture' });
      else if (DATE.test(draft.date) && value < draft.date) errors.push({ id: encounter(n, name), key: 'errBeforePass' });
    }
    if (e.concernOn && !/^\d{4}$/.test(resolveKommun(e.concernKommun, context.kommuner) ?? '')) errors.push({ id: encounter(n, 'concernKommun'), key: 'errConcernKommun' });
  });
  return errors;
}

export interface QueuedCommand {
  readonly type: string;
  /** The GraphQL mutation and its input type. */
  readonly mutation: string;
  readonly inputType: string;
  readonly input: Readonly<Record<string, unknown>>;
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
export function queued(type: string, input: Record<string, unknown>, newId: () => string): QueuedCommand {
  const mutation = MUTATIONS[type];
  if (!mutation) throw new Error(`unknown command ${type}`);
  const clean = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== '' && value !== undefined));
  return { type, mutation, inputType: `${type}Input`, input: { commandId: newId(), ...clean } };
}

/** The commands a checked draft becomes, in the order the log needs them. */
export function draftCommands(draft: PassDraft, kommuner: readonly Kommun[], newId: () => string): QueuedCommand[] {
  const { passId } = draft;
  const commands: QueuedCommand[] = [
    queued('RecordPass', { passId, date: draft.date, kind: draft.kind, units: draft.units, area: draft.area.trim(), startTime: draft.startTime, endTime: draft.endTime }, newId),
  ];
  for (const raid of draft.raids) commands.push(queued('RecordRaid', { passId, raidId: raid.raidId, locationType: raid.locationType, time: raid.time }, newId));
  for (const e of draft.encounters) {
    const { encounterId } = e;
    commands.push(
      queued('RecordEncounter', { passId, encounterId, raidId: e.raidId, role: e.role, ageBand: e.ageBand, gender: e.gender, homeKommun: resolveKommun(e.homeKommun, kommuner) }, newId),
    );
    for (const unit of e.supportUnits) commands.push(queued('OfferSupport', { passId, encounterId, unit }, newId));
    if (isMinor(e.ageBand) && e.guardianOn) commands.push(queued('ContactGuardian', { passId, encounterId, on: e.guardianOn }, newId));
    if (isMinor(e.ageBand) && e.concernOn) commands.push(queued('FileConcernReport', { passId, encounterId, on: e.concernOn, kommun: resolveKommun(e.concernKommun, kommuner) }, newId));
  }
  return commands;
}
