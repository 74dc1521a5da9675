import { IDENTIFYING_KINDS, IDENTIFYING_RULES } from '../../../domain/identity-guard.js';
import { fieldId, IDENTITY_ERROR_KEYS, type CommandPart, type QueuedCommand, type Refusal } from './model.js';

/**
 * A server refusal as a person reads it: a text key for the page's language (never the server's
 * English), the form field it concerns, and what was and was not recorded when it came. Pure, so
 * every code, field and rule the server sends is checked in Node.
 */
export interface RefusalReading {
  /** A key into the field app's texts. */
  readonly key: string;
  /** The input in the pass form it concerns, when there is one. */
  readonly fieldId?: string;
  readonly of?: { readonly key: 'personN' | 'raidN'; readonly n: number };
}

/** Rules (as the server words them) and what they mean for the person; the first that matches. */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/changes nothing/, 'refNothingChanged'],
  [/must not be in the future/, 'errDateFuture'],
  [/must not be before the pass date/, 'errBeforePass'],
  [/must not be after a guardian contact or report of concern/, 'refDateAfterChildFacts'],
  [/only for an encounter under 18/, 'refOnlyUnder18'],
  [/names a retracted pass/, 'refPassRetracted'],
  [/names a retracted encounter/, 'refPersonRetracted'],
  [/must name a recorded pass/, 'refPassMissing'],
  [/must name an encounter recorded/, 'refPersonMissing'],
  [/must name a raid recorded/, 'refRaidMissing'],
  [/already recorded (on this pass )?by another command|is recorded once/, 'refAlreadyRecorded'],
  [/commandId/, 'refCommandReused'],
  [/SCB kommun code/, 'errKommunUnknown'],
  [/at most 120 characters/, 'errArea'],
  [/at most \d+ characters/, 'refTooLong'],
  [/must not be empty/, 'refEmpty'],
  [/date written YYYY-MM-DD|real calendar date/, 'errDate'],
  [/time written HH:mm/, 'errTime'],
  [/at least one unit/, 'errUnits'],
];

/** The form field a command's field is, for the person or raid the command concerns. */
function formField(part: CommandPart | undefined, field: string): string | undefined {
  const name = field.replace(/^\$?input\./, '').replace(/^input$/, '');
  if (!part) return undefined;
  const index = (part.n ?? 1) - 1;
  switch (part.kind) {
    case 'pass':
    case 'passCorrection':
      return ['date', 'kind', 'units', 'area', 'startTime', 'endTime'].includes(name) ? fieldId.pass(name) : undefined;
    case 'raid':
      return ['locationType', 'time'].includes(name) ? fieldId.raid(index, name) : fieldId.raid(index, 'locationType');
    case 'person':
    case 'personCorrection':
      return ['role', 'ageBand', 'gender', 'homeKommun', 'raidId'].includes(name) ? fieldId.encounter(index, name) : fieldId.encounter(index, 'role');
    case 'support':
      return fieldId.encounter(index, 'supportOfferedBy');
    case 'guardian':
      return name === 'encounterId' ? fieldId.encounter(index, 'ageBand') : fieldId.encounter(index, 'guardianContactedOn');
    case 'concern':
      return name === 'kommun' ? fieldId.encounter(index, 'concernReportKommun') : name === 'encounterId' ? fieldId.encounter(index, 'ageBand') : fieldId.encounter(index, 'concernReportOn');
    default:
      return undefined;
  }
}

export function readRefusal(refusal: Pick<Refusal, 'code' | 'field' | 'rule' | 'message'>, part?: CommandPart): RefusalReading {
  const rule = refusal.rule ?? refusal.message;
  const target = formField(part, refusal.field ?? '');
  const of = part?.n ? ({ key: part.kind === 'raid' ? 'raidN' : 'personN', n: part.n } as const) : undefined;
  const where = { ...(target ? { fieldId: target } : {}), ...(of ? { of } : {}) };
  if (refusal.code === 'FORBIDDEN') return { key: 'refForbidden', ...where };
  if (refusal.code === 'UNAUTHENTICATED') return { key: 'refSignIn' };
  if (refusal.code === 'INTERNAL_SERVER_ERROR') return { key: 'refInternal' };
  for (const kind of IDENTIFYING_KINDS) if (rule.includes(IDENTIFYING_RULES[kind])) return { key: IDENTITY_ERROR_KEYS[kind], ...where };
  for (const [pattern, key] of RULES) if (pattern.test(rule)) return { key, ...where };
  return { key: 'refOther', ...where };
}

/** The parts of a submission: in the log (before the refused one), refused, and not sent (after it). */
export function recordedParts(commands: ReadonlyArray<Pick<QueuedCommand, 'part'> | null>, refusedAt: number) {
  const part = (c: Pick<QueuedCommand, 'part'> | null) => c?.part;
  return {
    recorded: commands.slice(0, refusedAt).map(part),
    refused: part(commands[refusedAt] ?? null),
    notSent: commands.slice(refusedAt + 1).map(part),
  };
}

/** True when nothing needs doing: the change the refused command asked for is already in the log. */
export const changedNothing = (refusal: Pick<Refusal, 'rule' | 'message'>) => /changes nothing/.test(refusal.rule ?? refusal.message);
