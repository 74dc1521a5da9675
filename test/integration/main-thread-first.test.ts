import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BACKGROUND_NICE_OFFSET, mainThreadFirst } from '../../src/server/main-thread-first.js';
import { startServer } from '../support/server.js';

/** Each thread of this process and its nice level, as the kernel keeps it (/proc/self/task/<tid>/stat, field 19). */
function niceByThread(): Map<number, number> {
  const levels = new Map<number, number>();
  for (const name of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${name}/stat`, 'utf8');
      // The thread's name, in parentheses, may hold spaces: the fields are counted after its last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      levels.set(Number(name), Number(fields[16]));
    } catch {
      // The thread ended while we looked.
    }
  }
  return levels;
}

/** A worker thread that lives until terminated, and its kernel thread id once it has told it. */
async function idleWorker(): Promise<{ worker: Worker; tid: number }> {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const { readlinkSync } = require('node:fs');
     parentPort.postMessage(Number(readlinkSync('/proc/thread-self').split('/').pop()));
     setInterval(() => {}, 1000);`,
    { eval: true },
  );
  const tid = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { worker, tid };
}

const linux = process.platform === 'linux';

(linux ? describe : describe.skip)('mainThreadFirst: the threads beside the main one yield it a core', () => {
  const mainLevel = getPriority(process.pid);
  const background = Math.min(19, mainLevel + BACKGROUND_NICE_OFFSET);

  it('sets every other thread of the process below the main thread and leaves the main thread as it was', async () => {
    const { worker, tid } = await idleWorker();
    const threads = mainThreadFirst();
    try {
      const levels = niceByThread();
      expect(levels.get(process.pid), 'main thread').to.equal(mainLevel);
      expect(levels.get(tid), 'worker thread').to.equal(background);
      const others = [...levels].filter(([id]) => id !== process.pid);
      expect(others.length).to.be.greaterThan(1);
      expect(others.filter(([, level]) => level < background)).to.deep.equal([]);
    } finally {
      threads.stop();
      await worker.terminate();
    }
  });

  it('finds a thread started after the first sweep, and never raises a thread already set lower', async () => {
    const threads = mainThreadFirst();
    const { worker, tid } = await idleWorker();
    const { worker: lowest, tid: lowestTid } = await idleWorker();
    try {
      // A new thread starts at the main thread's level; a server another test left listening in this
      // worker process may sweep it first, so only where it ends is asserted.
      setPriority(lowestTid, 19);
      threads.sweep();
      expect(niceByThread().get(tid)).to.equal(background);
      expect(niceByThread().get(lowestTid)).to.equal(19);
      expect(threads.sweep(), 'a second sweep finds nothing new').to.equal(0);
    } finally {
      threads.stop();
      await Promise.all([worker.terminate(), lowest.terminate()]);
    }
  });

  it('is what a listening server does: its worker threads run below the thread that answers requests', async () => {
    const { worker, tid } = await idleWorker();
    const server = await startServer();
    try {
      expect(niceByThread().get(tid)).to.equal(background);
      expect(niceByThread().get(process.pid)).to.equal(mainLevel);
      const { status } = await server.graphql('{ __typename }');
      expect(status).to.equal(200);
    } finally {
      await server.stop();
      await worker.terminate();
    }
  });
});
