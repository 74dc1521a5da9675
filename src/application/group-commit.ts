import type { AppendRequest, AppendResult, EventStore, RecordedEvent } from '../store/port.js';
import type { RecordContext } from './actor.js';
import { turns as processTurns, type EventLoopTurns } from './event-loop-turns.js';
import { recordCommands, type CommandOutcome, type RecordOptions, type RecordResult } from './record-commands.js';

/**
 * Group commit around the recorder: commands that arrive together are planned in turn, each by the
 * unchanged recorder (record-commands.ts) against the log plus the events planned before it in the
 * group, and then appended together in one transaction — one fsync for the group instead of one per
 * command. Each caller keeps what it had alone: its commands all or nothing (a refused caller adds
 * nothing to the group), idempotent by commandId (a retry in the same group is already recorded),
 * expectedRevision checked against what the callers before it wrote, and its own outcome.
 *
 * A group forms while the event loop is busy: the first caller waits until no request is queued for
 * its turn (event-loop-turns.ts), so every mutation request already read from the sockets has been
 * planned into the queue; callers that arrive during a commit form the next group. Each caller is
 * planned in a turn of its own, and told its outcome in a turn of its own, so a group of fifty is
 * fifty short blocks of the event loop, not one long one.
 * If the group's transaction fails (another process wrote meanwhile, an event id already used
 * elsewhere, a failing disk), nothing of it is recorded and every caller is recorded alone by the
 * plain recorder, as without grouping, so each gets the answer it would have had.
 */

interface GroupCommitStats {
  /** Transactions committed for groups. */
  readonly commits: number;
  /** Commands that reached a commit through a group (refusals and retries not counted). */
  readonly committedCommands: number;
  /** Groups whose transaction failed and whose callers were recorded one by one. */
  readonly fallbacks: number;
}

interface GroupCommitter {
  record(inputs: readonly unknown[], context: RecordContext, options?: RecordOptions): Promise<RecordResult>;
  readonly stats: GroupCommitStats;
}

interface Job {
  readonly inputs: readonly unknown[];
  readonly context: RecordContext;
  readonly options: RecordOptions;
  readonly resolve: (result: RecordResult) => void;
  readonly reject: (error: unknown) => void;
}

interface Planned {
  readonly job: Job;
  readonly result: RecordResult;
  /** This job's requests in the group's batch: [first, end). */
  readonly first: number;
  readonly end: number;
}

/**
 * The store as the recorder sees it while a group is planned: reads show the log plus the events the
 * group has planned so far (positions not known yet: negative placeholders), and an append adds to
 * the group instead of writing.
 */
function plannedStore(store: EventStore, requests: AppendRequest[]): EventStore & { pendingEvent(placeholder: number): [request: number, event: number]; discardFrom(request: number): void } {
  const placeholders: Array<[number, number]> = [];
  // The group's requests by stream, so a read looks at its own stream's only: scanning every request
  // on every read made planning a group quadratic in its size.
  const byStream = new Map<string, number[]>();
  return {
    ...store,
    kind: store.kind,
    atomicBatches: store.atomicBatches,
    async readStream(streamId) {
      const events = await store.readStream(streamId);
      const planned = byStream.get(streamId);
      if (planned === undefined) return events;
      const recorded: RecordedEvent[] = [...events];
      for (const r of planned) {
        (requests[r] as AppendRequest).events.forEach((event, e) => {
          placeholders.push([r, e]);
          recorded.push({ id: event.id, streamId, revision: recorded.length, position: -placeholders.length, type: event.type, data: event.data, metadata: event.metadata, recordedAt: '' });
        });
      }
      return recorded;
    },
    async appendBatch(batch): Promise<AppendResult[]> {
      return batch.map((request) => {
        const planned = byStream.get(request.streamId);
        if (planned) planned.push(requests.length);
        else byStream.set(request.streamId, [requests.length]);
        requests.push(request);
        const start = typeof request.expectedRevision === 'number' ? request.expectedRevision + 1 : 0;
        return { streamId: request.streamId, nextRevision: start + request.events.length - 1, position: 0, alreadyRecorded: false };
      });
    },
    async append(streamId, events, expectedRevision) {
      const [result] = await this.appendBatch([{ streamId, events, expectedRevision }]);
      return result as AppendResult;
    },
    pendingEvent(placeholder) {
      return placeholders[-placeholder - 1] as [number, number];
    },
    discardFrom(first) {
      for (const request of requests.splice(first)) {
        const planned = byStream.get(request.streamId) as number[];
        planned.pop();
        if (planned.length === 0) byStream.delete(request.streamId);
      }
    },
  };
}

/** A job recorded as it would have been without the group. */
async function alone(store: EventStore, job: Job): Promise<void> {
  try {
    job.resolve(await recordCommands(store, job.inputs, job.context, job.options));
  } catch (error) {
    job.reject(error);
  }
}

/** Each job planned against the group's batch so far, a turn of the event loop apart; a job whose planning fails is told alone. */
async function planGroup(planning: ReturnType<typeof plannedStore>, requests: AppendRequest[], jobs: readonly Job[], turns: EventLoopTurns): Promise<Planned[]> {
  const planned: Planned[] = [];
  for (const [n, job] of jobs.entries()) {
    const first = requests.length;
    if (n > 0) await turns.turn();
    try {
      const result = await recordCommands(planning, job.inputs, job.context, job.options);
      planned.push({ job, result, first, end: requests.length });
    } catch (error) {
      // The recorder failed before appending (a store read failed): this caller alone is told.
      planning.discardFrom(first);
      job.reject(error);
    }
  }
  return planned;
}

/** Each caller's answer once the batch is appended, with the positions its placeholders stood for. */
function answerGroup(
  planned: readonly Planned[],
  requests: readonly AppendRequest[],
  results: readonly AppendResult[],
  planning: ReturnType<typeof plannedStore>,
  stats: { committedCommands: number },
  turns: EventLoopTurns,
): void {
  const positionOf = (placeholder: number): number => {
    const [r, e] = planning.pendingEvent(placeholder);
    const request = requests[r] as AppendRequest;
    return (results[r] as AppendResult).position - (request.events.length - 1 - e);
  };
  for (const { job, result, first, end } of planned) {
    if (!result.ok) {
      turns.run(() => job.resolve(result));
      continue;
    }
    let position = result.position;
    if (end > first) {
      position = Math.max(...results.slice(first, end).map((r) => r.position));
      stats.committedCommands += result.outcomes.filter((o) => o.status === 'applied').length;
    }
    const outcomes = result.outcomes.map((o): CommandOutcome => {
      if (o.position < 0) return { ...o, position: positionOf(o.position) };
      if (o.status === 'applied' && result.outcomes.length === 1) return { ...o, position };
      return o;
    });
    const answer: RecordResult = { ok: true, outcomes, appended: result.appended, position: Math.max(position, ...outcomes.map((o) => o.position)) };
    // Each caller's answer (GraphQL's response work) in a turn of its own.
    turns.run(() => job.resolve(answer));
  }
}

export function groupCommitter(store: EventStore, turns: EventLoopTurns = processTurns): GroupCommitter {
  const queue: Job[] = [];
  let scheduled = false;
  let running = false;
  const stats = { commits: 0, committedCommands: 0, fallbacks: 0 };

  function schedule(): void {
    if (scheduled || running || queue.length === 0) return;
    scheduled = true;
    turns.whenIdle(() => {
      scheduled = false;
      void drain();
    });
  }

  async function drain(): Promise<void> {
    running = true;
    try {
      await commitGroup(queue.splice(0));
    } finally {
      running = false;
      schedule();
    }
  }

  async function commitGroup(jobs: readonly Job[]): Promise<void> {
    const requests: AppendRequest[] = [];
    const planning = plannedStore(store, requests);
    const planned = await planGroup(planning, requests, jobs, turns);
    let results: AppendResult[] = [];
    if (requests.length > 0) {
      try {
        results = await store.appendBatch(requests);
        stats.commits += 1;
      } catch {
        // Nothing of the group was recorded: each caller is recorded as it would have been alone.
        stats.fallbacks += 1;
        for (const [n, { job }] of planned.entries()) {
          // Each caller's own transaction and fsync in a turn of its own: all of them in one turn blocked the loop.
          if (n > 0) await turns.turn();
          await alone(store, job);
        }
        return;
      }
    }
    answerGroup(planned, requests, results, planning, stats, turns);
  }

  return {
    stats,
    record(inputs, context, options = {}) {
      // A dry run appends nothing, and a store without atomic batches could not keep each caller all or nothing.
      if (options.dryRun || !store.atomicBatches) return recordCommands(store, inputs, context, options);
      return new Promise<RecordResult>((resolve, reject) => {
        queue.push({ inputs, context, options, resolve, reject });
        schedule();
      });
    },
  };
}

const committers = new WeakMap<EventStore, GroupCommitter>();

/** The store's group committer: one per store, so every caller that writes to it can share commits. */
export function groupCommitterFor(store: EventStore): GroupCommitter {
  let committer = committers.get(store);
  if (!committer) {
    committer = groupCommitter(store);
    committers.set(store, committer);
  }
  return committer;
}
