import { decodeEvent } from '../domain/event-decoding.js';
import { countedOf, type ExclusionReason, type FigureMember } from '../../queries/figure-members.js';
import type { PassRegister } from '../../projections/pass-register-rows.js';
import { passStreamId } from '../domain/events.js';
import { domainError, type DomainError } from '../domain/errors.js';
import type { EventStore, RecordedEvent } from '../store/port.js';

/**
 * What a figure counts, event by event: for each pass or encounter behind it, the positions of the
 * events that make it count as it does (recorded, corrected, offered support, retracted). Only the
 * page asked for reads its passes' streams, so a large figure costs one page of stream reads.
 */

interface FigureEvidence {
  readonly position: number;
  readonly type: string;
  readonly recordedAt: string;
}

interface ExplainedMember {
  readonly passId: string;
  readonly encounterId: string | null;
  readonly counted: boolean;
  readonly reason: ExclusionReason | null;
  readonly events: readonly FigureEvidence[];
}

interface ExplanationPage {
  /** The figure: counted members, over every page. */
  readonly count: number;
  /** Members listed (counted, and excluded when asked), over every page. */
  readonly totalMembers: number;
  readonly members: readonly ExplainedMember[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

export interface PageRequest {
  readonly first: number;
  readonly after?: string | null;
  /** Events recorded after this instant do not count (as-of explanations). */
  readonly asOf?: Date | null;
  /** Leave out social-services-only facts (support offered): the police never see them. */
  readonly withoutSocialServicesFacts?: boolean;
  /**
   * Decides from each listed pass's stream, as just read, whether the caller may see it (field users:
   * their own unit's passes). The rows were chosen from the register, which may lag another writer;
   * a pass the stream refuses is left off the page.
   */
  readonly mayRead?: (events: readonly RecordedEvent[]) => boolean;
}

const PASS_EVENTS: ReadonlySet<string> = new Set(['PassRecorded', 'PassCorrected', 'PassRetracted']);
const ENCOUNTER_EVENTS: ReadonlySet<string> = new Set(['PersonEncountered', 'EncounterCorrected', 'EncounterRetracted', 'SupportOffered']);
export const MAX_PAGE = 1000;

const cursorOf = (index: number) => Buffer.from(`member:${index}`, 'utf8').toString('base64url');

function indexAfter(after: string | null | undefined): number | DomainError {
  if (after === undefined || after === null) return 0;
  const match = /^member:(\d{1,9})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  return match ? Number(match[1]) + 1 : domainError('BAD_USER_INPUT', 'after', 'must be a cursor from a previous page');
}

/** The events of one pass stream that make a pass, or one of its encounters, count as it does. */
function evidenceOf(events: readonly RecordedEvent[], encounterId: string | null, request: Pick<PageRequest, 'asOf' | 'withoutSocialServicesFacts'>): FigureEvidence[] {
  const until = request.asOf?.toISOString();
  const evidence: FigureEvidence[] = [];
  for (const event of events) {
    if (until !== undefined && event.recordedAt > until) break;
    const about = encounterId !== null && ENCOUNTER_EVENTS.has(event.type) ? decodeEvent(event).data : undefined;
    const aboutThis = PASS_EVENTS.has(event.type) || (about !== undefined && 'encounterId' in about && about.encounterId === encounterId);
    if (!aboutThis || (request.withoutSocialServicesFacts && event.type === 'SupportOffered')) continue;
    evidence.push({ position: event.position, type: event.type, recordedAt: event.recordedAt });
  }
  return evidence;
}

/** One page of members with their events; `unbounded` lifts the page limit for the command line, which lists all. */
export async function explainPage(store: EventStore, register: PassRegister, members: readonly FigureMember[], request: PageRequest, options: { unbounded?: boolean } = {}): Promise<ExplanationPage | DomainError> {
  if (!Number.isInteger(request.first) || request.first < 0 || (!options.unbounded && request.first > MAX_PAGE)) {
    return domainError('BAD_USER_INPUT', 'first', `must be a whole number from 0 to ${MAX_PAGE}`);
  }
  const start = indexAfter(request.after);
  if (typeof start !== 'number') return start;
  const page = members.slice(start, start + request.first);
  const streams = new Map<number, RecordedEvent[]>();
  for (const member of page) {
    if (!streams.has(member.passRow)) streams.set(member.passRow, await store.readStream(passStreamId(register.passIds[member.passRow] as string)));
  }
  const readable = request.mayRead ? page.filter((member) => request.mayRead?.(streams.get(member.passRow) ?? []) === true) : page;
  const explained = readable.map((member): ExplainedMember => {
    const encounterId = member.encounterRow >= 0 ? (register.encounterIds[member.encounterRow] as string) : null;
    return {
      passId: register.passIds[member.passRow] as string,
      encounterId,
      counted: member.counted,
      reason: member.reason ?? null,
      events: evidenceOf(streams.get(member.passRow) ?? [], encounterId, request),
    };
  });
  const last = start + page.length - 1;
  return {
    count: countedOf(members),
    totalMembers: members.length,
    members: explained,
    endCursor: page.length > 0 ? cursorOf(last) : null,
    hasNextPage: last + 1 < members.length,
  };
}
