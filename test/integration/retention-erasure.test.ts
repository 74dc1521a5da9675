import { expect } from 'chai';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { commandHash } from '../../src/application/command-identity.js';
import { recordCommands } from '../../src/application/record-commands.js';
import type { PassCommand } from '../../src/domain/commands.js';
import { runCli } from '../support/cli.js';
import { startServer, type Caller, type RunningServer } from '../support/server.js';

/**
 * Issue 11, item 5: after `samlogg retention` nothing in the log lets the erased text be recovered,
 * not even by guessing offline against the command fingerprints; and a pass past the limit can still
 * be corrected and retracted.
 */
const MIKA: Caller = { role: 'field', org: 'MIKA' };
const NOW = '2026-11-15T12:00:00+01:00';
const AREA = 'Syntetiskt område Norrtull';
const REASON = 'Syntetiskt skäl: dubbelregistrerad';
/** What an attacker would try: the real texts among plausible others. */
const GUESSES = ['Syntetiskt område Slussen', AREA, 'Syntetiskt område Odenplan', REASON, 'Syntetiskt skäl: fel pass'];

const bytesOf = (path: string) => Buffer.concat([readFileSync(path), existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0)]);
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('Retention that really erases: fingerprints, and passes past the limit', function () {
  this.timeout(60_000);
  let server: RunningServer;
  let env: Record<string, string>;
  const passId = randomUUID();
  const encounterId = randomUUID();
  const recordPass: Extract<PassCommand, { type: 'RecordPass' }> = { type: 'RecordPass', commandId: randomUUID(), passId, date: '2021-05-03', kind: 'RAID', units: ['POLIS', 'MIKA'], area: AREA };
  const encounter: PassCommand = { type: 'RecordEncounter', commandId: randomUUID(), passId, encounterId, role: 'EXPOSED', ageBand: 'AGE_21_25', homeKommun: '0180' };
  const retract: Extract<PassCommand, { type: 'RetractEncounter' }> = { type: 'RetractEncounter', commandId: randomUUID(), passId, encounterId, reason: REASON };
  const context = () => ({ actor: { userId: 'mika-1', org: 'MIKA', role: 'field' }, correlationId: randomUUID(), now: new Date(NOW) });

  before(async () => {
    server = await startServer(undefined, { now: new Date(NOW) });
    env = { SAMLOGG_STORE: `sqlite:${server.store.path}`, SAMLOGG_DATA_KEYS: `${server.store.path}.keys`, SAMLOGG_NOW: NOW };
    const result = await recordCommands(server.store, [recordPass, encounter, retract], context(), { dataKeys: server.dataKeys });
    expect(result.ok).to.equal(true);
  });
  after(async () => server.stop());

  it('refuses a commandId reused with other free text while the key exists, and takes the same command as a retry', async () => {
    const head = await server.store.headPosition();
    const changed = await recordCommands(server.store, [{ ...recordPass, area: 'Syntetiskt område Slussen' }], context(), { dataKeys: server.dataKeys });
    expect(!changed.ok && changed.failures[0]?.errors[0]).to.deep.include({ code: 'CONFLICT', field: 'commandId' });
    const again = await recordCommands(server.store, [recordPass, retract], context(), { dataKeys: server.dataKeys });
    expect(again.ok && again.outcomes.map((o) => o.status)).to.deep.equal(['already-recorded', 'already-recorded']);
    expect(await server.store.headPosition()).to.equal(head);
  });

  it('leaves no fingerprint in the log that a guessed area or reason can be checked against, once retention ran', async () => {
    const run = await runCli(['retention', '--older-than', '5y', '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    expect(JSON.parse(run.stdout.trim().split('\n').pop() as string)).to.deep.include({ passesErased: 1 });

    const events = await server.store.readStream(`pass-${passId}`);
    const fingerprints = events.map((event) => String((event.metadata as { commandHash?: string }).commandHash));
    const stored = fingerprints.join(' ');
    for (const sent of [recordPass, retract]) {
      for (const guess of GUESSES) {
        const guessed = sent.type === 'RecordPass' ? { ...sent, area: guess } : { ...sent, reason: guess };
        // The fingerprint of the first recorder: a plain SHA-256 of the whole command.
        expect(fingerprints, `${sent.type} guessed ${guess}`).not.to.include(commandHash(guessed as PassCommand));
        for (const text of [guess, JSON.stringify(guess), `{"area":${JSON.stringify(guess)}}`, `{"reason":${JSON.stringify(guess)}}`]) {
          expect(stored.includes(sha(text).slice(0, 16)), `a hash of ${guess} alone`).to.equal(false);
        }
      }
    }
    const log = bytesOf(server.store.path);
    for (const text of [AREA, REASON]) expect(log.includes(Buffer.from(text))).to.equal(false);
  });

  it('still recognises a retry after retention, and refuses a commandId reused for a different structure', async () => {
    const head = await server.store.headPosition();
    const again = await recordCommands(server.store, [recordPass, retract], context(), { dataKeys: server.dataKeys });
    expect(again.ok && again.outcomes.map((o) => o.status)).to.deep.equal(['already-recorded', 'already-recorded']);
    const changed = await recordCommands(server.store, [{ ...recordPass, date: '2021-05-04' }], context(), { dataKeys: server.dataKeys });
    expect(!changed.ok && changed.failures[0]?.errors[0]).to.deep.include({ code: 'CONFLICT', field: 'commandId' });
    expect(await server.store.headPosition()).to.equal(head);
  });

  it('corrects and retracts a pass past retention through the API; its new text is erased as it is written', async () => {
    const mutate = (name: string, type: string, input: Record<string, unknown>) =>
      server.graphql(`mutation ($i: ${type}!) { ${name}(input: $i) { revision } }`, { i: { commandId: randomUUID(), passId, ...input } }, MIKA);
    const newArea = 'Syntetiskt område Hornstull';
    const newReason = 'Syntetiskt skäl: fel datum';
    const other = randomUUID();
    for (const [name, type, input] of [
      ['correctPass', 'CorrectPassInput', { kind: 'SURVEILLANCE' }],
      ['correctPass', 'CorrectPassInput', { area: newArea }],
      // An erased area can still be cleared: null is no text, so nothing is sealed and nothing erased.
      ['correctPass', 'CorrectPassInput', { area: null }],
      ['recordEncounter', 'RecordEncounterInput', { encounterId: other, role: 'BUYER', ageBand: 'AGE_36_45', homeKommun: '0180' }],
      ['retractEncounter', 'RetractEncounterInput', { encounterId: other, reason: newReason }],
      ['retractPass', 'RetractPassInput', { reason: newReason }],
    ] as const) {
      const { body } = await mutate(name, type, input);
      expect(body.errors, `${name} ${JSON.stringify(input)}`).to.equal(undefined);
    }
    const cleared = (await server.graphql(`{ passHistory(id: "${passId}") { type } }`, undefined, MIKA)).body.data?.passHistory as Array<{ type: string }>;
    expect(cleared.filter((e) => e.type === 'PassCorrected')).to.have.length(3);
    const corrected: unknown[] = [];
    for await (const events of server.store.readAll()) for (const event of events) if (event.type === 'PassCorrected') corrected.push(event.data);
    expect(corrected).to.deep.include({ passId, area: null });
    const { body } = await server.graphql(`{ pass(id: "${passId}") { kind area textErased retracted } }`, undefined, MIKA);
    expect(body.data?.pass).to.deep.equal({ kind: 'SURVEILLANCE', area: null, textErased: true, retracted: true });
    const log = bytesOf(server.store.path);
    for (const text of [newArea, newReason]) expect(log.includes(Buffer.from(text)), text).to.equal(false);
  });
});
