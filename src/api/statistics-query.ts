import type { StatisticsQuery } from '../../queries/statistics.js';
import type { StatisticsFilter } from './generated/resolvers.js';

/** The statistics question a GraphQL filter asks: one mapping for `statistics` and `explainStatistics`. */
export function statisticsQueryOf(filter: StatisticsFilter, period: { from: string; to: string }, groupBy: StatisticsQuery['groupBy']): StatisticsQuery {
  const nonNull = <T>(value: T | null | undefined) => value ?? undefined;
  return {
    from: period.from,
    to: period.to,
    groupBy,
    jointOnly: filter.jointOnly ?? false,
    units: nonNull(filter.units),
    passKinds: nonNull(filter.passKinds),
    raidLocationTypes: nonNull(filter.raidLocationTypes),
    roles: nonNull(filter.roles),
    ageBands: nonNull(filter.ageBands),
    under18: nonNull(filter.under18),
    genders: nonNull(filter.genders),
    homeKommuner: nonNull(filter.homeKommuner),
  };
}
