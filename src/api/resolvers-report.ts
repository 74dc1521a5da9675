import { loadTertialReport } from '../reports/report-source.js';
import { toGraphQLError } from './errors.js';
import type { QueryResolvers } from './generated/resolvers.js';
import { SMALL_CELL_THRESHOLD } from '../reports/small-cells.js';

/** The styrgrupp's tertial report (who may ask: src/auth/access-policy.ts). */
export const reportQuery: QueryResolvers = {
  async tertialReport(_parent, args, context) {
    const report = await loadTertialReport(context, args.tertial, args.asOf ?? null, args.disclosure, SMALL_CELL_THRESHOLD);
    if ('code' in report) throw toGraphQLError(report);
    return { ...report, summary: { ...report.summary, disclosure: report.disclosure, asOf: report.asOf } };
  },
};
