import type { TrainingHeldData } from '../src/domain/events.js';
import { TRAINING_EVENT_TYPES } from '../src/domain/events.js';
import type { TrainingFormat } from '../src/domain/county-vocabulary.js';
import type { Projection, ProjectedEvent } from '../src/projections/projection.js';

/** The trainings held for kommun staff within the county offer (a few a year): plain JSON. */

interface TrainingRegister {
  readonly trainings: TrainingHeldData[];
}

export const trainingRegister: Projection<TrainingRegister> = {
  name: 'trainings',
  version: 1,
  eventTypes: new Set<string>(TRAINING_EVENT_TYPES),
  init: () => ({ trainings: [] }),
  apply(r: TrainingRegister, event: ProjectedEvent) {
    if (event.type === 'TrainingHeld') r.trainings.push(event.data);
    return r;
  },
  serialize: (r) => Buffer.from(JSON.stringify(r)),
  deserialize: (bytes) => JSON.parse(Buffer.from(bytes).toString('utf8')) as TrainingRegister,
};

export interface TrainingSummary {
  readonly from: string;
  readonly to: string;
  readonly rounds: number;
  readonly participants: number;
  readonly byFormat: Array<{ format: TrainingFormat; rounds: number; participants: number }>;
  readonly byYear: Array<{ year: number; rounds: number; participants: number; digital: number; physical: number }>;
  /** The first round held in person, if any in the period. */
  readonly firstPhysical?: string;
  /** Distinct kommuner whose staff took part. */
  readonly kommunerRepresented: string[];
  readonly trainings: TrainingHeldData[];
}

export function trainingSummary(r: TrainingRegister, period: { from: string; to: string }): TrainingSummary {
  const held = r.trainings.filter((t) => t.date >= period.from && t.date <= period.to).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const byFormat = (['DIGITAL', 'PHYSICAL'] as const).map((format) => {
    const of = held.filter((t) => t.format === format);
    return { format, rounds: of.length, participants: of.reduce((n, t) => n + t.participants, 0) };
  });
  const years = [...new Set(held.map((t) => Number(t.date.slice(0, 4))))];
  const byYear = years.map((year) => {
    const of = held.filter((t) => Number(t.date.slice(0, 4)) === year);
    return {
      year,
      rounds: of.length,
      participants: of.reduce((n, t) => n + t.participants, 0),
      digital: of.filter((t) => t.format === 'DIGITAL').length,
      physical: of.filter((t) => t.format === 'PHYSICAL').length,
    };
  });
  const firstPhysical = held.find((t) => t.format === 'PHYSICAL')?.date;
  return {
    from: period.from,
    to: period.to,
    rounds: held.length,
    participants: held.reduce((n, t) => n + t.participants, 0),
    byFormat,
    byYear,
    ...(firstPhysical ? { firstPhysical } : {}),
    kommunerRepresented: [...new Set(held.flatMap((t) => t.kommuner))].sort(),
    trainings: held,
  };
}
