import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { recordCommands } from '../src/application/record-commands.js';
import { parseCommand } from '../src/domain/commands.js';
import { findIdentifyingText, type IdentifyingKind } from '../src/domain/identity-guard.js';
import { recordEncounter, recordPass } from './support/commands.js';
import { useTempStore } from './support/temp-store.js';

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
