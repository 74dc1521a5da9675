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

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

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
