import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FREE_TEXT_FIELDS, isSealed, openFreeText } from '../../src/application/free-text.js';
import { recordCommands } from '../../src/application/record-commands.js';
import { COMMAND_FIELDS, type Command } from '../../src/domain/commands.js';
import { openDataKeys, type DataKeyStore } from '../../src/store/data-keys.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../support/temp.js';

/**
 * Which fields are free text is read off the command schemas (the `free text` mark on a field's zod
 * type): here every marked field of every command is recorded through the real write path, and its
 * text is in the log only sealed, and read back whole.
 */

const NOW = new Date('2022-06-01T12:00:00+02:00');
const passId = randomUUID();
const retractedPass = randomUUID();
const encounterId = randomUUID();
const cmd = <T extends Command['type']>(type: T, fields: Omit<Extract<Command, { type: T }>, 'type' | 'commandId'>) => ({ type, commandId: randomUUID(), ...fields }) as Extract<Command, { type: T }>;

/** One command per marked field, with a text found nowhere else in the log. */
const CASES: ReadonlyArray<{ command: Command; field: string; text: string }> = [
  { field: 'area', text: 'Syntetiskt område Ett', command: cmd('RecordPass', { passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'], area: 'Syntetiskt område Ett' }) },
  { field: 'area', text: 'Syntetiskt område Två', command: cmd('CorrectPass', { passId, area: 'Syntetiskt område Två' }) },
  { field: 'reason', text: 'Syntetiskt skäl ett', command: cmd('RetractEncounter', { passId, encounterId, reason: 'Syntetiskt skäl ett' }) },
  { field: 'reason', text: 'Syntetiskt skäl två', command: cmd('RetractPass', { passId: retractedPass, reason: 'Syntetiskt skäl två' }) },
  { field: 'reference', text: 'Syntetiskt beslut om avtal', command: cmd('SignAgreement', { kommun: '0114', effectiveFrom: '2021-04-01', reference: 'Syntetiskt beslut om avtal' }) },
  { field: 'reference', text: 'Syntetiskt beslut om slut', command: cmd('EndAgreement', { kommun: '0114', effectiveUntil: '2022-04-30', reference: 'Syntetiskt beslut om slut' }) },
  { field: 'reference', text: 'Syntetisk lista utan avtal', command: cmd('ConfirmNotConnected', { kommun: '0115', on: '2021-05-01', reference: 'Syntetisk lista utan avtal' }) },
];
/** What the cases need first: the encounter retracted and the pass retracted. */
const SETUP: Command[] = [
  cmd('RecordEncounter', { passId, encounterId, role: 'EXPOSED', ageBand: 'AGE_21_25', homeKommun: '0180' }),
  cmd('RecordPass', { passId: retractedPass, date: '2022-05-11', kind: 'SURVEILLANCE', units: ['POLIS', 'KAST'] }),
];

describe('free text: every field the command schemas mark is sealed in the log and read back', function () {
  this.timeout(30_000);
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;
  let keys: DataKeyStore;
  let events: RecordedEvent[];

  before(async () => {
    temp = tempDir();
    store = openSqliteStore(join(temp.dir, 'samlogg.db'), { now: () => NOW });
    keys = openDataKeys(join(temp.dir, 'samlogg.db.keys'));
    const [first, ...rest] = CASES.map((c) => c.command);
    const context = { actor: { userId: 'projektledare-1', org: 'PROJEKTLEDNING', role: 'projektledare' }, correlationId: randomUUID(), now: NOW };
    const result = await recordCommands(store, [first, ...SETUP, ...rest], context, { dataKeys: keys });
    expect(result.ok, JSON.stringify(result)).to.equal(true);
    events = [];
    for await (const page of store.readAll()) events.push(...page);
  });
  after(async () => {
    await store.close();
    keys.close();
    temp.remove();
  });

  it('has a case for exactly the fields the schemas mark as free text, and seals exactly those', () => {
    const marked = COMMAND_FIELDS.filter((f) => f.text === 'free text').map((f) => `${f.command}.${f.field}`);
    expect(CASES.map((c) => `${c.command.type}.${c.field}`)).to.have.members(marked);
    expect([...FREE_TEXT_FIELDS].sort()).to.deep.equal([...new Set(CASES.map((c) => c.field))].sort());
  });

  for (const { command, field, text } of CASES) {
    it(`${command.type}.${field}: the event holds it sealed, the file never in the clear, and it opens to the text`, () => {
      const event = events.find((e) => (e.metadata as { commandId?: string }).commandId === command.commandId && field in (e.data as object));
      expect(event, `an event of ${command.type} with ${field}`).not.to.equal(undefined);
      const value = (event?.data as Record<string, unknown>)[field];
      expect(isSealed(value), `${command.type}.${field} is sealed`).to.equal(true);
      const path = join(temp.dir, 'samlogg.db');
      const bytes = Buffer.concat([readFileSync(path), existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0)]);
      expect(bytes.includes(Buffer.from(text)), 'the text in the clear on disk').to.equal(false);
      expect((openFreeText(keys, (event as RecordedEvent).streamId, event?.data) as Record<string, unknown>)[field]).to.equal(text);
    });
  }
});
