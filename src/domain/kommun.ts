import { readFileSync } from 'node:fs';

/**
 * Sweden's 290 kommuner with their SCB codes, shipped as reference data in reference/.
 * A home kommun is one of these codes, or ABROAD, or UNKNOWN.
 */
export interface Kommun {
  readonly code: string;
  readonly name: string;
  readonly lanCode: string;
  readonly lanName: string;
}

const HOME_KOMMUN_ABROAD = 'ABROAD';
export const HOME_KOMMUN_UNKNOWN = 'UNKNOWN';

function load(): ReadonlyMap<string, Kommun> {
  const text = readFileSync(new URL('../../reference/kommuner-sverige.csv', import.meta.url), 'utf8');
  const rows = text.trim().split(/\r?\n/).slice(1);
  const byCode = new Map<string, Kommun>();
  for (const row of rows) {
    const [code, name, lanCode, lanName] = row.split(',');
    if (!code || !name || !lanCode || !lanName) throw new Error(`reference/kommuner-sverige.csv: malformed row "${row}"`);
    byCode.set(code, { code, name, lanCode, lanName });
  }
  return byCode;
}

export const KOMMUNER: ReadonlyMap<string, Kommun> = load();

export function isKommunCode(code: string): boolean {
  return KOMMUNER.has(code);
}

export function isHomeKommun(value: string): boolean {
  return value === HOME_KOMMUN_ABROAD || value === HOME_KOMMUN_UNKNOWN || KOMMUNER.has(value);
}

/** Every possible home kommun value in a fixed order, so a projection can keep one as a small number. */
export const HOME_KOMMUN_VALUES: readonly string[] = [HOME_KOMMUN_UNKNOWN, HOME_KOMMUN_ABROAD, ...[...KOMMUNER.keys()].sort()];
