import { expect } from 'chai';
import { KOMMUNER } from '../src/domain/kommun.js';
import { parseCommand } from '../src/domain/commands.js';
import { draftCommands, draftErrors, newEncounter, newPassDraft, newRaid, resolveKommun, searchKommuner, type Kommun } from '../src/web/client/field/model.js';

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
    draft.encounters.push({ ...newEncounter(newId), ageBand: 'AGE_15_17', homeKommun: 'Atlantis', concernOn: '2022-05-01' });
    draft.raids.push(newRaid(newId));
    expect(draftErrors(draft, context).map((e) => `${e.id} ${e.key}`)).to.deep.equal([
      'pass-date errDateFuture',
      'pass-kind errKind',
      'pass-units errOwnUnit',
      'raid-0-locationType errLocation',
      'encounter-0-role errRole',
      'encounter-0-homeKommun errKommunUnknown',
      'encounter-0-concernOn errBeforePass',
      'encounter-0-concernKommun errConcernKommun',
    ]);
    Object.assign(draft, { date: '2022-05-10', kind: 'RAID', units: ['MIKA', 'POLIS'] });
    Object.assign(draft.raids[0] as object, { locationType: 'HOTEL' });
    Object.assign(draft.encounters[0] as object, { role: 'EXPOSED', homeKommun: 'Österåker (0117)', concernOn: '2022-05-11', concernKommun: 'Österåker' });
    expect(draftErrors(draft, context)).to.deep.equal([]);
  });

  it('becomes commands the server accepts, in the order the log needs, each with its own id', () => {
    const draft = newPassDraft(newId, '2022-05-10', 'MIKA');
    Object.assign(draft, { kind: 'RAID', units: ['MIKA', 'POLIS'], area: '  Synthetic area  ' });
    const raid = newRaid(newId);
    raid.locationType = 'APARTMENT';
    draft.raids.push(raid);
    draft.encounters.push({ ...newEncounter(newId), raidId: raid.raidId, role: 'EXPOSED', ageBand: 'UNDER_15', homeKommun: 'Österåker (0117)', supportUnits: ['MIKA'], guardianOn: '2022-05-10', concernOn: '2022-05-11', concernKommun: '0117' });
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
