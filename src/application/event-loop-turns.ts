/**
 * Turns of the event loop, handed out one job at a time. A job is the synchronous part of heavy work
 * (a GraphQL request's parse, validation, execution and answer; the planning of one command in a
 * group commit). Jobs run one per macrotask, chained with setImmediate, so timers, /healthz and the
 * sockets' I/O get their turn between any two jobs: the longest block of the loop is one job, not
 * a poll phase's worth of requests that libuv delivered together.
 *
 * Work waiting for a moment when no job is queued (`whenIdle`: the group commit, which wants every
 * mutation request already read to have been planned before it commits) runs in the turn after the
 * last queued job, or after `idleAfterJobs` jobs if the queue never empties, so it cannot starve.
 *
 * Long work done in steps (`slice`: a projection save, an index's layout, an as-of fold, a report)
 * takes its turns in the same queue, one slice a turn, in turn with the requests. Raw immediates
 * would run every such task's slice and a job in one check phase (a save's slice, the index's, an
 * as-of report's and a request together: 50 ms at 1M events). Idle work does not wait for slices.
 *
 * One event loop per process, so one queue per process (`turns`); `eventLoopTurns()` makes another
 * for a test.
 */
export interface EventLoopTurns {
  /** Runs `job` in a turn of its own, after the jobs queued before it. */
  run(job: () => void): void;
  /** Resolves in a turn of its own: an async step that may be long awaits this first. */
  turn(): Promise<void>;
  /** Resolves in a turn of its own, as `turn`, but work waiting for idle does not wait for it: a slice of long work. */
  slice(): Promise<void>;
  /** Runs `work` in the turn after the last queued job (at the latest after `idleAfterJobs` more jobs). */
  whenIdle(work: () => void): void;
  /** Jobs waiting for their turn. */
  readonly queued: number;
  readonly stats: TurnStats;
  /** Starts the longest-job figures afresh (the bench does, per phase). */
  resetLongest(): void;
}

interface TurnStats {
  readonly jobs: number;
  readonly turns: number;
  readonly maxQueued: number;
  /**
   * The longest job, wall clock (on a shared machine this also counts time the process was not
   * scheduled; process.cpuUsage per job would tell, but costs a system call each, several % of a busy server).
   */
  readonly longestJobMs: number;
}

interface Queue {
  readonly idleAfterJobs: number;
  readonly jobs: Array<{ readonly run: () => void; readonly slice: boolean }>;
  /** Queued jobs that are not slices: idle work waits for these. */
  waitedFor: number;
  idle: Array<() => void>;
  jobsSinceIdleAsked: number;
  readonly stats: { jobs: number; turns: number; maxQueued: number; longestJobMs: number };
}

function runIdle(queue: Queue): void {
  const waiting = queue.idle;
  queue.idle = [];
  queue.jobsSinceIdleAsked = 0;
  for (const work of waiting) safely(work);
}

/** One turn: the idle work, once no job it waits for is queued (or it has waited long enough), else the next job. */
function takeTurn(queue: Queue): void {
  queue.stats.turns += 1;
  if (queue.idle.length > 0 && (queue.waitedFor === 0 || queue.jobsSinceIdleAsked >= queue.idleAfterJobs)) {
    // This turn comes after the last job's microtasks: whatever those jobs handed on is queued by now.
    runIdle(queue);
    return;
  }
  const job = queue.jobs.shift();
  if (job === undefined) return;
  if (!job.slice) queue.waitedFor -= 1;
  queue.stats.jobs += 1;
  if (queue.idle.length > 0) queue.jobsSinceIdleAsked += 1;
  timed(job.run, queue.stats);
}

export function eventLoopTurns(options: { idleAfterJobs?: number } = {}): EventLoopTurns {
  const queue: Queue = { idleAfterJobs: options.idleAfterJobs ?? 64, jobs: [], waitedFor: 0, idle: [], jobsSinceIdleAsked: 0, stats: { jobs: 0, turns: 0, maxQueued: 0, longestJobMs: 0 } };
  let scheduled = false;

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(step);
  }

  function step(): void {
    scheduled = false;
    takeTurn(queue);
    if (queue.jobs.length > 0 || queue.idle.length > 0) schedule();
  }

  function enqueue(run: () => void, slice: boolean): void {
    queue.jobs.push({ run, slice });
    if (!slice) queue.waitedFor += 1;
    queue.stats.maxQueued = Math.max(queue.stats.maxQueued, queue.jobs.length);
    schedule();
  }

  return {
    run: (job) => enqueue(job, false),
    turn: () => new Promise<void>((resolve) => enqueue(resolve, false)),
    slice: () => new Promise<void>((resolve) => enqueue(resolve, true)),
    whenIdle(work) {
      queue.idle.push(work);
      schedule();
    },
    get queued() {
      return queue.jobs.length;
    },
    stats: queue.stats,
    resetLongest() {
      queue.stats.longestJobMs = 0;
    },
  };
}

/** Runs a job and keeps the longest a job has taken. */
function timed(job: () => void, stats: { longestJobMs: number }): void {
  const started = performance.now();
  safely(job);
  stats.longestJobMs = Math.max(stats.longestJobMs, performance.now() - started);
}

/** A job's own errors are its caller's (a request answers 500 through Express); one never stops the queue. */
function safely(job: () => void): void {
  try {
    job();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

/** The process's turns: every request and group commit in this process queues here. */
export const turns: EventLoopTurns = eventLoopTurns();
