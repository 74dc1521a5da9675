import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { recordCommands } from '../../src/application/record-commands.js';
import type { PassCommand } from '../../src/domain/commands.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { recordEncounter, recordPass } from '../support/commands.js';
import { useTempStore } from '../support/temp-store.js';

const context = () => ({ actor: { userId: 'u-17', org: 'KAST', role: 'field' }, correlationId: randomUUID(), now: new Date(), requestId: 'req-1' });

describe('recording commands', () => {
  const fixture = useTempStore();

  it('writes the envelope every event must carry: schema version, occurredAt, command id, correlation, actor', async () => {
    const pass = recordPass({ date: '2022-07-01', startTime: '21:00' });
    const ctx = context();
    const result = await recordCommands(fixture.store, [pass], ctx);
    expect(result.ok).to.equal(true);
    const [event] = await fixture.store.readStream(`pass-${pass.passId}`);
    expect(event?.metadata).to.deep.include({
      schemaVersion: 1,
      occurredAt: '2022-07-01T21:00:00+02:00',
      commandId: pass.commandId,
      correlationId: ctx.correlationId,
      requestId: 'req-1',
    });
    expect(event?.metadata.actor).to.deep.equal(ctx.actor);
    expect(event?.data).to.deep.equal({ passId: pass.passId, date: '2022-07-01', kind: 'RAID', units: ['POLIS', 'MIKA'], startTime: '21:00' });
  });

  it('is a no-op for a command whose commandId is already recorded, in a later run', async () => {
    const pass = recordPass();
    const encounter = recordEncounter(pass.passId);
    await recordCommands(fixture.store, [pass, encounter], context());
    const head = await fixture.store.headPosition();
    const again = await recordCommands(fixture.store, [encounter], context());
    expect(again.ok && again.outcomes.map((o) => o.status)).to.deep.equal(['already-recorded']);
    expect(await fixture.store.headPosition()).to.equal(head);
  });

  it('refuses a commandId reused for a different command, on the same pass or another, appending nothing', async () => {
    const pass = recordPass();
    const other = recordPass();
    const encounter = recordEncounter(pass.passId);
    await recordCommands(fixture.store, [pass, other, encounter], context());
    const head = await fixture.store.headPosition();

    const changed = await recordCommands(fixture.store, [{ ...encounter, role: 'BUYER' }], context());
    expect(changed.ok).to.equal(false);
    if (!changed.ok) expect(changed.failures[0]?.errors[0]).to.deep.include({ code: 'CONFLICT', field: 'commandId' });

    const elsewhere = await recordCommands(fixture.store, [recordEncounter(other.passId, { commandId: encounter.commandId })], context());
    expect(elsewhere.ok).to.equal(false);
    if (!elsewhere.ok) expect(elsewhere.failures[0]?.errors[0]).to.deep.include({ code: 'CONFLICT', field: 'commandId' });
    expect(await fixture.store.headPosition()).to.equal(head);
  });

  it('in one batch, takes a command repeated unchanged as its own retry and refuses its commandId for a changed one', async () => {
    const pass = recordPass();
    const encounter = recordEncounter(pass.passId);
    const repeated = await recordCommands(fixture.store, [pass, encounter, { ...encounter }], context());
    expect(repeated.ok && repeated.outcomes.map((o) => o.status)).to.deep.equal(['applied', 'applied', 'already-recorded']);
    const head = await fixture.store.headPosition();
    const next = recordEncounter(pass.passId);
    const changed = await recordCommands(fixture.store, [next, { ...next, role: 'BUYER' }], context());
    expect(changed.ok).to.equal(false);
    if (!changed.ok) expect(changed.failures[0]).to.deep.include({ index: 1 }).and.nested.include({ 'errors[0].code': 'CONFLICT', 'errors[0].field': 'commandId' });
    expect(await fixture.store.headPosition()).to.equal(head);
  });

  it('refuses a pass, raid or encounter id recorded again under another commandId', async () => {
    const pass = recordPass();
    const encounter = recordEncounter(pass.passId);
    await recordCommands(fixture.store, [pass, encounter], context());
    const result = await recordCommands(fixture.store, [{ ...pass, commandId: randomUUID() }, { ...encounter, commandId: randomUUID() }], context());
    expect(result.ok).to.equal(false);
    if (!result.ok) {
      expect(result.failures.map((f) => [f.index, f.errors[0]?.field, f.errors[0]?.code])).to.deep.equal([
        [0, 'passId', 'CONFLICT'],
        [1, 'encounterId', 'CONFLICT'],
      ]);
    }
  });

  it('reports every bad command of a batch by index and appends none of the good ones', async () => {
    const pass = recordPass();
    const commands: unknown[] = [
      pass,
      recordEncounter(pass.passId),
      { ...recordEncounter(pass.passId), homeKommun: '9999' },
      recordEncounter(randomUUID()),
      'not a command',
    ];
    const result = await recordCommands(fixture.store, commands, context());
    expect(result.ok).to.equal(false);
    if (!result.ok) {
      expect(result.failures.map((f) => [f.index, f.errors[0]?.field])).to.deep.equal([
        [2, 'homeKommun'],
        [3, 'passId'],
        [4, '(command)'],
      ]);
    }
    expect(await fixture.store.headPosition()).to.equal(0);
  });

  it('decides each command against the ones before it in the same batch', async () => {
    const pass = recordPass();
    const encounter = recordEncounter(pass.passId, { ageBand: 'AGE_18_20' });
    const commands: PassCommand[] = [
      pass,
      encounter,
      { type: 'CorrectEncounter', commandId: randomUUID(), passId: pass.passId, encounterId: encounter.encounterId, ageBand: 'AGE_15_17' },
      { type: 'FileConcernReport', commandId: randomUUID(), passId: pass.passId, encounterId: encounter.encounterId, on: pass.date, kommun: '0180' },
      { type: 'RetractPass', commandId: randomUUID(), passId: pass.passId, reason: 'test' },
      recordEncounter(pass.passId),
    ];
    const result = await recordCommands(fixture.store, commands, context());
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.failures.map((f) => [f.index, f.errors[0]?.rule])).to.deep.equal([[5, 'names a retracted pass; nothing more can be recorded on it']]);
    const ok = await recordCommands(fixture.store, commands.slice(0, 5), context());
    expect(ok.ok && ok.appended).to.equal(5);
  });

  it('decides again when another writer got to the same pass first (expected revision)', async () => {
    const pass = recordPass();
    await recordCommands(fixture.store, [pass], context());
    const second = openSqliteStore(fixture.store.path);
    // Two writers race on one pass: both succeed, in some order, and neither event is lost.
    const [a, b] = await Promise.all([
      recordCommands(fixture.store, [recordEncounter(pass.passId)], context()),
      recordCommands(second, [recordEncounter(pass.passId)], context()),
    ]);
    await second.close();
    expect(a.ok && b.ok).to.equal(true);
    const events = await fixture.store.readStream(`pass-${pass.passId}`);
    expect(events.map((e) => e.revision)).to.deep.equal([0, 1, 2]);
  });
});
