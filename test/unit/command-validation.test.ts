import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { COMMAND_FIELDS, FREE_TEXT_FIELDS, parseCommand } from '../../src/domain/commands.js';
import { FREE_TEXT_FIELDS as SEALED_FIELDS } from '../../src/application/free-text.js';

/**
 * Hostile input at the schema: every text field screened (the list read off the schemas), lengths
 * checked before anything reads a text, and the values no client should send refused by name.
 */

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const passId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const pass = (over: Record<string, unknown> = {}) => ({ type: 'RecordPass', commandId: randomUUID(), passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'], ...over });

/** The one error of a refused command, as field and rule. */
function refusal(input: Record<string, unknown>): { field: string; rule: string } {
  const parsed = parseCommand(input);
  expect(parsed.ok, 'the command is refused').to.equal(false);
  if (parsed.ok) throw new Error('unreachable');
  expect(parsed.errors, JSON.stringify(parsed.errors)).to.have.length(1);
  const [error] = parsed.errors;
  return { field: error?.field as string, rule: error?.rule as string };
}

describe('command validation: every text field of every command is screened', () => {
  // Identifying text written so that a field which takes anything lets it in.
  const IDENTIFYING = ['Drottninggatan 12', '070-123 45 67', '19121212-1212', 'anna@example.se', 'anna (at) example.se', '070.123.45.67'];

  it('reads the screened fields off the command schemas: area, reason, reference and platform', () => {
    const screened = COMMAND_FIELDS.filter((f) => f.text).map((f) => `${f.command}.${f.field}`);
    expect(screened).to.include.members([
      'RecordPass.area', 'CorrectPass.area', 'RetractPass.reason', 'RetractEncounter.reason',
      'SignAgreement.reference', 'EndAgreement.reference', 'ConfirmNotConnected.reference',
      'RegisterAccount.platform', 'RecordOutreachSession.platform',
    ]);
  });

  it('seals exactly the free-text fields the commands have: reference included, no field that no command has', () => {
    expect([...FREE_TEXT_FIELDS].sort()).to.deep.equal(['area', 'reason', 'reference']);
    expect(SEALED_FIELDS).to.equal(FREE_TEXT_FIELDS);
  });

  // Derived from the schemas: a string field added tomorrow without a format or the guard fails here.
  for (const field of COMMAND_FIELDS) {
    it(`refuses identifying text in ${field.command}.${field.field}`, () => {
      for (const text of IDENTIFYING) {
        const result = field.schema.safeParse(text);
        expect(result.success, `${field.command}.${field.field} took ${text.replace(/\d/g, '#')}`).to.equal(false);
        if (field.text && !result.success) expect(JSON.stringify(result.error.issues)).not.to.include(text);
      }
    });
  }

  it('refuses a platform that is an address or a phone number, naming the field and the kind', () => {
    const account = { type: 'RegisterAccount', commandId: randomUUID(), accountId: randomUUID(), unit: 'MIKA', registeredOn: '2022-01-12', payment: 'ORGANISATION_CARD' };
    expect(refusal({ ...account, platform: 'Drottninggatan 12' })).to.deep.equal({ field: 'platform', rule: 'contains a street address; no personal data may be recorded' });
    expect(refusal({ ...account, platform: '070-123 45 67' })).to.deep.equal({ field: 'platform', rule: 'contains a phone number; no personal data may be recorded' });
    expect(parseCommand({ ...account, platform: 'Sajt A' }).ok).to.equal(true);
  });
});

describe('command validation: length first, then nothing more', () => {
  it('refuses a 98,000-character area as too long, with one error and without screening it', () => {
    // Built to make a backtracking street pattern re-read it from every position.
    const area = 'A'.repeat(98_000);
    const started = performance.now();
    expect(refusal(pass({ area }))).to.deep.equal({ field: 'area', rule: 'must be at most 120 characters' });
    expect(performance.now() - started).to.be.below(1000);
  });

  it('refuses a megabyte reason and a megabyte platform as too long', () => {
    expect(refusal({ type: 'RetractPass', commandId: randomUUID(), passId, reason: 'gatan'.repeat(200_000) })).to.deep.equal({ field: 'reason', rule: 'must be at most 500 characters' });
    const session = { type: 'RecordOutreachSession', commandId: randomUUID(), sessionId: randomUUID(), date: '2022-03-01', unit: 'MIKA', contactsEstablished: 1, minorsFound: 0, referrals: 0 };
    expect(refusal({ ...session, platform: 'a'.repeat(1_000_000) })).to.deep.equal({ field: 'platform', rule: 'must be at most 60 characters' });
  });
});

describe('command validation: the gaps that were appended', () => {
  it('refuses a date before 2000-01-01, in every date field', () => {
    expect(refusal(pass({ date: '0001-01-01' }))).to.deep.equal({ field: 'date', rule: 'must be on or after 2000-01-01' });
    expect(refusal(pass({ date: '1999-12-31' })).field).to.equal('date');
    expect(refusal({ type: 'ContactGuardian', commandId: randomUUID(), passId, encounterId: randomUUID(), on: '0001-01-01' })).to.deep.equal({ field: 'on', rule: 'must be on or after 2000-01-01' });
    expect(refusal({ type: 'SignAgreement', commandId: randomUUID(), kommun: '0117', effectiveFrom: '0001-01-01' }).field).to.equal('effectiveFrom');
    expect(parseCommand(pass({ date: '2000-01-01' })).ok).to.equal(true);
  });

  it('refuses an area of zero-width characters only', () => {
    expect(refusal(pass({ area: '\u200B\u200C\u200D\u2060\uFEFF' }))).to.deep.equal({ field: 'area', rule: 'must not be empty (zero-width and other invisible characters do not count)' });
    expect(refusal(pass({ area: '\u00AD \u200B' })).field).to.equal('area');
  });

  it('takes area null on CorrectPass only (it clears the area); an empty area stays refused, with a rule that says null clears', () => {
    const correct = (area: unknown) => ({ type: 'CorrectPass', commandId: randomUUID(), passId, area });
    const parsed = parseCommand(correct(null));
    expect(parsed.ok).to.equal(true);
    if (parsed.ok) expect(parsed.command).to.have.property('area', null);
    expect(refusal(correct(''))).to.deep.equal({ field: 'area', rule: 'must not be empty; send null to clear it' });
    expect(refusal(correct('   '))).to.deep.equal({ field: 'area', rule: 'must not be empty; send null to clear it' });
    expect(refusal(correct('\u200B'))).to.deep.equal({ field: 'area', rule: 'must not be empty (zero-width and other invisible characters do not count); send null to clear it' });
    expect(refusal(correct(7))).to.deep.equal({ field: 'area', rule: 'must be a string, or null to clear it' });
    // A pass is recorded with an area or without one: null there means nothing and is refused.
    expect(refusal(pass({ area: null })).field).to.equal('area');
  });

  it('refuses text with bidirectional overrides or isolates', () => {
    for (const control of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(refusal(pass({ area: `City ${control}321` }))).to.deep.equal({ field: 'area', rule: 'must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)' });
    }
  });

  it('refuses text with NUL or other control characters, and takes tabs and line breaks', () => {
    for (const control of ['\u0000', '\u0007', '\u001B', '\u007F', '\u0085']) {
      expect(refusal({ type: 'RetractPass', commandId: randomUUID(), passId, reason: `fel${control}pass` })).to.deep.equal({ field: 'reason', rule: 'must not contain control characters (NUL and the like)' });
    }
    expect(parseCommand({ type: 'RetractPass', commandId: randomUUID(), passId, reason: 'fel pass\n\tregistrerat två gånger' }).ok).to.equal(true);
  });

  it('never repeats a key that is not a field name: an unknown key is the caller\'s text like any value', () => {
    expect(refusal({ ...pass(), '19121212-1212': true })).to.deep.equal({ field: '(unknown field)', rule: 'is not a field of RecordPass' });
    expect(refusal({ ...pass(), pnr191212121212: true })).to.deep.equal({ field: '(unknown field)', rule: 'is not a field of RecordPass' });
    expect(refusal({ ...pass(), note: 'x' })).to.deep.equal({ field: 'note', rule: 'is not a field of RecordPass' });
  });

  it('refuses the nil and the max UUID as commandId and as any id', () => {
    const rule = 'must not be the nil or max UUID; generate a random one';
    expect(refusal(pass({ commandId: NIL_UUID }))).to.deep.equal({ field: 'commandId', rule });
    expect(refusal(pass({ passId: NIL_UUID }))).to.deep.equal({ field: 'passId', rule });
    expect(refusal(pass({ commandId: 'ffffffff-ffff-ffff-ffff-ffffffffffff' }))).to.deep.equal({ field: 'commandId', rule });
    expect(refusal({ type: 'OfferSupport', commandId: randomUUID(), passId, encounterId: NIL_UUID, unit: 'MIKA' })).to.deep.equal({ field: 'encounterId', rule });
    expect(refusal({ type: 'NotifyKommun', commandId: randomUUID(), kommun: '0117', on: '2022-05-10', encounters: [{ passId, encounterId: NIL_UUID }] })).to.deep.equal({ field: 'encounters.0.encounterId', rule });
  });
});
