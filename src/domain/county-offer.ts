import { readFileSync } from 'node:fs';

/**
 * The county-wide offer (länsövergripande erbjudande, seed 004): Stockholms stad offers every other
 * kommun in Stockholms län, and Gotland (part of Polisregion Stockholm), the use of Mikamottagningen,
 * KAST and the regionkoordinatorer by agreement. Codes, names and SCB populations are reference data
 * (reference/county-offer-kommuner.csv); which kommun is connected when is a fact of the log.
 */

export const PROVIDER_KOMMUN = '0180';

export interface CountyKommun {
  readonly code: string;
  readonly name: string;
  /** True for the kommuner of Stockholms län (the county-wide population base); Gotland is not. */
  readonly inStockholmsLan: boolean;
  /** SCB population on 31 December of the year, by year; absent where the reference gives none. */
  readonly population: Readonly<Record<number, number>>;
}

function load(): readonly CountyKommun[] {
  const text = readFileSync(new URL('../../reference/county-offer-kommuner.csv', import.meta.url), 'utf8');
  const [head, ...rows] = text.trim().split(/\r?\n/);
  const columns = (head ?? '').split(',');
  const years = columns.flatMap((c, i) => {
    const match = /^population_(\d{4})_12_31$/.exec(c);
    return match ? [{ year: Number(match[1]), index: i }] : [];
  });
  return rows.map((row) => {
    const cells = row.split(',');
    const [code, name, county] = cells;
    if (!code || !name || !county) throw new Error(`reference/county-offer-kommuner.csv: malformed row "${row}"`);
    const population: Record<number, number> = {};
    for (const { year, index } of years) {
      const cell = cells[index];
      if (cell) population[year] = Number(cell);
    }
    return { code, name, inStockholmsLan: county === 'Stockholms län', population };
  });
}

/** Every kommun of Stockholms län and Gotland, in code order. */
export const COUNTY_KOMMUNER: readonly CountyKommun[] = load();
const BY_CODE = new Map(COUNTY_KOMMUNER.map((k) => [k.code, k]));

/** The kommuner the offer is made to: the county apart from the provider, plus Gotland (26). */
export const OFFER_KOMMUNER: readonly CountyKommun[] = COUNTY_KOMMUNER.filter((k) => k.code !== PROVIDER_KOMMUN);
const OFFER_CODES = new Set(OFFER_KOMMUNER.map((k) => k.code));

export function countyKommun(code: string): CountyKommun | undefined {
  return BY_CODE.get(code);
}

export function isInOfferArea(code: string): boolean {
  return OFFER_CODES.has(code);
}

/** The years with a population figure for every kommun of Stockholms län. */
export const POPULATION_YEARS: readonly number[] = [
  ...new Set(COUNTY_KOMMUNER.flatMap((k) => Object.keys(k.population).map(Number))),
].filter((year) => COUNTY_KOMMUNER.every((k) => !k.inStockholmsLan || k.population[year] !== undefined)).sort();

/**
 * A figure the log cannot derive (the log does not know which four kommuner joined between 2022 and
 * May 2024), so it is quoted with its source, never computed.
 */
export const QUOTED_CONNECTED_MAY_2024 = {
  text: '19 of 25 (May 2024)',
  source: 'Österåkers kommun, socialförvaltningen, tjänsteutlåtande 2024-05-21, SN 2024/0043 (seed 002)',
} as const;
