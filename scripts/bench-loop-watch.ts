/**
 * What the longest event-loop stall was made of. monitorEventLoopDelay says how late the loop was, not
 * why: on this 2-core machine autocannon's child, GC helper threads and the kernel compete with the
 * server's main thread, and a stall may be time the thread waited for a core rather than work it did.
 * A timer every few ms reads the main thread's scheduler times (/proc/self/task/<pid>/schedstat: ns on
 * a CPU, ns waiting on a run queue) and the GC pauses (PerformanceObserver 'gc'), and keeps, for the
 * longest gap between two ticks, how much of it the thread ran, waited and collected; and likewise for
 * the gap in which the thread itself ran longest (the longest block that was the server's own work).
 */
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';

export interface Stall {
  /** Wall clock between two ticks, less the tick's own interval. */
  readonly ms: number;
  /** Of it, the main thread on a CPU (JS, GC on the main thread, native work). */
  readonly onCpuMs: number;
  /** Of it, the main thread ready but waiting for a core. */
  readonly waitingMs: number;
  /** Of it, GC pauses that began in the gap. */
  readonly gcMs: number;
  /** When the gap ended, in s since the watch started: the start of a phase holds its first requests. */
  readonly atS: number;
}

const TICK_MS = 5;
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;

/** The main thread's [ns on a CPU, ns waiting], or undefined where /proc does not tell (not Linux). */
function schedulerTimes(): [number, number] | undefined {
  try {
    const [run, wait] = readFileSync(SCHEDSTAT, 'utf8').split(' ');
    return [Number(run), Number(wait)];
  } catch {
    return undefined;
  }
}

export class LoopWatch {
  private timer: NodeJS.Timeout | undefined;
  private longest: TimedStall = NO_STALL;
  private busiest: TimedStall = NO_STALL;
  private readonly gcPauses: Array<{ start: number; ms: number }> = [];
  private startedAt = 0;
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.gcPauses.push({ start: entry.startTime, ms: entry.duration });
  });

  /** Watches afresh. */
  start(): void {
    this.pause();
    this.longest = NO_STALL;
    this.busiest = NO_STALL;
    this.gcPauses.length = 0;
    this.startedAt = performance.now();
    this.resume();
  }
  /** The bench's own work is not watched: the gap over it is never measured. */
  pause(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.observer.disconnect();
  }
  resume(): void {
    if (this.timer) return;
    this.observer.observe({ entryTypes: ['gc'] });
    let at = performance.now();
    let times = schedulerTimes();
    const tick = () => {
      const now = performance.now();
      const nowTimes = schedulerTimes();
      const ms = now - at - TICK_MS;
      const stall = stallOf(ms, at, now, times, nowTimes);
      if (stall.ms > this.longest.ms) this.longest = stall;
      if (stall.onCpuMs > this.busiest.onCpuMs) this.busiest = stall;
      at = now;
      times = nowTimes;
      this.timer = setTimeout(tick, TICK_MS);
    };
    this.timer = setTimeout(tick, TICK_MS);
  }
  /** The longest stall since start, and the one in which the thread ran longest; the watch stops. */
  stop(): { longest: Stall; busiest: Stall } {
    this.pause();
    return { longest: this.withGc(this.longest), busiest: this.withGc(this.busiest) };
  }

  /** A GC pause is reported after it ends, so the list is read only when the watch stops. */
  private withGc({ from, to, ...stall }: TimedStall): Stall {
    const gcMs = this.gcPauses.filter((p) => p.start >= from && p.start < to).reduce((sum, p) => sum + p.ms, 0);
    return { ...stall, gcMs, atS: to === 0 ? 0 : (to - this.startedAt) / 1000 };
  }
}

type TimedStall = Omit<Stall, 'atS'> & { readonly from: number; readonly to: number };

const NO_STALL: TimedStall = { ms: 0, onCpuMs: 0, waitingMs: 0, gcMs: 0, from: 0, to: 0 };

function stallOf(ms: number, from: number, to: number, times: [number, number] | undefined, nowTimes: [number, number] | undefined): TimedStall {
  if (!times || !nowTimes) return { ms, onCpuMs: Number.NaN, waitingMs: Number.NaN, gcMs: 0, from, to };
  return { ms, onCpuMs: (nowTimes[0] - times[0]) / 1e6, waitingMs: (nowTimes[1] - times[1]) / 1e6, gcMs: 0, from, to };
}
