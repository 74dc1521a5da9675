import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { useTempStore } from '../support/temp-store.js';

/**
 * The WAL is checkpointed in a thread of its own (src/store/sqlite/background-checkpoints.ts), not
 * inside the commit that fills it: the database file grows only after the append has returned.
 */

/** Some 1,500 pages of WAL: past the 1,000 at which SQLite would checkpoint inside the commit. */
const batch = (n: number) => Array.from({ length: 1500 }, (_, i) => ({ id: randomUUID(), type: 'Filled', data: { n, i, text: 'x'.repeat(2000) }, metadata: {} }));

/** Until the database file has stopped growing for a while: the checkpoint under way is done. */
async function settled(path: string): Promise<void> {
  let size = statSync(path).size;
  for (let still = 0; still < 300; still += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (statSync(path).size !== size) [size, still] = [statSync(path).size, -50];
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('checkpoints of the SQLite log in a thread of their own', function () {
  this.timeout(30_000);
  const fixture = useTempStore();

  it('copies a commit into the database file only after the append has returned, and then soon', async () => {
    const { store, path } = fixture;
    await store.append('pass-first', [{ id: randomUUID(), type: 'Small', data: {}, metadata: {} }], 'no_stream');
    const size = statSync(path).size;
    await store.append('pass-filled', batch(0), 'no_stream');
    expect(statSync(path).size, 'the commit itself did not checkpoint').to.equal(size);
    await until(() => statSync(path).size > size, 'the database file grew');
    expect(await store.headPosition()).to.equal(1501);
  });

  it('keeps the WAL from growing with the log, and every event readable', async () => {
    const { store, path } = fixture;
    let size = statSync(path).size;
    await store.append('pass-filled', batch(0), 'no_stream');
    await until(() => statSync(path).size > size, 'the first checkpoint');
    await settled(path);
    const walAfterOne = statSync(`${path}-wal`).size;
    for (let n = 1; n <= 4; n += 1) {
      size = statSync(path).size;
      await store.append('pass-filled', batch(n), n * 1500 - 1);
      await until(() => statSync(path).size > size, `checkpoint ${n + 1}`);
      await settled(path);
    }
    // Each checkpoint lets the next commit write the WAL from its start again: one batch's worth, never five.
    expect(statSync(`${path}-wal`).size).to.be.at.most(1.5 * walAfterOne);
    expect((await store.readStream('pass-filled')).length).to.equal(5 * 1500);
  });

  it('keeps the WAL from growing with large commits back to back, with no turn of the event loop between them', async () => {
    const { store, path } = fixture;
    await store.append('pass-filled', batch(0), 'no_stream');
    const walAfterOne = statSync(`${path}-wal`).size;
    // An import's loop: each append awaited, nothing else let run, so the thread is never asked.
    for (let n = 1; n < 12; n += 1) await store.append('pass-filled', batch(n), n * 1500 - 1);
    expect(statSync(`${path}-wal`).size, 'a few batches’ worth, never twelve').to.be.at.most(4 * walAfterOne);
    expect(await store.headPosition()).to.equal(12 * 1500);
  });
});
