import { passRegister } from '../projections/pass-register.js';
import { statistics } from '../projections/statistics.js';
import { referenceStatistics } from '../test/support/statistics-reference.js';
import { LogGenerator } from './bench-log.js';

const total = Number(process.argv[2] ?? 1_000_000);
const gen = new LogGenerator(20240601, total);
let r = passRegister.init();
let position = 0;
const t0 = performance.now();
while (gen.emitted < total) {
  for (const req of gen.nextBatch(1000, total)) {
    let rev = typeof req.expectedRevision === 'number' ? req.expectedRevision + 1 : 0;
    for (const e of req.events) r = passRegister.apply(r, { id: e.id, streamId: req.streamId, revision: rev++, position: ++position, type: e.type, data: e.data, metadata: {}, recordedAt: '2024-01-01T00:00:00Z' });
  }
}
console.log(`fold ${Math.round(performance.now() - t0)} ms: ${r.passes.count} passes ${r.encounters.count} encounters`);
let seed = 1;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const day0 = Date.UTC(2021, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const shapes = [['UNIT', 'AGE_BAND'], ['TERTIAL', 'ROLE', 'HOME_KOMMUN'], ['UNIT']] as const;
for (const shape of shapes) {
  const mine: number[] = [];
  const ref: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 60; i += 1) {
    const span = 30 + Math.floor(rnd() * 700);
    const start = day0 + Math.floor(rnd() * (2190 - span)) * 86400000;
    const q = { from: iso(start), to: iso(start + span * 86400000), groupBy: shape as never };
    let t = performance.now();
    const c0 = process.cpuUsage();
    const a = statistics(r, q);
    const c1 = process.cpuUsage(c0);
    mine.push(performance.now() - t);
    cpu.push((c1.user + c1.system) / 1000);
    if (i < 10) {
      t = performance.now();
      const b = referenceStatistics(r, q);
      ref.push(performance.now() - t);
      if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('differ ' + JSON.stringify(q));
    }
  }
  const med = (x: number[]) => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)]!.toFixed(2);
  console.log(shape.join(','), 'mine p50', med(mine.slice(10)), 'cpu p50', med(cpu.slice(10)), 'ref p50', med(ref));
}
