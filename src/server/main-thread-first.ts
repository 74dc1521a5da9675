import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * The main thread answers every request; the process's other threads (V8's garbage-collection helpers,
 * libuv's pool, the WAL checkpointer) do work that can wait. At one nice level the kernel shares the
 * cores evenly among them, so on a machine with two cores a request waited up to 49 ms for a core while
 * the helpers marked the heap (the bench's loop watch, 1M events). Linux keeps a nice level per thread:
 * every thread but the main one runs this many levels below it, so it still has each core the main
 * thread leaves idle but gives the core back as soon as the main thread wakes.
 */
export const BACKGROUND_NICE_OFFSET = 10;
/** Threads started later (libuv's pool on first use, worker threads) inherit the main thread's level until the next sweep. */
const SWEEP_MS = 2_000;
const MAX_NICE = 19;

export interface MainThreadFirst {
  /** Sets every thread not yet set; answers how many it set. */
  sweep(): number;
  stop(): void;
}

/** Keeps the process's other threads below the main thread; a no-op where the kernel keeps no level per thread. */
export function mainThreadFirst(): MainThreadFirst {
  if (process.platform !== 'linux') return { sweep: () => 0, stop() {} };
  let seen = new Set<number>();
  const sweep = (): number => {
    let names: string[];
    try {
      names = readdirSync('/proc/self/task');
    } catch {
      return 0;
    }
    const level = Math.min(MAX_NICE, getPriority(process.pid) + BACKGROUND_NICE_OFFSET);
    const now = new Set<number>();
    let set = 0;
    for (const name of names) {
      const tid = Number(name);
      now.add(tid);
      if (tid === process.pid || seen.has(tid)) continue;
      try {
        if (getPriority(tid) < level) {
          setPriority(tid, level);
          set += 1;
        }
      } catch {
        // The thread ended between the listing and now.
      }
    }
    // Only the threads alive now: a thread id the kernel hands out again is a new thread.
    seen = now;
    return set;
  };
  sweep();
  const timer = setInterval(sweep, SWEEP_MS);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
