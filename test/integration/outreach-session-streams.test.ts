import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { outreachRegister } from '../../projections/outreach.js';
import { claimRecordedIds } from '../../src/application/id-reservations.js';
import { decodeEvent } from '../../src/domain/event-decoding.js';
import { recordCommands, type RecordResult } from '../../src/application/record-commands.js';
import type { EventStore } from '../../src/store/port.js';
import { useTempStore } from '../support/temp-store.js';

/**
 * Platform accounts and outreach sessions are two stream categories: `outreach-<accountId>` and
 * `outreach_session-<sessionId>`. Until they were, a session was recorded in `outreach-<sessionId>`;
 * the fixture is such a log, written by that version (a pass, an account, two sessions, and the
 * pass's id claim), and every later version reads it.
 */

interface FixtureEvent {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown> & { commandId: string };
}

const FIXTURE: FixtureEvent[] = readFileSync(new URL('../fixtures/outreach-log-before-session-streams.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as FixtureEvent);

const sessions = FIXTURE.filter((e) => e.type === 'OutreachSessionHeld');
const account = FIXTURE.find((e) => e.type === 'AccountRegistered');
const sessionCommand = (event: FixtureEvent) => ({ type: 'RecordOutreachSession', commandId: event.metadata.commandId, ...event.data });
const context = { actor: { userId: 'u-ops', org: 'UNGDOMSJOUREN', role: 'projektledare' }, correlationId: '3b0c1d2e-0000-4000-8000-00000000c002', now: new Date('2022-09-15T10:00:00Z') };
const newId = (n: number) => `3b0c1d2e-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`;

async function appendFixture(store: EventStore): Promise<void> {
  for (const { streamId, id, type, data, metadata } of FIXTURE) await store.append(streamId, [{ id, type, data, metadata }], 'any');
}

function refusal(result: RecordResult): { code: string; field: string } | undefined {
  if (result.ok) return undefined;
  const [error] = result.failures.flatMap((f) => f.errors);
  return error && { code: error.code, field: error.field };
}

const session = (n: number, over: Record<string, unknown> = {}) => ({
  type: 'RecordOutreachSession', commandId: newId(50 + n), sessionId: newId(n), date: '2022-05-02', unit: 'UNGDOMSJOUREN', platform: 'Syntetisk plattform',
  accountId: account?.data.accountId, contactsEstablished: 2, minorsFound: 1, referrals: 1, ...over,
});

describe('outreach sessions in streams of their own, beside a log that kept them in outreach-<sessionId>', () => {
  const fixture = useTempStore();

  it('holds a log written before: two sessions in outreach-<sessionId>, beside their account', () => {
    expect(sessions.map((e) => e.streamId)).to.deep.equal(sessions.map((e) => `outreach-${String(e.data.sessionId)}`));
    expect(account?.streamId).to.equal(`outreach-${String(account?.data.accountId)}`);
  });

  it('reads that log right: the outreach register holds its account and both sessions', async () => {
    await appendFixture(fixture.store);
    let register = outreachRegister.init();
    for await (const page of fixture.store.readAll()) for (const event of page) if (outreachRegister.eventTypes.has(event.type)) register = outreachRegister.apply(register, decodeEvent(event));
    expect(Object.keys(register.accounts)).to.deep.equal([account?.data.accountId]);
    expect(register.sessions.map((s) => s.sessionId)).to.deep.equal(sessions.map((e) => e.data.sessionId));
  });

  it('recognises a session command of that log sent again (same commandId) as recorded, in its old stream, and appends nothing', async () => {
    await appendFixture(fixture.store);
    const head = await fixture.store.headPosition();
    for (const recorded of sessions) {
      const again = await recordCommands(fixture.store, [sessionCommand(recorded)], context);
      expect(again.ok, JSON.stringify(again)).to.equal(true);
      if (!again.ok) return;
      expect(again.appended).to.equal(0);
      expect(again.outcomes[0]).to.deep.include({ status: 'already-recorded', streamId: recorded.streamId, revision: 0 });
    }
    const changed = await recordCommands(fixture.store, [{ ...sessionCommand(sessions[0] as FixtureEvent), referrals: 3 }], context);
    expect(refusal(changed)).to.deep.equal({ code: 'CONFLICT', field: 'commandId' });
    expect(await fixture.store.headPosition()).to.equal(head);
  });

  it('refuses that log’s session ids to a new session or an account, and its account’s id to a session', async () => {
    await appendFixture(fixture.store);
    const head = await fixture.store.headPosition();
    const legacyId = String(sessions[0]?.data.sessionId);
    expect(refusal(await recordCommands(fixture.store, [session(1, { sessionId: legacyId })], context))).to.deep.equal({ code: 'CONFLICT', field: 'sessionId' });
    expect(refusal(await recordCommands(fixture.store, [session(1, { sessionId: account?.data.accountId })], context))).to.deep.equal({ code: 'CONFLICT', field: 'sessionId' });
    const register = { type: 'RegisterAccount', commandId: newId(60), accountId: legacyId, unit: 'UNGDOMSJOUREN', platform: 'Ny plattform', registeredOn: '2022-05-01', payment: 'NONE' };
    expect(refusal(await recordCommands(fixture.store, [register], context))).to.deep.equal({ code: 'CONFLICT', field: 'accountId' });
    expect(await fixture.store.headPosition()).to.equal(head);
  });

  it('records a new session in outreach_session-<sessionId> on the old log’s account, claims its id, and takes it again only as a retry', async () => {
    await appendFixture(fixture.store);
    const recorded = await recordCommands(fixture.store, [session(1)], context);
    expect(recorded.ok, JSON.stringify(recorded)).to.equal(true);
    if (!recorded.ok) return;
    expect(recorded.outcomes[0]).to.deep.include({ status: 'applied', streamId: `outreach_session-${newId(1)}`, revision: 0 });
    expect((await fixture.store.readStream(`id-${newId(1)}`)).map((e) => e.data)).to.deep.equal([{ id: newId(1), field: 'sessionId', streamId: `outreach_session-${newId(1)}` }]);
    const head = await fixture.store.headPosition();

    const retry = await recordCommands(fixture.store, [session(1)], context);
    expect(retry.ok && retry.appended).to.equal(0);
    expect(retry.ok && retry.outcomes[0]?.status).to.equal('already-recorded');
    expect(refusal(await recordCommands(fixture.store, [session(1, { commandId: newId(70) })], context))).to.deep.equal({ code: 'CONFLICT', field: 'sessionId' });
    const register = { type: 'RegisterAccount', commandId: newId(71), accountId: newId(1), unit: 'UNGDOMSJOUREN', platform: 'Ny plattform', registeredOn: '2022-05-01', payment: 'NONE' };
    expect(refusal(await recordCommands(fixture.store, [register], context))).to.deep.equal({ code: 'CONFLICT', field: 'accountId' });
    const pass = { type: 'RecordPass', commandId: newId(72), passId: newId(1), date: '2022-05-02', kind: 'SURVEILLANCE', units: ['UNGDOMSJOUREN'] };
    expect(refusal(await recordCommands(fixture.store, [pass], context))).to.deep.equal({ code: 'CONFLICT', field: 'passId' });
    expect(await fixture.store.headPosition()).to.equal(head);
  });

  it('claim-ids claims that log’s account and session ids, so no pass can take one either', async () => {
    await appendFixture(fixture.store);
    const legacyId = String(sessions[0]?.data.sessionId);
    const report = await claimRecordedIds(fixture.store, { actor: context.actor, correlationId: context.correlationId });
    expect(report).to.deep.equal({ ids: 4, claimed: 3, reused: 0 });
    expect((await fixture.store.readStream(`id-${legacyId}`)).map((e) => e.data)).to.deep.equal([{ id: legacyId, field: 'sessionId', streamId: `outreach-${legacyId}` }]);
    expect((await claimRecordedIds(fixture.store, { actor: context.actor, correlationId: context.correlationId })).claimed).to.equal(0);
    const head = await fixture.store.headPosition();
    const pass = { type: 'RecordPass', commandId: newId(80), passId: legacyId, date: '2022-05-02', kind: 'SURVEILLANCE', units: ['UNGDOMSJOUREN'] };
    expect(refusal(await recordCommands(fixture.store, [pass], context))).to.deep.equal({ code: 'CONFLICT', field: 'passId' });
    // The claimed session is still its own command's: sent again, it is a retry.
    const again = await recordCommands(fixture.store, [sessionCommand(sessions[0] as FixtureEvent)], context);
    expect(again.ok && again.outcomes[0]?.status).to.equal('already-recorded');
    expect(await fixture.store.headPosition()).to.equal(head);
  });
});
