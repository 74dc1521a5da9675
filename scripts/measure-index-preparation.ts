/**
 * `npx tsx scripts/measure-index-preparation.ts [events]`: the longest event-loop block while the
 * statistics' encounter index is laid out whole, at once (`encounterIndex`, as the first statistics
 * question after a start did) and in slices (`encounterIndexReady`, as the server now does), after a
 * start and after a correction that moves every block. The bench's log, folded in memory.
 */
import { loadavg } from 'node:os';
import { encounterIndex, prepareEncounterIndex } from '../projections/encounter-index.js';
import { passRegister } from '../projections/pass-register.js';
import type { PassRegister } from '../projections/pass-register-rows.js';
import { decodeEvent } from '../src/domain/event-decoding.js';
import { encounterIndexReady } from '../src/projections/encounter-index-preparation.js';
import { foldBenchLog } from './bench-uncached-functions.js';

/** Runs `work` while a chain of immediates notes the longest gap between two of them (ms). */
async function longestBlock(work: () => Promise<unknown> | unknown): Promise<{ blockMs: number; totalMs: number }> {
  let longest = 0;
  let last = performance.now();
  let running = true;
  const beat = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(beat);
  };
  setImmediate(beat);
  await new Promise((resolve) => setImmediate(resolve));
  const started = performance.now();
  await work();
  const totalMs = performance.now() - started;
  running = false;
  await new Promise((resolve) => setImmediate(resolve));
  return { blockMs: longest, totalMs };
}

/**
 * The slices `inSlices` would run, each timed in wall and CPU time: on a busy machine the longest gap
 * between immediates also counts time the process waited for a core, which CPU time leaves out.
 */
function longestSlice(r: PassRegister, sliceMs = 8) {
  const steps = prepareEncounterIndex(r);
  let wallMs = 0;
  let cpuMs = 0;
  let slices = 0;
  let step = 0;
  let longestStep = { ms: 0, step: 0 };
  for (let done = false; !done; slices += 1) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    while (!done && performance.now() - started < sliceMs) {
      const stepStarted = performance.now();
      done = steps.next().done === true;
      const stepMs = performance.now() - stepStarted;
      if (stepMs > longestStep.ms) longestStep = { ms: stepMs, step };
      step += 1;
    }
    const used = process.cpuUsage(cpu);
    wallMs = Math.max(wallMs, performance.now() - started);
    cpuMs = Math.max(cpuMs, (used.user + used.system) / 1000);
  }
  return { wallMs, cpuMs, slices, steps: step, longestStep };
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const copy = (r: PassRegister): PassRegister => passRegister.deserialize!(passRegister.serialize!(r));

/** The earliest pass moved after every other (its stream's next revision): every block moves. */
function redateFirst(r: PassRegister): void {
  const index = encounterIndex(r);
  const pass = index.blockPass[0] as number;
  const passId = [...r.passIndex].find(([, row]) => row === pass)?.[0];
  const revision = (r.passes.cols.revision[pass] as number) + 1;
  const event = { id: 'redate', streamId: `pass-${passId}`, revision, position: 1e9, type: 'PassCorrected', data: { passId, date: '2031-01-01' }, metadata: {}, recordedAt: '2027-01-01T00:00:00.000Z' };
  passRegister.apply(r, decodeEvent(event));
}

const events = Number(process.argv[2] ?? 1_000_000);
const register = foldBenchLog(events, 42);
console.log(`${events} events: ${register.passes.count} passes, ${register.encounters.count} encounters; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (let round = 1; round <= 2; round += 1) {
  const fresh = [copy(register), copy(register)] as const;
  gc();
  const atOnce = await longestBlock(() => encounterIndex(fresh[0]));
  gc();
  const sliced = await longestBlock(() => encounterIndexReady(fresh[1]));
  const a = copy(register);
  encounterIndex(a);
  redateFirst(a);
  gc();
  const correctedAtOnce = await longestBlock(() => encounterIndex(a));
  const b = copy(register);
  encounterIndex(b);
  redateFirst(b);
  gc();
  const correctedSliced = await longestBlock(() => encounterIndexReady(b));
  const f = (x: { blockMs: number; totalMs: number }) => `longest block ${x.blockMs.toFixed(1)} ms (${x.totalMs.toFixed(0)} ms in all)`;
  const timed = copy(register);
  gc();
  const slice = longestSlice(timed);
  const cpu = process.cpuUsage();
  const t = performance.now();
  encounterIndex(copy(register));
  console.log(`round ${round}: ${slice.steps} steps, the longest (step ${slice.longestStep.step}) ${slice.longestStep.ms.toFixed(1)} ms; the longest of ${slice.slices} slices took ${slice.wallMs.toFixed(1)} ms wall, ${slice.cpuMs.toFixed(1)} ms CPU (a layout at once: ${((process.cpuUsage(cpu).user) / 1000).toFixed(0)} ms CPU with the copy, ${(performance.now() - t).toFixed(0)} ms wall)`);
  console.log(`round ${round}: first layout at once ${f(atOnce)}, in slices ${f(sliced)}; after a correction moving every block, at once ${f(correctedAtOnce)}, in slices ${f(correctedSliced)}`);
}
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
