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
 * Text as the guard reads it: NFKC (full-width digits and @ become ASCII), format characters (zero-width
 * spaces, soft hyphens, bidi controls) removed, every Unicode dash and minus a `-`, every decimal digit
 * of any script its ASCII digit, and "(at)" / "[at]" an @. Whoever hides a number or an address behind
 * these is read as if they had not. Linear: one pass per step, no backtracking.
 */
export function normaliseForScreening(text: string): string {
  // ASCII text has nothing to normalise but "(at)"; the ASCII dash and digits are left where they are.
  const unicode = /[^\u0000-\u007F]/.test(text)
    ? text
        .normalize('NFKC')
        .replace(/\p{Cf}/gu, '')
        .replace(/(?!-)\p{Pd}|[\u2212\uFE63\uFF0D]/gu, '-')
        .replace(/(?![0-9])\p{Nd}/gu, asciiDigit)
    : text;
  return unicode
    .replace(/[([{<]\s{0,3}(?:at|snabel-?a)\s{0,3}[)\]}>]/giu, '@')
    .replace(/[([{<]\s{0,3}(?:dot|punkt)\s{0,3}[)\]}>]/giu, '.');
}

const DIGIT_VALUES = new Map<string, string>();

/** A decimal digit of any script: Unicode lays each script's digits out as a run starting at zero. */
function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0) as number;
  if (code >= 48 && code <= 57) return digit;
  let value = DIGIT_VALUES.get(digit);
  if (value === undefined) {
    let zero = code;
    // At most the 50 mathematical digits in a row (NFKC has already made those ASCII).
    while (zero > code - 60 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero -= 1;
    value = String((code - zero) % 10);
    DIGIT_VALUES.set(digit, value);
  }
  return value;
}

/**
 * YYMMDD or YYYYMMDD, a separator (`-`, `+` for the over-100s, a dot or a space, a dash with spaces
 * round it) or none, NNNC. Digits on either side mean a longer number, not an identity number.
 */
const IDENTITY_NUMBER = /(?<!\d)((?:18|19|20)\d{2}|\d{2})(\d{2})(\d{2})(?: ?[-+] ?|[. ])?(\d{3})(\d)(?!\d)/g;

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
 * Swedish numbers: a trunk 0 (or +46 / 0046, or 46 written without its plus), an area code or mobile
 * prefix that does not start with 0, then the subscriber number in groups split by spaces, dashes, a
 * slash or brackets round the area code: 7–9 digits after the prefix in all. Every quantifier is
 * bounded, so each position costs a constant.
 */
const PHONE_NUMBER = /(?<![\d+])(?:\+46|0046|46(?=[\s-]?[1-9])|0)[\s-]?(?:\(0\)[\s-]?)?[1-9](?:[\s\-/()]{0,2}\d){6,8}(?!\d)/g;
/**
 * Dots split a phone number too (070.123.45.67), but also a time (02.30–04.00) or a date (01.05.2022):
 * a dotted number counts only with 9 or 10 digits in all, the size of a Swedish number with its trunk 0.
 */
const DOTTED_PHONE_NUMBER = /(?<![\d.])0[1-9]\d{0,3}(?:\.\d{2,4}){1,4}(?![\d]|\.\d)/g;

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
  for (const m of text.matchAll(DOTTED_PHONE_NUMBER)) {
    const digits = m[0].replace(/\./g, '').length;
    if (digits >= 9 && digits <= 10) return true;
  }
  return false;
}

/**
 * A local part, an @ (a space either side allowed, as "(at)" leaves them), a domain with a dot and a
 * top-level name. Found from the @ (looking back at the local part, which must start where a run of
 * its characters starts), every part bounded by what mail allows (64 the local part, 63 a label).
 */
const EMAIL_ADDRESS = /@(?<=(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64} ?@) ?[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,63}/u;

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
/** Street words written as a word of their own after the name: "Sergels torg", "drottning gatan". */
const STREET_WORDS = ['gata', 'gatan', 'väg', 'vägen', 'torg', 'torget', 'gränd', 'gränden', 'allé', 'allén', 'backe', 'backen'].join('|');
/** Words before a lone street word that make it the street one is on, not a name: "på gatan 3". */
const NOT_A_STREET_NAME = ['på', 'vid', 'längs', 'över', 'från', 'mot', 'till', 'och', 'av', 'om', 'efter', 'utmed', 'ute', 'uppe', 'nere', 'inne', 'samma', 'andra', 'den', 'denna', 'hela', 'en', 'ena', 'varje', 'per'].join('|');

/** Words that make a following number a count or a floor, not a house number: "Sveavägen 3 personer". */
const NOT_A_HOUSE_NUMBER = [
  'personer', 'person', 'pers', 'st', 'stycken', 'män', 'kvinnor', 'flickor', 'pojkar', 'barn', 'ungdomar', 'unga',
  'vuxna', 'minderåriga', 'köpare', 'sexköpare', 'utsatta', 'tillslag', 'pass', 'gånger', 'lägenheter', 'hotell',
  'rum', 'timmar', 'tim', 'min', 'minuter', 'bilar', 'annonser',
].join('|');

/** The house number after a street name, "nr 12" included; every part bounded. */
const HOUSE_NUMBER = `\\s{0,3}(?:[Nn](?:r|o|ummer)\\.?\\s?)?(\\d{1,3})(?:\\s?[A-Za-z](?!\\p{L}))?(?!\\d)(?!\\s{0,3}(?:${NOT_A_HOUSE_NUMBER})(?!\\p{L}))(?![.:,]\\d|-\\d{2}-\\d{2}|-[Tt][1-3])`;

/**
 * Each pattern starts with its street word or mark (a literal the engine finds fast) and looks back
 * at the name before it; every repetition is bounded (a street name of 40 letters is long). So a
 * position costs a constant and no run is re-read from each of its positions: linear in the text's
 * length. `lower` patterns read the text in lower case (case-insensitive matching is slower).
 */
const STREET_ADDRESS: ReadonlyArray<{ readonly pattern: RegExp; readonly lower?: true }> = [
  // Drottninggatan 12, Sveavägen 44B, Mariatorget 1: a street ending after at least two letters
  { pattern: new RegExp(`(?:${STREET_ENDINGS})(?<=\\p{L}{2}(?:${STREET_ENDINGS}))(?!\\p{L})${HOUSE_NUMBER}`, 'u'), lower: true },
  // Odenplan 5, Mälarringen 3; not a floor ("Våningsplan 2") or a plan of work
  {
    pattern: new RegExp(
      `(?:${WEAK_STREET_ENDINGS})(?<=(?<!\\p{L})\\p{Lu}\\p{Ll}{1,40}(?<!ånings|åning|ntré|otten|ällar|ellan|andlings|rbets|arkerings)(?:${WEAK_STREET_ENDINGS}))(?!\\p{L})${HOUSE_NUMBER}`,
      'u',
    ),
  },
  // Sergels torg 12, Stora gatan 3: a name, then the street word on its own, then the number ("plan 2" on
  // its own is a floor)
  { pattern: new RegExp(`(?:${STREET_WORDS})(?<=(?<!\\p{L})\\p{Lu}\\p{L}{1,40}\\s{1,3}(?:${STREET_WORDS}))${HOUSE_NUMBER}`, 'u') },
  // drottning gatan 12: the same in lower case, where the word before is a name, not "på" or "vid"
  {
    pattern: new RegExp(`(?:${STREET_WORDS})(?<=(?<!\\p{L})(?!(?:${NOT_A_STREET_NAME})\\s)\\p{L}{3,40}\\s{1,3}(?:${STREET_WORDS}))${HOUSE_NUMBER}`, 'u'),
    lower: true,
  },
  // Abbreviated: Drottningg. 12, Sveav. 44 (not a weekday: "tisdag. 3")
  { pattern: new RegExp(`[gv]\\.(?<=\\p{L}{3}(?:(?<!da)g|v)\\.)${HOUSE_NUMBER}`, 'u'), lower: true },
  // A postal code and its post town: 113 45 Stockholm
  { pattern: /(?<![\d-])\d{3} ?\d{2}\s{1,3}\p{Lu}\p{Ll}{2}/u },
];

/** The first kind of identifying text found in `text`, or undefined when it reads as ordinary text. */
export function findIdentifyingText(text: string): IdentifyingKind | undefined {
  const screened = normaliseForScreening(text);
  // Each kind needs one character to be there at all: most text has neither, and is read once.
  const digits = /\d/.test(screened);
  const identity = digits ? identityNumberIn(screened) : undefined;
  if (identity) return identity;
  if (screened.includes('@') && EMAIL_ADDRESS.test(screened)) return 'e-mail address';
  if (!digits) return undefined;
  if (phoneNumberIn(screened)) return 'phone number';
  const lower = screened.toLowerCase();
  if (STREET_ADDRESS.some(({ pattern, lower: inLowerCase }) => pattern.test(inLowerCase ? lower : screened))) return 'street address';
  return undefined;
}
