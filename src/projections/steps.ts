import { turns } from '../application/event-loop-turns.js';

/**
 * Work done in steps: a generator that yields between parts of a few milliseconds each. A pure fold or
 * query written so can be run to the end at once (`drain`), or by a server between other requests
 * (`inSlices`), so a large state or a long plan never holds up the event loop.
 */

/** Runs steps to the end at once. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

// A slice waits for a turn of the process's queue (event-loop-turns.ts), in turn with requests and
// with other long work, so two sliced tasks never run their slices in one check phase together.
const yieldToEventLoop = () => turns.slice();

/** Runs steps, letting the event loop run whenever a slice of `sliceMs` is used up. */
export async function inSlices<T>(steps: Generator<void, T>, sliceMs = 8): Promise<T> {
  let started = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - started >= sliceMs) {
      await yieldToEventLoop();
      started = performance.now();
    }
  }
}
