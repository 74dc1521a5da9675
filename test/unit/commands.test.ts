import { expect } from 'chai';
import { parseCommand, PASS_COMMAND_TYPES, type PassCommandType } from '../../src/domain/commands.js';
import type { DomainError } from '../../src/domain/errors.js';
import { HOME_KOMMUN_VALUES, isHomeKommun, isKommunCode, KOMMUNER } from '../../src/domain/kommun.js';

/** parseCommand: zod-validated, strict commands; every error names the field and the rule, never the value. */

const passId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const commandId = '16fd2706-8baf-433b-82eb-8c7fada847da';
const raidId = '886313e1-3b8a-4372-9b90-0c9aee199e5d';
const encounterId = 'a3bb189e-8bf9-4888-9912-ace4e6543002';

const VALID: { [T in PassCommandType]: Record<string, unknown> } = {
  RecordPass: {
    type: 'RecordPass',
    commandId,
    passId,
    date: '2022-07-01',
    kind: 'RAID',
    units: ['POLIS', 'MIKA'],
    startTime: '21:00',
    endTime: '23:59',
    area: 'Norrmalm',
  },
  RecordRaid: { type: 'RecordRaid', commandId, passId, raidId, time: '00:00', locationType: 'APARTMENT' },
  RecordEncounter: {
    type: 'RecordEncounter',
    commandId,
    passId,
    encounterId,
    raidId,
    role: 'EXPOSED',
    ageBand: 'AGE_15_17',
    gender: 'WOMAN',
    homeKommun: '0180',
  },
  OfferSupport: { type: 'OfferSupport', commandId, passId, encounterId, unit: 'KAST' },
  ContactGuardian: { type: 'ContactGuardian', commandId, passId, encounterId, on: '2022-07-02' },
  FileConcernReport: { type: 'FileConcernReport', commandId, passId, encounterId, on: '2022-07-02', kommun: '0117' },
  CorrectEncounter: { type: 'CorrectEncounter', commandId, passId, encounterId, ageBand: 'UNDER_15', homeKommun: 'ABROAD' },
  RetractEncounter: { type: 'RetractEncounter', commandId, passId, encounterId, reason: 'recorded twice' },
  CorrectPass: { type: 'CorrectPass', commandId, passId, date: '2022-06-30', units: ['POLIS', 'UNGDOMSJOUREN'] },
  RetractPass: { type: 'RetractPass', commandId, passId, reason: 'a test pass' },
};

function errorsOf(input: unknown): DomainError[] {
  const result = parseCommand(input);
  expect(result.ok, `expected a refusal of ${JSON.stringify(input)}`).to.equal(false);
  return result.ok ? [] : result.errors;
}

/**
 * Expects a refusal naming `field` with a rule matching `rule`; every error is BAD_USER_INPUT, and
 * none of them repeats any of the `secrets` (the bad values given).
 */
function expectRefused(input: unknown, field: string, rule: RegExp, ...secrets: string[]): DomainError {
  const errors = errorsOf(input);
  for (const error of errors) expect(error.code).to.equal('BAD_USER_INPUT');
  const error = errors.find((e) => e.field === field);
  expect(error, `no error for ${field} in ${JSON.stringify(errors)}`).to.not.equal(undefined);
  expect(error?.rule).to.match(rule);
  const text = JSON.stringify(errors);
  for (const secret of secrets) expect(text, `an error echoes "${secret}"`).to.not.include(secret);
  return error as DomainError;
}

function withField(type: PassCommandType, field: string, value: unknown): Record<string, unknown> {
  return { ...VALID[type], [field]: value };
}

function without(type: PassCommandType, field: string): Record<string, unknown> {
  const { [field]: _dropped, ...rest } = VALID[type];
  return rest;
}

describe('parseCommand', () => {
  describe('accepts a valid command of each type', () => {
    it('knows exactly the ten pass commands', () => {
      expect([...PASS_COMMAND_TYPES].sort()).to.deep.equal(Object.keys(VALID).sort());
      expect(PASS_COMMAND_TYPES).to.have.lengthOf(10);
    });

    for (const type of Object.keys(VALID) as PassCommandType[]) {
      it(`accepts ${type}`, () => {
        const result = parseCommand(VALID[type]);
        expect(result.ok, JSON.stringify(result)).to.equal(true);
        if (result.ok) expect(result.command).to.deep.equal(VALID[type]);
      });
    }

    it('accepts RecordPass with only the required fields', () => {
      expect(parseCommand(without('RecordPass', 'startTime')).ok).to.equal(true);
      const { startTime: _s, endTime: _e, area: _a, ...bare } = VALID.RecordPass;
      expect(parseCommand(bare).ok).to.equal(true);
    });

    it('trims the area', () => {
      const result = parseCommand(withField('RecordPass', 'area', '  Norrmalm  '));
      expect(result.ok && result.command.type === 'RecordPass' && result.command.area).to.equal('Norrmalm');
    });

    it('accepts area of exactly 120 characters', () => {
      expect(parseCommand(withField('RecordPass', 'area', 'x'.repeat(120))).ok).to.equal(true);
    });

    for (const homeKommun of ['ABROAD', 'UNKNOWN', '0980', '0180']) {
      it(`accepts homeKommun ${homeKommun}`, () => {
        expect(parseCommand(withField('RecordEncounter', 'homeKommun', homeKommun)).ok).to.equal(true);
        expect(parseCommand(withField('CorrectEncounter', 'homeKommun', homeKommun)).ok).to.equal(true);
      });
    }

    it('accepts times 00:00 and 23:59', () => {
      expect(parseCommand(withField('RecordPass', 'startTime', '00:00')).ok).to.equal(true);
      expect(parseCommand(withField('RecordPass', 'startTime', '23:59')).ok).to.equal(true);
    });

    it('accepts the leap day 2020-02-29', () => {
      expect(parseCommand(withField('RecordPass', 'date', '2020-02-29')).ok).to.equal(true);
    });
  });

  describe('refuses', () => {
    it('an unknown type → field type, lists the known types', () => {
      expectRefused({ ...VALID.RecordPass, type: 'DeletePass' }, 'type', /must be one of RecordPass, .*RetractPass/, 'DeletePass');
    });

    it('a command without a type → field type, is required', () => {
      expectRefused(without('RecordPass', 'type'), 'type', /is required/);
    });

    for (const [label, input] of [
      ['a string', 'RecordPass'],
      ['a number', 42],
      ['null', null],
      ['an array', [VALID.RecordPass]],
      ['undefined', undefined],
    ] as const) {
      it(`a non-object (${label}) → field (command)`, () => {
        const errors = errorsOf(input);
        expect(errors).to.have.lengthOf(1);
        expect(errors[0]).to.deep.equal({ code: 'BAD_USER_INPUT', field: '(command)', rule: 'must be a JSON object with a "type" field' });
      });
    }

    for (const [type, field] of [
      ['RecordPass', 'date'],
      ['RecordPass', 'units'],
      ['RecordPass', 'kind'],
      ['RecordPass', 'passId'],
      ['RecordPass', 'commandId'],
      ['RecordRaid', 'raidId'],
      ['RecordRaid', 'locationType'],
      ['RecordEncounter', 'homeKommun'],
      ['RecordEncounter', 'ageBand'],
      ['OfferSupport', 'unit'],
      ['ContactGuardian', 'on'],
      ['FileConcernReport', 'kommun'],
      ['CorrectEncounter', 'encounterId'],
      ['RetractEncounter', 'reason'],
      ['RetractPass', 'reason'],
    ] as const) {
      it(`${type} without ${field} → field ${field}, is required`, () => {
        expectRefused(without(type, field), field, /^is required$/);
      });
    }

    it('an unknown extra field `name` → the field named, not a field of the command, value never echoed', () => {
      const error = expectRefused(withField('RecordEncounter', 'name', 'Anna Andersson'), 'name', /is not a field of RecordEncounter/, 'Anna Andersson');
      expect(error.rule).to.not.include('Anna');
    });

    it('an unknown extra field `personnummer` → the field named, value never echoed', () => {
      expectRefused(withField('RecordEncounter', 'personnummer', '19800101-1234'), 'personnummer', /is not a field of RecordEncounter/, '19800101-1234');
    });

    it('several unknown fields → each one named', () => {
      const errors = errorsOf({ ...VALID.OfferSupport, name: 'Anna Andersson', phone: '070-1234567' });
      expect(errors.map((e) => e.field).sort()).to.deep.equal(['name', 'phone']);
      expect(JSON.stringify(errors)).to.not.include('Anna').and.not.include('070-1234567');
    });

    it('a bad UUID → field passId', () => {
      expectRefused(withField('RecordPass', 'passId', 'pass-nummer-1'), 'passId', /must be a UUID/, 'pass-nummer-1');
    });

    it('a bad UUID → field encounterId', () => {
      expectRefused(withField('OfferSupport', 'encounterId', '1234'), 'encounterId', /must be a UUID/);
    });

    it('a bad date 2022-02-30 → field date, a real calendar date', () => {
      expectRefused(withField('RecordPass', 'date', '2022-02-30'), 'date', /real calendar date/, '2022-02-30');
    });

    it('a date not written YYYY-MM-DD → field date', () => {
      expectRefused(withField('RecordPass', 'date', '1/7 2022'), 'date', /YYYY-MM-DD/, '1/7 2022');
    });

    it('a bad date for `on` → field on', () => {
      expectRefused(withField('ContactGuardian', 'on', '2022-13-01'), 'on', /real calendar date/, '2022-13-01');
    });

    it('a bad time 24:00 → field startTime, HH:mm', () => {
      expectRefused(withField('RecordPass', 'startTime', '24:00'), 'startTime', /HH:mm/, '24:00');
    });

    it('a bad raid time 9:30 → field time', () => {
      expectRefused(withField('RecordRaid', 'time', '9:30'), 'time', /HH:mm/, '9:30');
    });

    it('empty units → field units, at least one unit', () => {
      expectRefused(withField('RecordPass', 'units', []), 'units', /at least one unit/);
    });

    it('duplicate units → field units, not twice', () => {
      expectRefused(withField('RecordPass', 'units', ['POLIS', 'MIKA', 'POLIS']), 'units', /must not name a unit twice/);
    });

    it('an unknown unit → field units.1, lists the units', () => {
      expectRefused(withField('RecordPass', 'units', ['POLIS', 'SÄPO']), 'units.1', /must be one of MIKA, KAST, REGIONKOORDINATOR, UNGDOMSJOUREN, POLIS/, 'SÄPO');
    });

    it('empty units in CorrectPass → field units', () => {
      expectRefused(withField('CorrectPass', 'units', []), 'units', /at least one unit/);
    });

    it('units that are not a list → field units, must be a list', () => {
      expectRefused(withField('RecordPass', 'units', 'POLIS'), 'units', /must be a list/);
    });

    it('an unknown homeKommun 0999 → field homeKommun, SCB code, ABROAD or UNKNOWN', () => {
      expectRefused(withField('RecordEncounter', 'homeKommun', '0999'), 'homeKommun', /SCB kommun code.*ABROAD or UNKNOWN/, '0999');
    });

    it('an unknown homeKommun in a correction → field homeKommun', () => {
      expectRefused(withField('CorrectEncounter', 'homeKommun', 'Sthlm stad'), 'homeKommun', /SCB kommun code/, 'Sthlm stad');
    });

    it('FileConcernReport to ABROAD → field kommun (a report goes to a real kommun)', () => {
      expectRefused(withField('FileConcernReport', 'kommun', 'ABROAD'), 'kommun', /SCB kommun code/, 'ABROAD');
    });

    it('FileConcernReport to UNKNOWN or 0999 → field kommun', () => {
      expectRefused(withField('FileConcernReport', 'kommun', 'UNKNOWN'), 'kommun', /SCB kommun code/);
      expectRefused(withField('FileConcernReport', 'kommun', '0999'), 'kommun', /SCB kommun code/, '0999');
    });

    it('an area over 120 characters → field area, at most 120', () => {
      const area = 'Lång beskrivning '.repeat(8);
      expect(area.trim().length).to.be.greaterThan(120);
      expectRefused(withField('RecordPass', 'area', area), 'area', /at most 120 characters/, area);
    });

    it('an empty area → field area, must not be empty', () => {
      expectRefused(withField('RecordPass', 'area', '   '), 'area', /must not be empty/);
    });

    it('an empty reason → field reason, must not be empty', () => {
      expectRefused(withField('RetractPass', 'reason', ''), 'reason', /must not be empty/);
    });

    it('a reason of only spaces → field reason, must not be empty', () => {
      expectRefused(withField('RetractEncounter', 'reason', '   '), 'reason', /must not be empty/);
    });

    it('a reason over 500 characters → field reason', () => {
      expectRefused(withField('RetractPass', 'reason', 'x'.repeat(501)), 'reason', /at most 500 characters/);
    });

    it('an unknown enum value → the field, listing the allowed values, not the value', () => {
      expectRefused(withField('RecordEncounter', 'ageBand', 'Anna Andersson'), 'ageBand', /must be one of UNDER_15, AGE_15_17/, 'Anna Andersson');
      expectRefused(withField('RecordEncounter', 'role', 'WITNESS'), 'role', /must be one of EXPOSED, BUYER/, 'WITNESS');
    });

    it('a wrong JSON type → the field, naming the expected type', () => {
      expectRefused(withField('RecordEncounter', 'homeKommun', 180), 'homeKommun', /must be a string/);
    });

    it('names every broken field at once', () => {
      const errors = errorsOf({ ...VALID.RecordPass, date: '2022-02-30', startTime: '24:00', units: [], name: 'Anna Andersson' });
      expect(errors.map((e) => e.field).sort()).to.deep.equal(['date', 'name', 'startTime', 'units']);
    });
  });
});

describe('kommun reference', () => {
  it('has exactly 290 kommuner', () => {
    expect(KOMMUNER.size).to.equal(290);
  });

  it('has 26 kommuner in Stockholms län (01)', () => {
    const stockholmsLan = [...KOMMUNER.values()].filter((k) => k.lanCode === '01');
    expect(stockholmsLan).to.have.lengthOf(26);
    for (const k of stockholmsLan) expect(k.lanName).to.equal('Stockholms län');
  });

  it('names 0180 Stockholm, 0117 Österåker and 0980 Gotland', () => {
    expect(KOMMUNER.get('0180')).to.deep.include({ name: 'Stockholm', lanCode: '01' });
    expect(KOMMUNER.get('0117')).to.deep.include({ name: 'Österåker', lanCode: '01' });
    expect(KOMMUNER.get('0980')).to.deep.include({ name: 'Gotland', lanCode: '09' });
  });

  it('every code is four digits and its key', () => {
    for (const [code, k] of KOMMUNER) {
      expect(code).to.match(/^\d{4}$/);
      expect(k.code).to.equal(code);
    }
  });

  it('ABROAD and UNKNOWN are home kommuner but not kommun codes', () => {
    expect(isHomeKommun('ABROAD')).to.equal(true);
    expect(isHomeKommun('UNKNOWN')).to.equal(true);
    expect(isKommunCode('ABROAD')).to.equal(false);
    expect(isKommunCode('UNKNOWN')).to.equal(false);
    expect(isHomeKommun('0999')).to.equal(false);
    expect(HOME_KOMMUN_VALUES).to.have.lengthOf(292);
    expect(new Set(HOME_KOMMUN_VALUES).size).to.equal(292);
  });
});
