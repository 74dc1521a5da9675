import { strict as assert } from 'node:assert';
import { LoopWatch } from '../../scripts/bench-loop-watch.js';
import { LoopBlocks } from '../../scripts/bench-uncached.js';

/** Holds the event loop for `ms` of wall clock, as a long synchronous job would. */
function holdLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy on purpose: nothing else may run
  }
}
const ticks = (ms: number) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

describe('the bench’s event-loop watch (LoopBlocks)', function () {
  this.timeout(10_000);

  it('counts a block while it watches', async () => {
    const loops = new LoopBlocks();
    loops.start();
    await ticks(50);
    holdLoop(150);
    await ticks(50);
    assert.ok(loops.stop('watched') >= 140, `a 150 ms block was seen as ${loops.byPhase.get('watched')} ms`);
  });

  it('does not count the bench’s own work done while paused, but keeps what it saw before the pause', async () => {
    const loops = new LoopBlocks();
    loops.start();
    await ticks(50);
    holdLoop(80);
    await ticks(50);
    loops.pause();
    holdLoop(500);
    loops.resume();
    await ticks(100);
    const ms = loops.stop('paused');
    assert.ok(ms >= 70, `the 80 ms block before the pause was lost (${ms} ms)`);
    assert.ok(ms < 400, `the 500 ms of paused work was counted as a block (${ms} ms)`);
  });
});

describe('what the bench’s longest stall was made of (LoopWatch)', function () {
  this.timeout(10_000);

  /** One watched 150 ms hold, with 400 ms of paused work after it. */
  async function watchedHold(): Promise<ReturnType<LoopWatch['stop']>> {
    const watch = new LoopWatch();
    watch.start();
    await ticks(30);
    holdLoop(150);
    await ticks(30);
    watch.pause();
    holdLoop(400);
    watch.resume();
    await ticks(30);
    return watch.stop();
  }

  it('splits a stall into the thread’s own run and its wait for a core, and skips a pause', async function () {
    if (process.platform !== 'linux') this.skip();
    // The kernel's counts of a running thread lag by up to its last scheduler tick, and time the host
    // takes from this virtual machine is neither: on a loaded CI machine one hold in a few can miss a
    // tenth. The split must add up in one of three holds, and every hold must be seen as one stall.
    const seen: string[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const { longest, busiest } = await watchedHold();
      assert.ok(longest.ms >= 140 && longest.ms < 350, `the 150 ms hold was seen as ${longest.ms} ms`);
      assert.ok(busiest.onCpuMs <= busiest.ms + 6, `ran ${busiest.onCpuMs} ms in a gap of ${busiest.ms} ms`);
      seen.push(`ran ${longest.onCpuMs} + waited ${longest.waitingMs} ms of ${longest.ms}`);
      if (longest.onCpuMs + longest.waitingMs >= 0.9 * longest.ms) return;
    }
    assert.fail(`the split never added up to nine tenths of the stall: ${seen.join('; ')}`);
  });
});
