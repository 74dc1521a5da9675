import { firstByDate, passesByDate } from './pass-views.js';
import type { PassRegister } from './pass-register-rows.js';

/** Which passes a page lists: dates as yyyymmdd numbers, units and `own` as unit bits. */
export interface PassPageQuery {
  readonly from: number;
  readonly to: number;
  /** Index in PASS_KINDS, or -1 for any kind. */
  readonly kind: number;
  /** Passes with any of these units; 0 for any. */
  readonly units: number;
  /** The caller's own unit: only passes it took part in are listed or counted. */
  readonly own: number;
  readonly includeRetracted: boolean;
  /** The (date, id) of the last pass of the previous page. */
  readonly after?: readonly [date: number, id: string];
  readonly first: number;
}

interface PassPage {
  /** Pass rows, newest pass date first, the id breaking ties (so every cursor is stable). */
  readonly rows: number[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
}

/**
 * One page of passes, read from the passes in date order: the page's rows are found by walking back
 * from the newest date of the period (or the cursor's), so the work is the page and the passes of its
 * dates, not the register; the total is a count over the period's columns, with no views built.
 */
export function passPage(register: PassRegister, query: PassPageQuery): PassPage {
  const c = register.passes.cols;
  const ids = register.passIds;
  const order = passesByDate(register);
  const start = firstByDate(register, order, query.from);
  const end = firstByDate(register, order, query.to + 1);
  const matches = (row: number): boolean =>
    (!c.retracted[row] || query.includeRetracted) &&
    (query.kind < 0 || c.kind[row] === query.kind) &&
    (query.units === 0 || ((c.units[row] as number) & query.units) !== 0) &&
    ((c.units[row] as number) & query.own) !== 0;

  let totalCount = 0;
  for (let i = start; i < end; i += 1) if (matches(order[i] as number)) totalCount += 1;

  // From the newest date down to the cursor's date: one date at a time, its passes in id order.
  const after = query.after;
  let i = after ? Math.min(end, firstByDate(register, order, after[0] + 1)) : end;
  const rows: number[] = [];
  let hasNextPage = false;
  while (i > start && !hasNextPage) {
    const date = c.date[order[i - 1] as number] as number;
    const sameDate: number[] = [];
    while (i > start && c.date[order[i - 1] as number] === date) {
      const row = order[i - 1] as number;
      if (matches(row) && !(after && date === after[0] && (ids[row] as string) <= after[1])) sameDate.push(row);
      i -= 1;
    }
    sameDate.sort((a, b) => ((ids[a] as string) < (ids[b] as string) ? -1 : 1));
    for (const row of sameDate) {
      if (rows.length === query.first) {
        hasNextPage = true;
        break;
      }
      rows.push(row);
    }
  }
  return { rows, totalCount, hasNextPage };
}
