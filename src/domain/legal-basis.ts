import { readFileSync } from 'node:fs';

/**
 * Legal provisions as reference data (reference/legal-basis.csv), never as code: when a law
 * changes, as the Social Services Act did on 2025-07-01, a row is added and nothing is rebuilt.
 */
interface LegalBasis {
  readonly key: string;
  readonly validFrom: string;
  readonly validTo: string | undefined;
  readonly provision: string;
  readonly summary: string;
  readonly confirmed: boolean;
}

function parse(csv: string): LegalBasis[] {
  const [, ...rows] = csv.trim().split('\n');
  return rows.map((row) => {
    const [key, validFrom, validTo, provision, summary, , confirmed] = row.split(',');
    return { key: key as string, validFrom: validFrom as string, validTo: validTo || undefined, provision: provision as string, summary: summary as string, confirmed: (confirmed ?? '').startsWith('yes') };
  });
}

const LEGAL_BASES: readonly LegalBasis[] = parse(readFileSync(new URL('../../reference/legal-basis.csv', import.meta.url), 'utf8'));

/** The provision behind `key` on a date (YYYY-MM-DD), if the reference data has one. */
export function legalBasisOn(key: string, date: string): LegalBasis | undefined {
  return LEGAL_BASES.find((basis) => basis.key === key && basis.validFrom <= date && (basis.validTo === undefined || date <= basis.validTo));
}
