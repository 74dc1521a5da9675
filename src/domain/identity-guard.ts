/**
 * The identity guard: free text that would put a person in the log is refused before anything is appended.
 * Pure and conservative: a match names only the kind found, never where or what, so that nothing that
 * reports a refusal can leak the value.
 */

export const IDENTIFYING_KINDS = ['personnummer', 'samordningsnummer', 'phone number', 'e-mail address', 'street address'] as const;
export type IdentifyingKind = (typeof IDENTIFYING_KINDS)[number];

/** The rule a refused field breaks, as the caller reads it (never with the value). */
export const IDENTIFYING_RULES: { readonly [K in IdentifyingKind]: string } = {
  personnummer: 'contains a personal identity number (personnummer); no personal data may be recorded',
  samordningsnummer: 'contains a coordination number (samordningsnummer); no personal data may be recorded',
  'phone number': 'contains a phone number; no personal data may be recorded',
  'e-mail address': 'contains an e-mail address; no personal data may be recorded',
  'street address': 'contains a street address; no personal data may be recorded',
};

/** Luhn (mod 10) over the ten digits YYMMDDNNNC: true when C is the right check digit. */
function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i += 1) {
    let d = tenDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * YYMMDD or YYYYMMDD, a separator (`-`, `+` for the over-100s, or a space) or none, NNNC.
 * Digits on either side mean a longer number, not an identity number.
 */
const IDENTITY_NUMBER = /(?<!\d)((?:18|19|20)\d{2}|\d{2})(\d{2})(\d{2})[-+ ]?(\d{3})(\d)(?!\d)/g;

function identityNumberIn(text: string): 'personnummer' | 'samordningsnummer' | undefined {
  for (const m of text.matchAll(IDENTITY_NUMBER)) {
    const [, year, mm, dd, serial, check] = m as unknown as [string, string, string, string, string, string];
    const month = Number(mm);
    const rawDay = Number(dd);
    // A coordination number is the birth day plus 60.
    const coordination = rawDay > 60;
    const day = coordination ? rawDay - 60 : rawDay;
    if (month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] as number)) continue;
    if (!luhnValid(`${year.slice(-2)}${mm}${dd}${serial}${check}`)) continue;
    return coordination ? 'samordningsnummer' : 'personnummer';
  }
  return undefined;
}

/**
 * Swedish numbers: a trunk 0 (or +46 / 0046), an area code or mobile prefix that does not start with 0,
 * then the subscriber number in groups split by spaces, dashes, a slash or brackets round the area code:
 * 7–9 digits after the prefix in all. Not dots or colons, which are how times are written (02.30–04.00).
 */
const PHONE_NUMBER = /(?<![\d+])(?:\+46|0046|0)[\s-]?(?:\(0\)[\s-]?)?[1-9](?:[\s\-/()]{0,2}\d){6,8}(?!\d)/g;

function phoneNumberIn(text: string): boolean {
  for (const m of text.matchAll(PHONE_NUMBER)) {
    const candidate = m[0];
    const groups = candidate.split(/[\s\-/()]+/);
    // Lists of four-digit kommun codes or years ("0180 0181") are grouped like no phone number is.
    if (groups.length > 1 && groups.every((g) => g.length === 4)) continue;
    // A date written day-month-year ("08-05-2022").
    if (/^0\d-\d{2}-(?:19|20)\d{2}$/.test(candidate)) continue;
    return true;
  }
  return false;
}

const EMAIL_ADDRESS = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;

/**
 * The endings of Swedish street names, as the last part of one word: Drottninggatan, Mariatorget. These are
 * street words in any case; words with the weak endings are also ordinary nouns (handlingsplan, omgången,
 * parkeringsplats) and count only as a capitalised name (Odenplan, Mälarringen).
 */
const STREET_ENDINGS = [
  'gatan', 'gata', 'vägen', 'väg', 'gränd', 'gränden', 'torget', 'torg', 'backen', 'backe', 'allén', 'allé', 'alle',
  'stigen', 'platsen', 'kajen', 'stråket', 'promenaden', 'esplanaden', 'slingan', 'terrassen',
].join('|');
const WEAK_STREET_ENDINGS = ['plan', 'ringen', 'liden', 'kroken', 'branten', 'längan', 'leden', 'gången', 'plats'].join('|');

/** Words that make a following number a count or a floor, not a house number: "Sveavägen 3 personer". */
const NOT_A_HOUSE_NUMBER = [
  'personer', 'person', 'pers', 'st', 'stycken', 'män', 'kvinnor', 'flickor', 'pojkar', 'barn', 'ungdomar', 'unga',
  'vuxna', 'minderåriga', 'köpare', 'sexköpare', 'utsatta', 'tillslag', 'pass', 'gånger', 'lägenheter', 'hotell',
  'rum', 'timmar', 'tim', 'min', 'minuter', 'bilar', 'annonser',
].join('|');

const HOUSE_NUMBER = `\\s*(\\d{1,3})(?:\\s?[A-Za-z](?!\\p{L}))?(?!\\d)(?!\\s*(?:${NOT_A_HOUSE_NUMBER})(?!\\p{L}))(?![.:,]\\d|-\\d{2}-\\d{2}|-T[1-3])`;

const STREET_ADDRESS = [
  // Drottninggatan 12, Sveavägen 44B, Mariatorget 1
  new RegExp(`\\p{L}{2,}(?:${STREET_ENDINGS})(?!\\p{L})${HOUSE_NUMBER}`, 'iu'),
  // Odenplan 5, Mälarringen 3; not a floor ("Våningsplan 2") or a plan of work
  new RegExp(`(?<!\\p{L})\\p{Lu}\\p{Ll}+(?<!ånings|åning|ntré|otten|ällar|ellan|andlings|rbets|arkerings)(?:${WEAK_STREET_ENDINGS})(?!\\p{L})${HOUSE_NUMBER}`, 'u'),
  // Sergels torg 12, Stora gatan 3: a name, then the street word on its own, then the number ("plan 2" on
  // its own is a floor)
  new RegExp(`\\p{Lu}\\p{L}+\\s+(?:gata|gatan|väg|vägen|torg|gränd|allé|backe)${HOUSE_NUMBER}`, 'u'),
  // Abbreviated: Drottningg. 12, Sveav. 44 (not a weekday: "tisdag. 3")
  new RegExp(`\\p{L}{3,}(?:(?<!da)g|v)\\.${HOUSE_NUMBER}`, 'iu'),
  // A postal code and its post town: 113 45 Stockholm
  /(?<![\d-])\d{3} ?\d{2}\s+\p{Lu}\p{Ll}{2,}/u,
];

/** The first kind of identifying text found in `text`, or undefined when it reads as ordinary text. */
export function findIdentifyingText(text: string): IdentifyingKind | undefined {
  const identity = identityNumberIn(text);
  if (identity) return identity;
  if (EMAIL_ADDRESS.test(text)) return 'e-mail address';
  if (phoneNumberIn(text)) return 'phone number';
  if (STREET_ADDRESS.some((pattern) => pattern.test(text))) return 'street address';
  return undefined;
}
