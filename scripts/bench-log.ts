/**
 * The bench's log: pass streams with the real event types and data shapes of src/domain/events.ts,
 * drawn from a seeded PRNG (event ids excepted), so runs are comparable. Shared by every bench phase.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { seededRandom, type Random } from '../src/demo/random.js';
import { adultAgeBand, AREAS, gender, homeKommun, SOCIAL_COMBOS, supportUnitFor } from '../src/demo/synthetic-people.js';
import { passStreamId, type PassEvent } from '../src/domain/events.js';
import { isKommunCode } from '../src/domain/kommun.js';
import { schemaVersionOf } from '../src/domain/upcasters.js';
import { ZONE } from '../src/domain/time.js';
import { isUnder18, UNDER_18_AGE_BANDS, UNITS, type AgeBand, type LocationType, type Role, type Unit } from '../src/domain/vocabulary.js';
import type { AppendRequest, ExpectedRevision, NewEvent } from '../src/store/port.js';

const FIRST_DAY = DateTime.fromISO('2021-01-01', { zone: ZONE });
const SPAN_DAYS = Math.round(DateTime.fromISO('2026-12-31', { zone: ZONE }).diff(FIRST_DAY, 'days').days);
/** Concurrent passes whose events interleave in the log, as field teams record in parallel. */
const ACTIVE_PASSES = 8;

function seededUuid(random: Random): string {
  const word = () => (Math.floor(random.next() * 0x1_0000_0000) >>> 0).toString(16).padStart(8, '0');
  const hex = word() + word() + word() + word();
  const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function stockholm(date: string, time: string): string {
  return DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toISO({ suppressMilliseconds: true }) as string;
}

interface Actor {
  readonly userId: string;
  readonly org: string;
  readonly role: string;
}

interface PassPlan {
  readonly streamId: string;
  /** Revision of the stream's last emitted event; -1 before the first. */
  revision: number;
  /** Requests still to send, in order; each is the events of consecutive commands on this pass. */
  readonly queue: PassEvent[][];
  /** Corrections and retractions, sent later. */
  readonly followUps: PassEvent[][];
  readonly actor: Actor;
  readonly occurredAt: string;
  readonly laterAt: string;
}

/**
 * Generates the log request by request, with bounded memory: a handful of passes in progress, and the
 * follow-ups waiting for their turn. Everything but the event ids is drawn from a seeded PRNG, so runs
 * are comparable; event ids are random UUIDv4 (crypto.randomUUID), as clients would generate them.
 */
export class LogGenerator {
  private readonly random: Random;
  private readonly active: PassPlan[] = [];
  private readonly waiting: Array<{ due: number; pass: PassPlan }> = [];
  private step = 0;
  emitted = 0;
  passes = 0;

  constructor(
    seed: number,
    private readonly plannedEvents: number,
  ) {
    this.random = seededRandom(seed);
  }

  private hex16(): string {
    const r = this.random;
    return (Math.floor(r.next() * 0x1_0000_0000) >>> 0).toString(16).padStart(8, '0') + (Math.floor(r.next() * 0x1_0000_0000) >>> 0).toString(16).padStart(8, '0');
  }

  private newPass(): PassPlan {
    const r = this.random;
    this.passes += 1;
    const passId = seededUuid(r);
    const progress = Math.min(1, this.emitted / this.plannedEvents);
    const dayIndex = Math.min(SPAN_DAYS, Math.floor(progress * SPAN_DAYS + r.next() * 3));
    const day = FIRST_DAY.plus({ days: dayIndex });
    const date = day.toISODate() as string;
    const startTime = r.pick(['18:00', '20:00', '21:00', '22:00', '22:30']);
    const kind = r.next() < 0.6 ? 'RAID' : 'SURVEILLANCE';
    const unitsRoll = r.next();
    const social = r.pick(SOCIAL_COMBOS);
    const units: Unit[] = unitsRoll < 0.8 ? ['POLIS', ...social] : unitsRoll < 0.95 ? [...social] : ['POLIS'];
    const actor: Actor = { userId: `user-${r.int(1, 400)}`, org: r.pick(UNITS), role: 'recorder' };
    const pass: PassPlan = {
      streamId: passStreamId(passId),
      revision: -1,
      queue: [],
      followUps: [],
      actor,
      occurredAt: stockholm(date, startTime),
      laterAt: day.plus({ days: r.int(1, 20), hours: 10, minutes: r.int(0, 59) }).toISO({ suppressMilliseconds: true }) as string,
    };

    const first: PassEvent[] = [
      {
        type: 'PassRecorded',
        data: {
          passId,
          date,
          kind,
          units,
          ...(r.next() < 0.9 ? { startTime, endTime: r.pick(['01:00', '02:00', '03:00', '04:00']) } : {}),
          ...(r.next() < 0.85 ? { area: r.pick(AREAS) } : {}),
        },
      },
    ];
    const raidIds = kind === 'RAID' ? this.raids(passId, first) : [];
    pass.queue.push(first);
    const encounters = r.int(3, 5);
    for (let e = 0; e < encounters; e += 1) this.encounter(pass, { passId, date, social, raidIds });
    this.passFollowUps(pass, passId);
    return pass;
  }

  /** Up to two raids on a raid pass, recorded with the pass; answers their ids. */
  private raids(passId: string, first: PassEvent[]): string[] {
    const r = this.random;
    const raidIds: string[] = [];
    for (let i = r.int(0, 2); i > 0; i -= 1) {
      const raidId = seededUuid(r);
      raidIds.push(raidId);
      const locationType = r.weighted<LocationType>([['APARTMENT', 50], ['HOTEL', 30], ['STREET', 8], ['CLUB', 5], ['ONLINE_ARRANGED', 5], ['OTHER', 2]]);
      first.push({ type: 'RaidRecorded', data: { passId, raidId, ...(r.next() < 0.8 ? { time: `2${i}:30` } : {}), locationType } });
    }
    return raidIds;
  }

  /** One person met: the request recording them (and for someone under 18 the guardian and the concern report), and maybe a correction or retraction later. */
  private encounter(pass: PassPlan, on: { passId: string; date: string; social: readonly Unit[]; raidIds: readonly string[] }): void {
    const r = this.random;
    const { passId, date, social, raidIds } = on;
    const encounterId = seededUuid(r);
    const role: Role = r.next() < 0.55 ? 'EXPOSED' : 'BUYER';
    const ageBand: AgeBand = r.next() < 0.03 ? r.pick<AgeBand>(UNDER_18_AGE_BANDS) : adultAgeBand(r, role);
    const drawnGender = gender(r, role);
    const home = homeKommun(r, role);
    const raidId = raidIds.length > 0 ? r.pick(raidIds) : undefined;
    const under18 = isUnder18(ageBand);
    const unit = supportUnitFor(under18, role, social);
    const request: PassEvent[] = [
      {
        type: 'PersonEncountered',
        data: { passId, encounterId, ...(raidId ? { raidId } : {}), role, ageBand, ...(r.next() < 0.9 ? { gender: drawnGender } : {}), homeKommun: home },
      },
      { type: 'SupportOffered', data: { passId, encounterId, unit } },
    ];
    if (under18) {
      request.push({ type: 'GuardianContacted', data: { passId, encounterId, on: date } });
      const kommun = isKommunCode(home) ? home : '0180';
      request.push({ type: 'ConcernReportFiled', data: { passId, encounterId, on: date, kommun } });
    }
    pass.queue.push(request);

    const roll = r.next();
    if (roll < 0.03) {
      const change = r.pick(['role', 'ageBand', 'homeKommun'] as const);
      const data =
        change === 'role'
          ? { passId, encounterId, role: role === 'EXPOSED' ? ('BUYER' as const) : ('EXPOSED' as const) }
          : change === 'ageBand'
            ? { passId, encounterId, ageBand: adultAgeBand(r, role) }
            : { passId, encounterId, homeKommun: homeKommun(r, role) };
      pass.followUps.push([{ type: 'EncounterCorrected', data }]);
    } else if (roll < 0.04) {
      pass.followUps.push([{ type: 'EncounterRetracted', data: { passId, encounterId, reason: 'Registrerad två gånger' } }]);
    }
  }

  /** Now and then a pass is corrected or retracted, after its people. */
  private passFollowUps(pass: PassPlan, passId: string): void {
    const r = this.random;
    if (r.next() < 0.02) {
      const units: Unit[] = ['POLIS', ...r.pick(SOCIAL_COMBOS)];
      const data = r.next() < 0.5 ? { passId, units } : { passId, area: r.pick(AREAS) };
      pass.followUps.push([{ type: 'PassCorrected', data }]);
    }
    if (r.next() < 0.005) pass.followUps.push([{ type: 'PassRetracted', data: { passId, reason: 'Passet registrerades två gånger' } }]);
  }

  /** The next request, at most `maxEvents` long (a longer one is split: its rest is that pass's next request). */
  nextRequest(maxEvents: number): AppendRequest {
    this.step += 1;
    const due = this.waiting.findIndex((w) => w.due <= this.step);
    if (due >= 0) {
      const pass = (this.waiting[due] as { pass: PassPlan }).pass;
      const events = take(pass.followUps, maxEvents);
      if (pass.followUps.length === 0) this.waiting.splice(due, 1);
      return this.request(pass, events);
    }
    while (this.active.length < ACTIVE_PASSES) this.active.push(this.newPass());
    const index = this.random.int(0, this.active.length - 1);
    const pass = this.active[index] as PassPlan;
    const events = take(pass.queue, maxEvents);
    if (pass.queue.length === 0) {
      this.active.splice(index, 1);
      if (pass.followUps.length > 0) this.waiting.push({ due: this.step + this.random.int(200, 5000), pass });
    }
    return this.request(pass, events);
  }

  private request(pass: PassPlan, events: readonly PassEvent[]): AppendRequest {
    const r = this.random;
    const expectedRevision: ExpectedRevision = pass.revision < 0 ? 'no_stream' : pass.revision;
    const correlationId = seededUuid(r);
    const newEvents: NewEvent[] = events.map((event) => {
      const late = event.type === 'EncounterCorrected' || event.type === 'EncounterRetracted' || event.type === 'PassCorrected' || event.type === 'PassRetracted';
      return {
        id: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: {
          schemaVersion: schemaVersionOf(event.type),
          occurredAt: late ? pass.laterAt : pass.occurredAt,
          commandId: seededUuid(r),
          commandHash: this.hex16(),
          correlationId,
          actor: pass.actor,
        },
      };
    });
    pass.revision += newEvents.length;
    this.emitted += newEvents.length;
    return { streamId: pass.streamId, expectedRevision, events: newEvents };
  }

  /** Requests totalling about `size` events (exactly, if `limit` cuts the last one). */
  nextBatch(size: number, limit: number): AppendRequest[] {
    const requests: AppendRequest[] = [];
    let events = 0;
    while (events < size && this.emitted < limit) {
      const request = this.nextRequest(limit - this.emitted);
      events += request.events.length;
      requests.push(request);
    }
    return requests;
  }
}

/** The first request of `list`, or its first `max` events (the rest stays first in the list). */
function take(list: PassEvent[][], max: number): PassEvent[] {
  const head = list[0] as PassEvent[];
  if (head.length <= max) return list.shift() as PassEvent[];
  list[0] = head.slice(max);
  return head.slice(0, max);
}

export function firstRevision(expected: ExpectedRevision): number {
  if (typeof expected === 'number') return expected + 1;
  if (expected === 'no_stream') return 0;
  throw new Error(`the bench generates exact expected revisions, not ${expected}`);
}

