import { expect } from 'chai';
import { join } from 'node:path';
import { recordCommands } from '../../src/application/record-commands.js';
import { decodeEvent, EventDecodingError } from '../../src/domain/event-decoding.js';
import { EVENT_SCHEMAS } from '../../src/domain/event-schemas.js';
import { DOMAIN_EVENT_TYPES } from '../../src/domain/events.js';
import { schemaVersionOf, upcasterChains } from '../../src/domain/upcasters.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../support/temp.js';

/** The one step from the log to the folds: every event type has a schema, older versions are upcast, and nothing unreadable is folded. */

const PASS = '7c9e6679-7425-40de-944b-e07fc1f90001';
const ENCOUNTER = '7c9e6679-7425-40de-944b-e07fc1f90002';
const ACCOUNT = '7c9e6679-7425-40de-944b-e07fc1f90003';
const encountered = { passId: PASS, encounterId: ENCOUNTER, role: 'EXPOSED', ageBand: 'AGE_21_25', homeKommun: '0180' };
const stored = (type: string, data: unknown, metadata: Record<string, unknown> = { schemaVersion: 1 }) => ({ type, data, metadata, position: 7 });

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(EventDecodingError);
    return (error as Error).message;
  }
  throw new Error('expected an EventDecodingError');
}

describe('event decoding', () => {
  it('has a schema for every event type the deciders emit', () => {
    expect(Object.keys(EVENT_SCHEMAS).sort()).to.deep.equal([...DOMAIN_EVENT_TYPES].sort());
  });

  it('hands on a current event as it is, the same object, so a rebuild allocates nothing for it', () => {
    const event = stored('PersonEncountered', encountered);
    expect(decodeEvent(event)).to.equal(event);
    expect(decodeEvent(event, 'full')).to.equal(event);
  });

  it('upcasts an AccountRegistered of version 1 (registeredOn) to version 2 (on), and reads version 2 as it is', () => {
    const v1 = { accountId: ACCOUNT, unit: 'MIKA', platform: 'Site A', registeredOn: '2022-03-01', payment: 'PRIVATE_CARD' };
    const v2 = { accountId: ACCOUNT, unit: 'MIKA', platform: 'Site A', on: '2022-03-01', payment: 'PRIVATE_CARD' };
    expect(schemaVersionOf('AccountRegistered')).to.equal(2);
    expect(decodeEvent(stored('AccountRegistered', v1), 'full')).to.deep.include({ type: 'AccountRegistered', data: v2, position: 7 });
    expect(decodeEvent(stored('AccountRegistered', v2, { schemaVersion: 2 }), 'full').data).to.deep.equal(v2);
    // Written before versions were kept: the first version.
    expect(decodeEvent(stored('AccountRegistered', v1, {})).data).to.deep.equal(v2);
  });

  it('refuses an event type it does not know, a schema version it cannot read, and data that is no object', () => {
    expect(refusal(() => decodeEvent(stored('PersonForgotten', {})))).to.match(/not an event type this version knows/);
    expect(refusal(() => decodeEvent(stored('PersonEncountered', encountered, { schemaVersion: 2 })))).to.match(/schemaVersion must be a version from 1 to 1/);
    expect(refusal(() => decodeEvent(stored('AccountRegistered', {}, { schemaVersion: 3 })))).to.match(/from 1 to 2/);
    expect(refusal(() => decodeEvent(stored('PersonEncountered', encountered, { schemaVersion: '1' })))).to.match(/schemaVersion/);
    expect(refusal(() => decodeEvent(stored('PersonEncountered', null)))).to.match(/data must be an object/);
    expect(refusal(() => decodeEvent(stored('PersonEncountered', [encountered])))).to.match(/data must be an object/);
  });

  it('checks every field in full, naming the field and the rule, never the value', () => {
    const unknownKommun = refusal(() => decodeEvent(stored('PersonEncountered', { ...encountered, homeKommun: '9999' }), 'full'));
    expect(unknownKommun).to.match(/data\.homeKommun must be a home kommun of the reference data/);
    expect(unknownKommun).to.not.include('9999');
    const extra = refusal(() => decodeEvent(stored('PersonEncountered', { ...encountered, name: 'Anna Andersson' }), 'full'));
    expect(extra).to.match(/has a field this version does not know/);
    expect(extra).to.not.include('Anna');
    expect(refusal(() => decodeEvent(stored('SupportOffered', { passId: PASS, encounterId: ENCOUNTER, unit: 'SOCIALTJANSTEN' }), 'full'))).to.match(/data\.unit/);
    // Trusted decoding leaves the fields to the log that vouches for them.
    expect(decodeEvent(stored('PersonEncountered', { ...encountered, homeKommun: '9999' })).data).to.have.property('homeKommun');
  });

  it('takes upcasters only in version order, one per version', () => {
    const up = (data: Record<string, unknown>) => data;
    expect(() => upcasterChains([{ type: 'PassRecorded', from: 2, up }])).to.throw(/1, 2, 3… in order/);
    expect(() => upcasterChains([{ type: 'PassRecorded', from: 1, up }, { type: 'PassRecorded', from: 1, up }])).to.throw(/in order/);
    expect(upcasterChains([{ type: 'PassRecorded', from: 1, up }, { type: 'PassRecorded', from: 2, up }]).get('PassRecorded')).to.have.length(2);
  });

  it('writes each event with its own type’s schema version: an account registered now is version 2, with `on`', async () => {
    const temp = tempDir();
    const store = openSqliteStore(join(temp.dir, 'log.db'));
    try {
      const context = { actor: { userId: 'test', org: 'MIKA', role: 'projektledare' }, correlationId: 'c', now: new Date('2024-06-01T10:00:00Z') };
      const commands = [
        { type: 'RegisterAccount', commandId: '16fd2706-8baf-433b-82eb-8c7fada84701', accountId: ACCOUNT, unit: 'MIKA', platform: 'Site A', registeredOn: '2022-03-01', payment: 'PRIVATE_CARD' },
        { type: 'BlockAccount', commandId: '16fd2706-8baf-433b-82eb-8c7fada84702', accountId: ACCOUNT, on: '2022-03-04' },
      ];
      const result = await recordCommands(store, commands, context);
      expect(result.ok, JSON.stringify(result)).to.equal(true);
      const events = await store.readStream(`outreach-${ACCOUNT}`);
      expect(events.map((e) => [e.type, e.metadata.schemaVersion])).to.deep.equal([['AccountRegistered', 2], ['AccountBlocked', 1]]);
      expect(events[0]?.data).to.deep.equal({ accountId: ACCOUNT, unit: 'MIKA', platform: 'Site A', on: '2022-03-01', payment: 'PRIVATE_CARD' });
      for (const event of events) decodeEvent(event, 'full');
    } finally {
      await store.close();
      temp.remove();
    }
  });
});
