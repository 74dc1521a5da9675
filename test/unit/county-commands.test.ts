import { expect } from 'chai';
import { COUNTY_COMMAND_TYPES, parseCommand, type CountyCommandType } from '../../src/domain/commands.js';
import type { DomainError } from '../../src/domain/errors.js';

/** The county offer's, trainings' and outreach's commands: strict, every error naming the field and the rule, never the value. */

const commandId = '16fd2706-8baf-433b-82eb-8c7fada847da';
const id = (n: number) => `7c9e6679-7425-40de-944b-e07fc1f90a${String(n).padStart(2, '0')}`;

const VALID: { [T in CountyCommandType]: Record<string, unknown> } = {
  SignAgreement: { type: 'SignAgreement', commandId, kommun: '0117', effectiveFrom: '2024-06-01', signedOn: '2024-05-21', reference: 'SN 2024/0043' },
  EndAgreement: { type: 'EndAgreement', commandId, kommun: '0117', effectiveUntil: '2025-12-31' },
  ConfirmNotConnected: { type: 'ConfirmNotConnected', commandId, kommun: '0980', on: '2022-09-30' },
  NotifyKommun: { type: 'NotifyKommun', commandId, kommun: '0126', on: '2022-05-12', encounters: [{ passId: id(1), encounterId: id(2) }] },
  RecordTraining: { type: 'RecordTraining', commandId, trainingId: id(3), date: '2022-05-17', format: 'PHYSICAL', participants: 80, kommuner: ['0182', '0180'] },
  RegisterAccount: { type: 'RegisterAccount', commandId, accountId: id(4), unit: 'MIKA', platform: 'Site A', registeredOn: '2022-03-01', payment: 'ORGANISATION_CARD' },
  DiscloseOrganisation: { type: 'DiscloseOrganisation', commandId, accountId: id(4), on: '2022-03-01' },
  BlockAccount: { type: 'BlockAccount', commandId, accountId: id(4), on: '2022-03-04' },
  RecordOutreachSession: {
    type: 'RecordOutreachSession', commandId, sessionId: id(5), date: '2022-03-10', unit: 'UNGDOMSJOUREN', platform: 'Site A', accountId: id(4), passId: id(1), contactsEstablished: 3, minorsFound: 2, referrals: 3,
  },
};

function refused(input: Record<string, unknown>, field: string, rule: RegExp, ...secrets: string[]): void {
  const result = parseCommand(input);
  expect(result.ok, `expected a refusal of ${JSON.stringify(input)}`).to.equal(false);
  const errors: DomainError[] = result.ok ? [] : result.errors;
  for (const e of errors) expect(e.code).to.equal('BAD_USER_INPUT');
  const error = errors.find((e) => e.field === field);
  expect(error, `no error for ${field} in ${JSON.stringify(errors)}`).to.not.equal(undefined);
  expect(error?.rule).to.match(rule);
  for (const secret of secrets) expect(JSON.stringify(errors)).to.not.include(secret);
}

const withField = (type: CountyCommandType, field: string, value: unknown) => ({ ...VALID[type], [field]: value });

describe('county-offer commands', () => {
  it('knows the nine commands and accepts a valid one of each', () => {
    expect([...COUNTY_COMMAND_TYPES].sort()).to.deep.equal(Object.keys(VALID).sort());
    for (const command of Object.values(VALID)) {
      const result = parseCommand(command);
      expect(result.ok, JSON.stringify(result)).to.equal(true);
    }
  });

  it('refuses a field the command does not know, so nothing personal slips in beside', () => {
    refused(withField('SignAgreement', 'contactPerson', 'Anna Andersson'), 'contactPerson', /is not a field of SignAgreement/, 'Anna');
    refused({ ...VALID.NotifyKommun, encounters: [{ passId: id(1), encounterId: id(2), name: 'Anna' }] }, 'encounters.0.name', /is not a field/, 'Anna');
  });

  it('takes agreements only for the kommuner the offer is made to: not Stockholms stad, not outside the county', () => {
    refused(withField('SignAgreement', 'kommun', '0180'), 'kommun', /county offer/, '0180');
    refused(withField('ConfirmNotConnected', 'kommun', '1480'), 'kommun', /county offer/, '1480');
    expect(parseCommand(withField('SignAgreement', 'kommun', '0980')).ok).to.equal(true);
  });

  it('refuses dates that are not real calendar dates', () => {
    refused(withField('SignAgreement', 'effectiveFrom', '2024-02-30'), 'effectiveFrom', /real calendar date/);
    refused(withField('EndAgreement', 'effectiveUntil', '31/12/2025'), 'effectiveUntil', /YYYY-MM-DD/);
  });

  it('refuses a notification naming no encounter, or one twice', () => {
    refused(withField('NotifyKommun', 'encounters', []), 'encounters', /at least one encounter/);
    refused(withField('NotifyKommun', 'encounters', [{ passId: id(1), encounterId: id(2) }, { passId: id(1), encounterId: id(2) }]), 'encounters', /twice/);
    refused(withField('NotifyKommun', 'encounters', [{ passId: 'x', encounterId: id(2) }]), 'encounters.0.passId', /UUID/);
  });

  it('refuses counts that are not whole numbers of zero or more, and more minors than contacts', () => {
    refused(withField('RecordTraining', 'participants', 0), 'participants', /at least 1/);
    refused(withField('RecordTraining', 'participants', 12.5), 'participants', /whole number/);
    refused(withField('RecordOutreachSession', 'referrals', -1), 'referrals', /zero or more/);
    refused(withField('RecordOutreachSession', 'minorsFound', 4), 'minorsFound', /must not exceed contactsEstablished/);
    refused(withField('RecordTraining', 'format', 'HYBRID'), 'format', /must be one of DIGITAL, PHYSICAL/, 'HYBRID');
    refused(withField('RecordTraining', 'kommuner', ['0182', '0182']), 'kommuner', /twice/);
  });

  it('takes a platform name, never an address or a phone number', () => {
    refused(withField('RegisterAccount', 'platform', 'anna@example.se'), 'platform', /platform name/, 'anna');
    refused(withField('RegisterAccount', 'platform', '+46 70 123 45 67'), 'platform', /platform name/, '123');
    refused(withField('RegisterAccount', 'payment', 'CASH'), 'payment', /must be one of ORGANISATION_CARD, PRIVATE_CARD, NONE/);
  });
});
