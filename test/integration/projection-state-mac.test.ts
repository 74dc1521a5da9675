import { expect } from 'chai';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { passRegister } from '../../projections/pass-register.js';
import { DEMO_FIGURES } from '../../src/demo/demo-log.js';
import { recordDemo } from '../support/demo.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { startServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';

const FIGURES = '{ steeringFigures(from: "2021-04-01", to: "2022-08-31") { jointPasses exposed exposedUnder18 suspectedBuyers suspectedBuyersUnder18 } }';
const EXPECTED = {
  jointPasses: DEMO_FIGURES.jointPasses,
  exposed: DEMO_FIGURES.exposed,
  exposedUnder18: DEMO_FIGURES.exposedUnder18,
  suspectedBuyers: DEMO_FIGURES.suspectedBuyers,
  suspectedBuyersUnder18: DEMO_FIGURES.suspectedBuyersUnder18,
};

const MAGIC = 'samlogg/state/v2\n';

/**
 * Rewrites a state file in place the way someone with a hex editor would: the header JSON and the
 * state bytes change, everything else (the leading tag, the trailing MAC) stays as it was. Reads both
 * the authenticated layout and the older one without a MAC, so the attack also runs before the fix.
 */
function tamper(file: string, change: (header: Record<string, unknown>, state: Buffer) => [Record<string, unknown>, Buffer]): void {
  const bytes = readFileSync(file);
  const tagged = bytes.subarray(0, MAGIC.length).toString('ascii') === MAGIC;
  const prefix = tagged ? MAGIC.length : 0;
  const trailer = tagged ? 32 : 0;
  const headerLength = bytes.readUInt32LE(prefix);
  const start = prefix + 4;
  const header = JSON.parse(bytes.toString('utf8', start, start + headerLength)) as Record<string, unknown>;
  const [newHeader, newState] = change(header, bytes.subarray(start + headerLength, bytes.length - trailer));
  const head = Buffer.from(JSON.stringify(newHeader));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length, 0);
  writeFileSync(file, Buffer.concat([bytes.subarray(0, prefix), length, head, newState, bytes.subarray(bytes.length - trailer)]));
}

describe('saved projection states are authenticated (real server, demo log)', function () {
  this.timeout(60_000);
  let temp: ReturnType<typeof tempDir>;
  let refusals: string;
  const stateFile = () => join(temp.dir, 'samlogg.db.projections', 'pass-register.state');

  // The demo log recorded once for the file; each test starts a first server on a copy of it.
  let demoLog: ReturnType<typeof tempDir>;
  before(async () => {
    demoLog = tempDir();
    const store = openSqliteStore(join(demoLog.dir, 'samlogg.db'));
    await recordDemo(store);
    await store.close();
  });
  after(() => demoLog?.remove());

  beforeEach(async () => {
    temp = tempDir();
    cpSync(demoLog.dir, temp.dir, { recursive: true });
    const first = await startServer(undefined, { dir: temp.dir });
    expect((await first.graphql(FIGURES)).body.data?.steeringFigures).to.deep.equal(EXPECTED);
    // Stopping saves every projection's state beside the log.
    await first.stop();
    refusals = '';
  });
  afterEach(() => temp.remove());

  /** A second server on the same log and states: what it serves, and what it said on stderr about the states. */
  async function figuresAfterRestart(): Promise<unknown> {
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      refusals += String(chunk);
      return true;
    }) as typeof process.stderr.write;
    let server;
    try {
      server = await startServer(undefined, { dir: temp.dir });
    } finally {
      process.stderr.write = write;
    }
    try {
      return (await server.graphql(FIGURES)).body.data?.steeringFigures;
    } finally {
      await server.stop();
    }
  }

  it('serves the true figures after a column of the saved pass register was zeroed (and says it rebuilt)', async () => {
    tamper(stateFile(), (header, state) => {
      const register = passRegister.deserialize(state);
      register.encounters.cols.ageBand.fill(0);
      return [header, Buffer.from(passRegister.serialize(register))];
    });
    expect(await figuresAfterRestart()).to.deep.equal(EXPECTED);
    expect(refusals).to.match(/the projection state pass-register is not trusted \(its MAC does not check out: the file was changed\); it is rebuilt from the log/);
  });

  it('serves the true figures after the saved position was set to 1 (which folded every event twice)', async () => {
    tamper(stateFile(), (header, state) => [{ ...header, position: 1 }, state]);
    expect(await figuresAfterRestart()).to.deep.equal(EXPECTED);
    expect(refusals).to.match(/pass-register is not trusted \(its MAC does not check out/);
  });

  it('trusts the saved states it wrote itself, and says nothing', async () => {
    expect(await figuresAfterRestart()).to.deep.equal(EXPECTED);
    expect(refusals).to.equal('');
  });
});
