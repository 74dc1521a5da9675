import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { runCli } from '../support/cli.js';
import { startServer, type Caller, type RunningServer } from '../support/server.js';

const MIKA: Caller = { role: 'field', org: 'MIKA' };
const OLD_AREA = 'Syntetiskt område Norrtull';
const NEW_AREA = 'Syntetiskt område Slussen';
const REASON = 'Syntetiskt skäl: registrerad två gånger';
/** The day the test runs on, for the server and the CLI alike: the 5-year limit is counted from it, whatever the host's date. */
const NOW = '2026-11-15T12:00:00+01:00';

/** The log's bytes on disk, the write-ahead log included. */
const bytesOf = (path: string) => Buffer.concat([readFileSync(path), existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0)]);

describe('Retention: free text sealed per pass, erased by destroying its key, every count kept', function () {
  this.timeout(60_000);
  let server: RunningServer;
  const oldPass = randomUUID();
  const newPass = randomUUID();
  let env: Record<string, string>;

  before(async () => {
    server = await startServer(undefined, { now: new Date(NOW) });
    env = { SAMLOGG_STORE: `sqlite:${server.store.path}`, SAMLOGG_DATA_KEYS: `${server.store.path}.keys`, SAMLOGG_NOW: NOW };
    const record = (name: string, type: string, input: Record<string, unknown>) =>
      server.graphql(`mutation ($input: ${type}!) { ${name}(input: $input) { revision } }`, { input: { commandId: randomUUID(), ...input } }, MIKA);
    for (const [passId, date, area] of [
      [oldPass, '2021-05-03', OLD_AREA],
      [newPass, '2026-10-01', NEW_AREA],
    ] as const) {
      expect((await record('recordPass', 'RecordPassInput', { passId, date, kind: 'RAID', units: ['POLIS', 'MIKA'], area })).body.errors).to.equal(undefined);
      const encounterId = randomUUID();
      await record('recordEncounter', 'RecordEncounterInput', { passId, encounterId, role: 'EXPOSED', ageBand: 'AGE_21_25', homeKommun: '0180' });
      await record('recordEncounter', 'RecordEncounterInput', { passId, encounterId: randomUUID(), role: 'BUYER', ageBand: 'AGE_36_45', homeKommun: '0180' });
      await record('retractEncounter', 'RetractEncounterInput', { passId, encounterId, reason: REASON });
    }
  });
  after(async () => server.stop());

  const view = async (passId: string) => (await server.graphql(`{ pass(id: "${passId}") { area textErased encounters { role } } }`, undefined, MIKA)).body.data?.pass as { area: string | null; textErased: boolean };
  const figures = async () => (await server.graphql('{ steeringFigures(from: "2021-04-01", to: "2026-11-01") { jointPasses exposed suspectedBuyers } }')).body.data?.steeringFigures;

  it('never writes free text to the log in the clear, and reads it back to a field user', async () => {
    const log = bytesOf(server.store.path);
    for (const text of [OLD_AREA, NEW_AREA, REASON, 'Syntetiskt']) expect(log.includes(Buffer.from(text)), text).to.equal(false);
    expect(await view(oldPass)).to.deep.include({ area: OLD_AREA, textErased: false });
  });

  it('erases the text of passes older than the limit, records the run, keeps every count; a dry run changes nothing', async () => {
    const before = await figures();
    const oldKey = server.dataKeys.find(`pass-${oldPass}`) as Buffer;
    expect(oldKey).to.have.length(32);

    const dry = await runCli(['retention', '--older-than', '5y', '--dry-run', '--json'], env);
    expect(dry.code, dry.stderr).to.equal(0);
    const dryReport = JSON.parse(dry.stdout.trim().split('\n').pop() as string) as { cutoff: string };
    expect(dryReport).to.deep.include({ passesPastLimit: 1, passesErased: 1, dryRun: true });
    expect(await view(oldPass)).to.deep.include({ area: OLD_AREA });
    expect(await server.store.readStream(`retention-${dryReport.cutoff}`)).to.deep.equal([]);

    const run = await runCli(['retention', '--older-than', '5y', '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    const report = JSON.parse(run.stdout.trim().split('\n').pop() as string) as { cutoff: string; passesErased: number; position: number };
    expect(report).to.deep.include({ passesErased: 1, dryRun: false });
    expect(report.cutoff).to.equal('2021-11-15');

    expect(await view(oldPass)).to.deep.include({ area: null, textErased: true });
    expect(await view(newPass)).to.deep.include({ area: NEW_AREA, textErased: false });
    expect(await figures()).to.deep.equal(before);
    const recorded = await server.store.readStream(`retention-${report.cutoff}`);
    expect(recorded.map((e) => [e.type, e.position, (e.data as { passIds: string[] }).passIds])).to.deep.equal([['RetentionApplied', report.position, [oldPass]]]);
    // The key is gone from the key file's pages, not only from its table.
    expect(bytesOf(`${server.store.path}.keys`).includes(oldKey)).to.equal(false);

    const again = await runCli(['retention', '--older-than', '5y', '--json'], env);
    expect(JSON.parse(again.stdout.trim().split('\n').pop() as string)).to.deep.include({ passesPastLimit: 1, passesErased: 0 });
  });

  it('refuses a limit it cannot read, naming the option, and erases nothing', async () => {
    for (const limit of ['5', 'five years', '0y', '-1y']) {
      const run = await runCli(['retention', '--older-than', limit], env);
      expect(run.code, limit).to.equal(2);
      expect(run.stderr, limit).to.include('--older-than: must be a whole number of years, months or days');
    }
    expect(await view(newPass)).to.deep.include({ area: NEW_AREA });
  });
});
