import { expect } from 'chai';
import { KOMMUNER } from '../../src/domain/kommun.js';
import { parseCommand } from '../../src/domain/commands.js';
import { IDENTIFYING_KINDS, IDENTIFYING_RULES } from '../../src/domain/identity-guard.js';
import { afterRecorded, draftCommands, draftErrors, draftFromPass, IDENTITY_ERROR_KEYS, newEncounter, newPassDraft, newRaid, resolveKommun, searchKommuner, upgradeDraft, type Kommun, type PassDraft } from '../../src/web/client/field/model.js';
import { changedNothing, readRefusal, recordedParts } from '../../src/web/client/field/refusals.js';
import { t } from '../../src/web/client/field/texts.js';

const kommuner: Kommun[] = [...KOMMUNER.values()].map((k) => [k.code, k.name, k.lanName]);
let n = 0;
const newId = () => `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`;
const context = { today: '2022-05-12', ownUnit: 'MIKA', kommuner };

describe('Field app core: drafts, their errors and their commands', () => {
  it('finds kommuner by the start of their name, Stockholms län first, and resolves what a person types', () => {
    expect(searchKommuner('Öster', kommuner).map(([, name]) => name)).to.deep.equal(['Österåker', 'Östersund']);
    expect(searchKommuner('ö', kommuner)).to.deep.equal([]);
    expect(resolveKommun('Österåker (0117)', kommuner)).to.equal('0117');
    expect(resolveKommun('österåker', kommuner)).to.equal('0117');
    expect(resolveKommun('0180', kommuner)).to.equal('0180');
    expect(resolveKommun('Utlandet', kommuner)).to.equal('ABROAD');
    expect(resolveKommun('Unknown', kommuner)).to.equal('UNKNOWN');
    expect(resolveKommun('Atlantis', kommuner)).to.equal(undefined);
    expect(resolveKommun('9999', kommuner)).to.equal(undefined);
  });

  it('names each field that must be put right, and nothing when the draft is whole', () => {
    const draft = newPassDraft(newId, '2022-05-13', 'MIKA');
    draft.units = ['POLIS'];
    draft.encounters.push({ ...newEncounter(newId), ageBand: 'AGE_15_17', homeKommun: 'Atlantis', concernReportOn: '2022-05-01' });
    draft.raids.push(newRaid(newId));
    expect(draftErrors(draft, context).map((e) => `${e.id} ${e.key}`)).to.deep.equal([
      'pass-date errDateFuture',
      'pass-kind errKind',
      'pass-units errOwnUnit',
      'raid-0-locationType errLocation',
      'encounter-0-role errRole',
      'encounter-0-homeKommun errKommunUnknown',
      'encounter-0-concernReportOn errBeforePass',
      'encounter-0-concernReportKommun errConcernKommun',
    ]);
    Object.assign(draft, { date: '2022-05-10', kind: 'RAID', units: ['MIKA', 'POLIS'] });
    Object.assign(draft.raids[0] as object, { locationType: 'HOTEL' });
    Object.assign(draft.encounters[0] as object, { role: 'EXPOSED', homeKommun: 'Österåker (0117)', concernReportOn: '2022-05-11', concernReportKommun: 'Österåker' });
    expect(draftErrors(draft, context)).to.deep.equal([]);
  });

  it('becomes commands the server accepts, in the order the log needs, each with its own id', () => {
    const draft = newPassDraft(newId, '2022-05-10', 'MIKA');
    Object.assign(draft, { kind: 'RAID', units: ['MIKA', 'POLIS'], area: '  Synthetic area  ' });
    const raid = newRaid(newId);
    raid.locationType = 'APARTMENT';
    draft.raids.push(raid);
    draft.encounters.push({ ...newEncounter(newId), raidId: raid.raidId, role: 'EXPOSED', ageBand: 'UNDER_15', homeKommun: 'Österåker (0117)', supportOfferedBy: ['MIKA'], guardianContactedOn: '2022-05-10', concernReportOn: '2022-05-11', concernReportKommun: '0117' });
    draft.encounters.push({ ...newEncounter(newId), role: 'BUYER', ageBand: 'AGE_46_PLUS', homeKommun: 'Utlandet' });
    const commands = draftCommands(draft, kommuner, newId);
    expect(commands.map((c) => c.type)).to.deep.equal(['RecordPass', 'RecordRaid', 'RecordEncounter', 'OfferSupport', 'ContactGuardian', 'FileConcernReport', 'RecordEncounter']);
    expect(new Set(commands.map((c) => c.input.commandId)).size).to.equal(commands.length);
    for (const command of commands) {
      const parsed = parseCommand({ type: command.type, ...command.input });
      expect(parsed.ok, `${command.type}: ${JSON.stringify(parsed)}`).to.equal(true);
    }
    expect(commands[0]?.input).to.deep.include({ area: 'Synthetic area' });
    expect(commands[6]?.input).to.deep.include({ homeKommun: 'ABROAD' });
    expect(commands[6]?.input).not.to.have.property('gender');
  });
});

describe('Field app core: a sent pass corrected or completed, and what a refusal means', () => {
  const special = (code: string) => (code === 'ABROAD' ? 'Utlandet' : 'Okänd');
  const sent = {
    id: newId(),
    date: '2022-05-10',
    kind: 'RAID',
    units: ['MIKA', 'POLIS'],
    area: 'Synthetic area',
    raids: [{ id: newId(), locationType: 'HOTEL', time: null }],
    encounters: [{ id: newId(), raidId: null, role: 'EXPOSED', ageBand: 'AGE_18_20', gender: 'WOMAN', homeKommun: '0180', retracted: false, supportOfferedBy: ['MIKA'], guardianContactedOn: null, concernReport: null }],
  };

  it('sends nothing for a sent pass left as it was, and shows its kommun by name', () => {
    const draft = draftFromPass(sent, kommuner, special);
    expect(draft.encounters[0]?.homeKommun).to.equal('Stockholm (0180)');
    expect(draftCommands(draft, kommuner, newId)).to.deep.equal([]);
  });

  it('sends only the differences: a corrected age band, the child follow-up, a new person and support, each accepted by the server', () => {
    const draft = draftFromPass(sent, kommuner, special);
    Object.assign(draft.encounters[0] as object, { ageBand: 'AGE_15_17', guardianContactedOn: '2022-05-11', concernReportOn: '2022-05-11', concernReportKommun: 'Stockholm (0180)', supportOfferedBy: ['MIKA', 'KAST'] });
    draft.encounters.push({ ...newEncounter(newId), role: 'BUYER', ageBand: 'AGE_46_PLUS', homeKommun: 'Nacka' });
    const commands = draftCommands(draft, kommuner, newId);
    expect(commands.map((c) => `${c.type} ${c.part?.kind} ${c.part?.n ?? ''}`)).to.deep.equal([
      'CorrectEncounter personCorrection 1',
      'OfferSupport support 1',
      'ContactGuardian guardian 1',
      'FileConcernReport concern 1',
      'RecordEncounter person 2',
    ]);
    expect(commands[0]?.input).to.include({ ageBand: 'AGE_15_17' }).and.not.to.have.property('role');
    for (const command of commands) expect(parseCommand({ type: command.type, ...command.input }).ok, command.type).to.equal(true);
  });

  it("reads a draft kept on the device before its fields took the glossary's names, losing nothing typed or recorded", () => {
    const draft = draftFromPass(sent, kommuner, special);
    draft.encounters.push({ ...newEncounter(newId), role: 'EXPOSED', ageBand: 'AGE_15_17', homeKommun: 'Nacka', supportOfferedBy: ['MIKA'], guardianContactedOn: '2022-05-10', concernReportOn: '2022-05-11', concernReportKommun: 'Nacka' });
    const FORMER: Readonly<Record<string, string>> = { supportOfferedBy: 'supportUnits', guardianContactedOn: 'guardianOn', concernReportOn: 'concernOn', concernReportKommun: 'concernKommun' };
    const former = (fields: object) => Object.fromEntries(Object.entries(fields).map(([name, value]) => [FORMER[name] ?? name, value]));
    const recorded = draft.recorded as NonNullable<PassDraft['recorded']>;
    const kept = { ...draft, recorded: { ...recorded, encounters: Object.fromEntries(Object.entries(recorded.encounters).map(([id, e]) => [id, former(e)])) }, encounters: draft.encounters.map(former) } as unknown as PassDraft;
    expect(JSON.stringify(kept)).to.include('"guardianOn"').and.include('"supportUnits"');
    expect(upgradeDraft(kept)).to.deep.equal(draft);
    expect(upgradeDraft(draft)).to.deep.equal(draft);
    expect(draftCommands(upgradeDraft(kept), kommuner, newId).map((c) => c.type)).to.deep.equal(['RecordEncounter', 'OfferSupport', 'ContactGuardian', 'FileConcernReport']);
  });

  it('an emptied area field of a sent pass sends area null, which the server takes; an area left as it was sends nothing', () => {
    const draft = draftFromPass(sent, kommuner, special);
    draft.area = '   ';
    const commands = draftCommands(draft, kommuner, newId);
    expect(commands.map((c) => c.type)).to.deep.equal(['CorrectPass']);
    expect(commands[0]?.input).to.deep.include({ passId: sent.id, area: null });
    expect(parseCommand({ type: 'CorrectPass', ...commands[0]?.input }).ok).to.equal(true);
    // Once recorded, the draft knows the area is gone: sending again sends nothing.
    draft.recorded = afterRecorded(draft.recorded, commands[0] as never);
    expect(draft.recorded.pass?.area).to.equal('');
    expect(draftCommands(draft, kommuner, newId)).to.deep.equal([]);
  });

  it('after a refusal part-way, the draft knows what is in the log and sending again sends only the rest', () => {
    const draft = newPassDraft(newId, '2022-05-10', 'MIKA');
    Object.assign(draft, { kind: 'RAID', units: ['MIKA', 'POLIS'] });
    draft.encounters.push({ ...newEncounter(newId), role: 'EXPOSED', ageBand: 'AGE_26_35', homeKommun: 'Solna' }, { ...newEncounter(newId), role: 'EXPOSED', ageBand: 'AGE_26_35', homeKommun: 'Nacka' });
    const first = draftCommands(draft, kommuner, newId);
    let recorded = draft.recorded;
    for (const command of first.slice(0, 2)) recorded = afterRecorded(recorded, command);
    draft.recorded = recorded;
    const again = draftCommands(draft, kommuner, newId);
    expect(again.map((c) => c.type)).to.deep.equal(['RecordEncounter']);
    expect(again[0]?.input).to.include({ encounterId: draft.encounters[1]?.encounterId });
    const { recorded: inLog, refused, notSent } = recordedParts(first, 2);
    expect([inLog, refused, notSent]).to.deep.equal([[{ kind: 'pass' }, { kind: 'person', n: 1 }], { kind: 'person', n: 2 }, []]);
  });

  it("runs the server's identity guard on the area in the browser, with a text per kind", () => {
    const draft = newPassDraft(newId, '2022-05-10', 'MIKA');
    Object.assign(draft, { kind: 'RAID', area: 'Tensta 121212-1212' });
    expect(draftErrors(draft, context).map((e) => e.key)).to.deep.equal(['errIdPersonnummer']);
    for (const kind of IDENTIFYING_KINDS) expect(t(IDENTITY_ERROR_KEYS[kind]), kind).not.to.equal(IDENTITY_ERROR_KEYS[kind]);
  });

  it('reads every server refusal as a text of the app on the field it concerns, never the English rule', () => {
    const part = { kind: 'person', n: 2 } as const;
    expect(readRefusal({ code: 'BAD_USER_INPUT', field: 'homeKommun', rule: 'must be an SCB kommun code (4 digits, e.g. 0180 Stockholm, 0980 Gotland), ABROAD or UNKNOWN', message: '' }, part)).to.deep.equal({ key: 'errKommunUnknown', fieldId: 'encounter-1-homeKommun', of: { key: 'personN', n: 2 } });
    for (const kind of IDENTIFYING_KINDS) expect(readRefusal({ code: 'BAD_USER_INPUT', field: 'input.area', rule: IDENTIFYING_RULES[kind], message: '' }, { kind: 'pass' })).to.deep.equal({ key: IDENTITY_ERROR_KEYS[kind], fieldId: 'pass-area' });
    const nothing = { code: 'BAD_USER_INPUT', field: 'encounterId', rule: 'the correction changes nothing: give the fields that change (role, ageBand, gender, homeKommun, raidId)', message: '' };
    expect(readRefusal(nothing, { kind: 'personCorrection', n: 1 }).key).to.equal('refNothingChanged');
    expect(changedNothing(nothing)).to.equal(true);
    expect(readRefusal({ code: 'BAD_USER_INPUT', field: 'encounterId', rule: 'a guardian contact is recorded only for an encounter under 18 (age band UNDER_15 or AGE_15_17)', message: '' }, { kind: 'guardian', n: 1 })).to.deep.equal({ key: 'refOnlyUnder18', fieldId: 'encounter-0-ageBand', of: { key: 'personN', n: 1 } });
    expect(readRefusal({ code: 'FORBIDDEN', message: 'not allowed' }).key).to.equal('refForbidden');
    expect(readRefusal({ code: 'BAD_USER_INPUT', field: 'x', rule: 'something new', message: '' }).key).to.equal('refOther');
    // Every key the reading can give has a Swedish and an English text.
    const keys = ['refNothingChanged', 'refDateAfterChildFacts', 'refOnlyUnder18', 'refPassRetracted', 'refPersonRetracted', 'refPassMissing', 'refPersonMissing', 'refRaidMissing', 'refAlreadyRecorded', 'refCommandReused', 'refTooLong', 'refEmpty', 'refForbidden', 'refSignIn', 'refInternal', 'refOther'];
    for (const key of keys) expect(t(key), key).not.to.equal(key);
  });
});
