import { passPage } from '../projections/pass-pages.js';
import { dateNumber, KIND, unitBits, type PassRegister } from '../projections/pass-register-rows.js';
import { passView, type PassView } from '../projections/pass-views.js';
import { domainError, type DomainError } from '../src/domain/errors.js';
import type { PassKind, Unit } from '../src/domain/vocabulary.js';

/** What a list of passes asks: the filter, the caller's own unit, and where the page starts. */
export interface PassListQuery {
  /** The period the passes' dates fall in; every date when none is given. */
  readonly period?: { readonly from: string; readonly to: string };
  readonly kind?: PassKind;
  /** Passes with any of these units; any units when empty. */
  readonly units: readonly Unit[];
  /** A field user sees the passes their own unit took part in, whatever the filter asks. */
  readonly ownUnit: Unit;
  readonly includeRetracted: boolean;
  /** The cursor of the last pass of the previous page. */
  readonly after?: string;
  readonly first: number;
}

export interface PassList {
  readonly edges: Array<{ readonly cursor: string; readonly node: PassView }>;
  readonly totalCount: number;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  /** The passes listed, for the read audit. */
  readonly passIds: string[];
}

export const MAX_PAGE = 100;

/** Opaque page cursors: the sort key (date, id) of the last pass on the page. */
export const cursorOf = (date: number, id: string): string => Buffer.from(JSON.stringify([date, id])).toString('base64url');

/** The sort key a cursor holds, or the refusal of one no page gave out. */
export function afterCursor(cursor: string): readonly [number, string] | DomainError {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // fall through to the refusal below
  }
  return domainError('BAD_USER_INPUT', 'after', 'must be a cursor from a previous page');
}

/** The refusal of a page size out of range, or undefined. */
export function pageSizeError(first: number): DomainError | undefined {
  return Number.isInteger(first) && first >= 1 && first <= MAX_PAGE ? undefined : domainError('BAD_USER_INPUT', 'first', `must be a whole number from 1 to ${MAX_PAGE}`);
}

/** One page of the passes a caller may list, newest first, with the cursor of each. */
export function passList(register: PassRegister, query: PassListQuery): PassList | DomainError {
  const tooMany = pageSizeError(query.first);
  if (tooMany) return tooMany;
  const after = query.after === undefined ? undefined : afterCursor(query.after);
  if (after && 'code' in after) return after;
  const period = query.period ?? { from: '0001-01-01', to: '9999-12-31' };
  const { rows, totalCount, hasNextPage } = passPage(register, {
    from: dateNumber(period.from),
    to: dateNumber(period.to),
    kind: query.kind === undefined ? -1 : (KIND.get(query.kind) as number),
    units: unitBits(query.units),
    own: unitBits([query.ownUnit]),
    includeRetracted: query.includeRetracted,
    ...(after ? { after } : {}),
    first: query.first,
  });
  const dates = register.passes.cols.date;
  const passIds = rows.map((row) => register.passIds[row] as string);
  const edges = rows.map((row, i) => ({ cursor: cursorOf(dates[row] as number, passIds[i] as string), node: passView(register, passIds[i] as string) as PassView }));
  return { edges, totalCount, pageInfo: { hasNextPage, endCursor: edges[edges.length - 1]?.cursor ?? null }, passIds };
}
