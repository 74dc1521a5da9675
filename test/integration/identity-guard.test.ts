import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { recordCommands } from '../../src/application/record-commands.js';
import { parseCommand } from '../../src/domain/commands.js';
import { findIdentifyingText, normaliseForScreening, type IdentifyingKind } from '../../src/domain/identity-guard.js';
import { recordEncounter, recordPass } from '../support/commands.js';
import { useTempStore } from '../support/temp-store.js';

/**
 * Synthetic identity numbers only: the check digit is computed here, independently of the guard, for birth
 * dates in the series Skatteverket publishes for testing (born 1912-12-12 and 19xx test dates); never a real
 * person's number.
 */
function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (const [i, c] of [...nineDigits].entries()) {
    const d = Number(c) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return (10 - (sum % 10)) % 10;
}

/** `yyyymmdd` and a three-digit serial → the twelve digits YYYYMMDDNNNC with a valid check digit. */
function syntheticIdentityNumber(yyyymmdd: string, serial: string): string {
  return `${yyyymmdd}${serial}${luhnCheckDigit(`${yyyymmdd.slice(2)}${serial}`)}`;
}

const PNR12 = syntheticIdentityNumber('19121212', '121'); // Skatteverket's well-known test number 19121212-1212
const PNR_B = syntheticIdentityNumber('19800115', '998');
const SAMORDNING = syntheticIdentityNumber('19121272', '123'); // born the 12th: day 12 + 60
const wrongCheck = (n: string) => `${n.slice(0, -1)}${(Number(n.slice(-1)) + 1) % 10}`;

const forms = (twelve: string) => ({
  twelve,
  twelveDash: `${twelve.slice(0, 8)}-${twelve.slice(8)}`,
  ten: twelve.slice(2),
  tenDash: `${twelve.slice(2, 8)}-${twelve.slice(8)}`,
  tenPlus: `${twelve.slice(2, 8)}+${twelve.slice(8)}`,
});

describe('identity guard: findIdentifyingText', () => {
  it('computes the published test number 19121212-1212 (the helper itself is right)', () => {
    expect(PNR12).to.equal('191212121212');
  });

  const positives: Array<[string, IdentifyingKind]> = [
    ...Object.values(forms(PNR12)).map((n): [string, IdentifyingKind] => [`Kvinna med pnr ${n} påträffad`, 'personnummer']),
    ...Object.values(forms(PNR_B)).map((n): [string, IdentifyingKind] => [n, 'personnummer']),
    ...Object.values(forms(SAMORDNING)).map((n): [string, IdentifyingKind] => [`samordningsnr ${n}`, 'samordningsnummer']),
    [`${PNR12.slice(2, 8)} ${PNR12.slice(8)}`, 'personnummer'],
    [`(${forms(PNR12).tenDash})`, 'personnummer'],
    ['ring 070-123 45 67', 'phone number'],
    ['0701234567', 'phone number'],
    ['073 123 45 67', 'phone number'],
    ['+46 70 123 45 67', 'phone number'],
    ['+46701234567', 'phone number'],
    ['0046 8 123 456 78', 'phone number'],
    ['08-123 456 78', 'phone number'],
    ['tel 08-12 34 56', 'phone number'],
    ['031-12 34 56', 'phone number'],
    ['+46 (0)8 123 456 78', 'phone number'],
    ['(08) 123 45 67', 'phone number'],
    ['08/123 45 67', 'phone number'],
    ['anna.svensson@example.se', 'e-mail address'],
    ['kontakt: nn+test@mail.example.com', 'e-mail address'],
    ['Drottninggatan 12', 'street address'],
    ['Sveavägen 44B', 'street address'],
    ['sveavägen 44 b, lgh 1102', 'street address'],
    ['Odenplan 5', 'street address'],
    ['Mariatorget 1', 'street address'],
    ['Mälarringen 3', 'street address'],
    ['Medborgarplatsen 3', 'street address'],
    ['Högbergsgatan 3A', 'street address'],
    ['Brunnsgränd 7', 'street address'],
    ['Karlavägen 100', 'street address'],
    ['Sergels torg 12', 'street address'],
    ['Drottningg. 12', 'street address'],
    ['Sveav. 44', 'street address'],
    ['Tulegatan12', 'street address'],
    ['lägenhet på Ringvägen 12-14', 'street address'],
    ['113 45 Stockholm', 'street address'],
    ['11345 Stockholm', 'street address'],
  ];
  for (const [text, kind] of positives) {
    it(`finds a ${kind} in «${text.replace(/\d/g, '#')}»`, () => {
      expect(findIdentifyingText(text)).to.equal(kind);
    });
  }

  const nearMisses = [
    'City',
    'Norrmalm',
    'Södermalm, hotell vid Arlanda',
    'Upplands Väsby',
    'Södertälje och Huddinge',
    'Mikamottagningen, KAST och Ungdomsjouren',
    'Registrerad två gånger',
    'Passet registrerades två gånger',
    '2022-05-12',
    'pass 2022-05-12 kl 22:30–02:00',
    'kl. 22.30',
    'kl 02.30-04.00',
    '02:30–04:00',
    '0180/0181',
    '20220512',
    '2022-T2',
    'Tertial 2022-T2 och 2022-T3',
    '3 personer',
    'Sveavägen 3 personer',
    'Drottninggatan, 12 personer påträffade',
    'Sveavägen 2 tillslag',
    'Sveavägen kl 22.30',
    'Sveavägen 2022-05-12',
    'Sveavägen',
    'Sveavägen/Odengatan',
    'plan 3',
    'Centralstationen plan 2',
    'våningsplan 2, entréplan 1',
    'Våningsplan 2',
    'enligt handlingsplan 2',
    'parkeringsplats 3',
    'andra omgången 2 veckor senare',
    'Odenplan',
    'Lördag. 12 ungdomar påträffade',
    'Tisdag. 2 pass',
    'Gatan',
    'Kommuner 0180 0181 0182',
    '0180, 0114 och 0980',
    'ärende 1234',
    'ref 123456',
    'fel datum, ska vara 08-05-2022',
    '100 annonser genomgångna',
    'e-post saknas',
    '@polisen',
    'tre köpare, två utsatta',
    wrongCheck(PNR12),
    forms(wrongCheck(PNR12)).tenDash,
    wrongCheck(SAMORDNING),
    '19121312-1212', // month 13
    '19120232-1216', // 32 February
    '191212121212345', // a longer number, not an identity number
    '0',
  ];
  for (const text of nearMisses) {
    it(`lets ordinary text through: «${text.replace(/\d/g, '#')}»`, () => {
      expect(findIdentifyingText(text)).to.equal(undefined);
    });
  }
});

/** `text` with every ASCII digit written in the digits of the script whose zero is `zero`. */
const inDigitsFrom = (zero: number, text: string) => text.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));

describe('identity guard: what hides a number, an address or an e-mail does not hide it', () => {
  const twelve = PNR12;
  const ten = PNR12.slice(2);
  const hidden: Array<[string, string, IdentifyingKind]> = [
    ['an en dash', `${twelve.slice(0, 8)}\u2013${twelve.slice(8)}`, 'personnummer'],
    ['a minus sign', `${ten.slice(0, 6)}\u2212${ten.slice(6)}`, 'personnummer'],
    ['" - "', `${ten.slice(0, 6)} - ${ten.slice(6)}`, 'personnummer'],
    ['a dot', `${ten.slice(0, 6)}.${ten.slice(6)}`, 'personnummer'],
    ['a zero-width space', `${twelve.slice(0, 4)}\u200B${twelve.slice(4, 8)}-${twelve.slice(8)}`, 'personnummer'],
    ['a zero-width space as the separator', `${ten.slice(0, 6)}\u200B${ten.slice(6)}`, 'personnummer'],
    ['a soft hyphen', `${twelve.slice(0, 8)}\u00AD${twelve.slice(8)}`, 'personnummer'],
    ['a word joiner and a BOM', `${ten.slice(0, 3)}\u2060${ten.slice(3, 6)}\uFEFF-${ten.slice(6)}`, 'personnummer'],
    ['full-width digits', inDigitsFrom(0xff10, `${twelve.slice(0, 8)}-${twelve.slice(8)}`), 'personnummer'],
    ['full-width digits and a full-width hyphen', inDigitsFrom(0xff10, `${ten.slice(0, 6)}\uFF0D${ten.slice(6)}`), 'personnummer'],
    ['Arabic-Indic digits', inDigitsFrom(0x0660, ten), 'personnummer'],
    ['Devanagari digits', inDigitsFrom(0x0966, twelve), 'personnummer'],
    ['dots in a phone number', '070.123.45.67', 'phone number'],
    ['a country code without its plus', '46701234567', 'phone number'],
    ['a spaced country code without its plus', '46 70 123 45 67', 'phone number'],
    ['a zero-width space in a phone number', '070\u200B-123 45 67', 'phone number'],
    ['full-width digits in a phone number', inDigitsFrom(0xff10, '0701234567'), 'phone number'],
    ['a full-width @', 'anna\uFF20example.se', 'e-mail address'],
    ['"(at)"', 'anna (at) example.se', 'e-mail address'],
    ['"[at]"', 'anna[at]example.se', 'e-mail address'],
    ['"(at)" and "(dot)"', 'anna(at)example(dot)se', 'e-mail address'],
    ['"nr" before the house number', 'Drottninggatan nr 12', 'street address'],
    ['"nr." before the house number', 'Sveavägen nr. 44', 'street address'],
    ['the street word written apart', 'drottning gatan 12', 'street address'],
    ['a zero-width space in the street name', 'Drottning\u200Bgatan 12', 'street address'],
    ['a soft hyphen in the street name', 'Drottning\u00ADgatan 12', 'street address'],
  ];
  for (const [how, text, kind] of hidden) {
    it(`finds a ${kind} written with ${how}`, () => {
      expect(findIdentifyingText(text)).to.equal(kind);
    });
  }

  const stillOrdinary = [
    'kl 22.30\u201302.00',
    '01.05.2022',
    '2022.05.12',
    '0180.0181',
    'ute på gatan 3 timmar',
    'möte (at) polisen',
    '46 personer',
    'Södermalm\u200B',
    'Sveavägen \u2013 3 personer',
  ];
  for (const text of stillOrdinary) {
    it(`still lets ordinary text through: «${text.replace(/\d/g, '#')}»`, () => {
      expect(findIdentifyingText(text)).to.equal(undefined);
    });
  }

  it('reads text as NFKC without format characters, with ASCII dashes and digits', () => {
    expect(normaliseForScreening('\uFF11\u200B\u00AD2\u20133\u0663')).to.equal('12-33');
  });
});

/**
 * Hostile text built to make a backtracking pattern re-read a long run from every position: the runs
 * each pattern starts on (letters, digits, dots, spaces, street words, @), a megabyte each.
 */
const MEGABYTE = 1_000_000;
const fill = (unit: string, head = '', tail = '') => {
  const body = MEGABYTE - head.length - tail.length;
  return head + unit.repeat(Math.ceil(body / unit.length)).slice(0, body) + tail;
};
const ADVERSARIAL: Record<string, string> = {
  'identity number: a run of digits': fill('1'),
  'identity number: dates and spaces': fill('19121212 '),
  'phone: digit groups': fill('070 1'),
  'phone: country codes': fill('+46 7'),
  'phone: zeros and dashes': fill('0-'),
  'phone: dotted groups': fill('01.1'),
  'e-mail: a run of letters': fill('a'),
  'e-mail: a local part of dots': fill('a.'),
  'e-mail: a run of @': fill('a@'),
  'e-mail: a domain without a top-level name': fill('b.', 'a@'),
  'e-mail: spaced @': fill('a @ '),
  'e-mail: bracketed at, unclosed': fill('( at '),
  'street: a street word and then spaces': fill(' ', 'Drottninggatan'),
  'street: street endings run together': fill('gatan'),
  'street: "nr" after street words': fill('gatan nr '),
  'street: capitals': fill('A'),
  'street: one capitalised word': fill('a', 'A'),
  'street: weak endings run together': fill('Aplan'),
  'street: short words': fill('aaa '),
  'street: a word and then spaces': fill(' ', 'aaa'),
  'street: capitalised short words': fill('Aa '),
  'street: abbreviations': fill('aag.'),
  'postal code: then spaces': fill(' ', '123 45'),
  'everything at once': fill('Sveavägen 2022-05-12 070 anna@ '),
  // Text outside Latin-1 is read in two bytes a character and normalised first: slower per character, still linear.
  'non-Latin letters that NFKC doubles, then a street': fill('\u01C5', '', ' gatan 1'),
  'Devanagari digits': fill('\u096F'),
  'Cyrillic words and a digit': fill('Жж ', '', '1'),
  'full-width digits and dashes': fill('\uFF10\u2013'),
  'zero-width spaces between digits': fill('1\u200B'),
};

describe('identity guard: linear time on hostile text', () => {
  for (const [what, text] of Object.entries(ADVERSARIAL)) {
    // The one time bound the suite allows: a catastrophic backtrack takes minutes, a linear scan milliseconds
    // (25–420 ms here on a quiet machine). Five seconds leaves room for a machine shared with other jobs.
    it(`answers within five seconds on a megabyte of ${what}`, function () {
      this.timeout(20_000);
      const started = performance.now();
      findIdentifyingText(text);
      expect(performance.now() - started).to.be.below(5000);
    });
  }
});

describe('identity guard in the commands', () => {
  const passId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
  const commandId = '16fd2706-8baf-433b-82eb-8c7fada847da';
  const encounterId = 'a3bb189e-8bf9-4888-9912-ace4e6543002';
  const cases: Array<[Record<string, unknown>, string, RegExp, string]> = [
    [{ type: 'RecordPass', commandId, passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS'], area: `Hotell, ${forms(PNR12).tenDash}` }, 'area', /contains a personal identity number/, forms(PNR12).tenDash],
    [{ type: 'CorrectPass', commandId, passId, area: `nära ${forms(SAMORDNING).twelve}` }, 'area', /contains a coordination number/, forms(SAMORDNING).twelve],
    [{ type: 'RetractPass', commandId, passId, reason: 'fel, ring 070-123 45 67' }, 'reason', /contains a phone number/, '070-123 45 67'],
    [{ type: 'RetractEncounter', commandId, passId, encounterId, reason: 'dubblett, se anna@example.se' }, 'reason', /contains an e-mail address/, 'anna@example.se'],
    [{ type: 'RecordPass', commandId, passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS'], area: 'Drottninggatan 12' }, 'area', /contains a street address/, 'Drottninggatan 12'],
  ];
  for (const [input, field, rule, secret] of cases) {
    it(`refuses ${input.type as string} whose ${field} ${rule.source}, naming the field and never the value`, () => {
      const parsed = parseCommand(input);
      expect(parsed.ok).to.equal(false);
      if (parsed.ok) return;
      expect(parsed.errors).to.have.length(1);
      const [error] = parsed.errors;
      expect(error).to.deep.include({ code: 'BAD_USER_INPUT', field });
      expect(error?.rule).to.match(rule);
      const said = JSON.stringify(parsed.errors);
      expect(said).not.to.include(secret);
      for (const digits of secret.match(/\d{4,}/g) ?? []) expect(said).not.to.include(digits);
    });
  }

  it('accepts ordinary areas and reasons', () => {
    expect(parseCommand({ type: 'RecordPass', commandId, passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS'], area: 'Sveavägen, 3 personer' }).ok).to.equal(true);
    expect(parseCommand({ type: 'RetractPass', commandId, passId, reason: 'Registrerad två gånger 2022-05-12' }).ok).to.equal(true);
  });

  describe('through recordCommands on a real SQLite log', () => {
    const fixture = useTempStore();
    const context = () => ({ actor: { userId: 'u-1', org: 'KAST', role: 'field' }, correlationId: randomUUID(), now: new Date() });

    it('refuses a pass whose area holds a personal identity number, and appends nothing of the batch', async () => {
      const good = recordPass();
      const bad = recordPass({ area: `Lägenhet, ${forms(PNR12).twelveDash}` });
      const result = await recordCommands(fixture.store, [good, recordEncounter(good.passId), bad], context());
      expect(result.ok).to.equal(false);
      if (result.ok) return;
      expect(result.failures).to.have.length(1);
      expect(result.failures[0]?.index).to.equal(2);
      expect(result.failures[0]?.errors).to.deep.equal([
        { code: 'BAD_USER_INPUT', field: 'area', rule: 'contains a personal identity number (personnummer); no personal data may be recorded' },
      ]);
      expect(JSON.stringify(result)).not.to.include(PNR12.slice(2, 8));
      expect(await fixture.store.headPosition()).to.equal(0);
    });
  });
});
