import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, GraphQLEnumType } from 'graphql';
import { ENCOUNTER_AGREEMENT_STATUSES } from '../../projections/agreements.js';
import { UNDER_18_AGE_CODES } from '../../projections/pass-register-rows.js';
import { SAFEGUARDING_ACTIONS } from '../../projections/safeguarding.js';
import { DISCLOSURES, STATISTICS_MEASURES } from '../../queries/disclosure.js';
import { EXCLUSION_REASONS } from '../../queries/figure-members.js';
import { ENCOUNTER_DIMENSIONS, PASS_DIMENSIONS } from '../../queries/statistics.js';
import { FIGURE_FIELDS } from '../../queries/tertial-summary.js';
import { COST_SHARE_BASES } from '../../src/domain/cost-share.js';
import { ACCOUNT_PAYMENTS, TRAINING_FORMATS } from '../../src/domain/county-vocabulary.js';
import { AGE_BANDS, GENDERS, isUnder18, LOCATION_TYPES, PASS_KINDS, ROLES, UNDER_18_AGE_BANDS, UNITS } from '../../src/domain/vocabulary.js';
import { enumNameOf } from '../../src/api/enum-names.js';
import { SHARED } from '../../src/web/build.js';
import { isUnder18 as fieldAppIsUnder18, queued } from '../../src/web/client/field/model.js';
import { PassCommand } from '../../src/domain/commands.js';

/**
 * The glossary's vocabulary is stated once, in src/domain: every other reader (the register's codes,
 * the field app's bundle, the public schema) is tied to it here, so a copy cannot drift.
 */

describe('vocabulary: under 18 is one rule', () => {
  it('holds for exactly the bands UNDER_15 and AGE_15_17, and for no text that is not a band', () => {
    expect(AGE_BANDS.filter(isUnder18)).to.deep.equal(['UNDER_15', 'AGE_15_17']);
    expect(UNDER_18_AGE_BANDS).to.deep.equal(AGE_BANDS.filter(isUnder18));
    for (const text of ['', 'under_15', 'UNDER_18', 'AGE_18_20', 'UNKNOWN']) expect(isUnder18(text), text).to.equal(false);
  });

  it("gives the register's under-18 codes: the indexes of the under-18 bands", () => {
    expect([...UNDER_18_AGE_CODES].sort((a, b) => a - b)).to.deep.equal(AGE_BANDS.flatMap((band, code) => (isUnder18(band) ? [code] : [])));
    expect([...UNDER_18_AGE_CODES].map((code) => AGE_BANDS[code])).to.have.members([...UNDER_18_AGE_BANDS]);
  });

  it("is the field app's rule too: the bundle asks the domain's function, not a copy", () => {
    expect(fieldAppIsUnder18).to.equal(isUnder18);
  });
});


describe("vocabulary: schema.graphql is tied to the code: its enums are the code's lists, value for value and in order; its mutations are the field app's", () => {
  const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
  const enums = Object.values(schema.getTypeMap()).filter((type): type is GraphQLEnumType => type instanceof GraphQLEnumType && !type.name.startsWith('__'));
  const valuesOf = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((value) => value.name);

  // Order matters: the register saves an enum's index, and a reader lists the values as the schema does.
  const TIED: Readonly<Record<string, readonly string[]>> = {
    Unit: UNITS,
    PassKind: PASS_KINDS,
    LocationType: LOCATION_TYPES,
    Role: ROLES,
    AgeBand: AGE_BANDS,
    Gender: GENDERS,
    TrainingFormat: TRAINING_FORMATS,
    AccountPayment: ACCOUNT_PAYMENTS,
    AgreementStatus: ENCOUNTER_AGREEMENT_STATUSES,
    CostShareBase: COST_SHARE_BASES,
    SafeguardingAction: SAFEGUARDING_ACTIONS,
    Disclosure: DISCLOSURES,
    ExclusionReason: EXCLUSION_REASONS,
    StatisticsDimension: [...PASS_DIMENSIONS, ...ENCOUNTER_DIMENSIONS],
    SteeringFigure: FIGURE_FIELDS.map(enumNameOf),
    StatisticsMeasure: STATISTICS_MEASURES.map(enumNameOf),
  };
  /** The API's own words, with no list in the code to mirror (the resolvers map them to what they mean). */
  const API_ONLY = ['SuppressionReason', 'SummaryScope'];

  for (const [name, values] of Object.entries(TIED)) {
    it(`${name} is the code's list`, () => {
      expect(valuesOf(name)).to.deep.equal([...values]);
    });
  }

  it('spells a figure or a measure as its enum value: exposedUnder18 is EXPOSED_UNDER_18', () => {
    expect(['jointPasses', 'exposedUnder18', 'under18', 'offeredSupport'].map(enumNameOf)).to.deep.equal(['JOINT_PASSES', 'EXPOSED_UNDER_18', 'UNDER_18', 'OFFERED_SUPPORT']);
  });

  it("the field app sends every pass command as the schema's mutation, with the schema's input type", () => {
    const mutations = schema.getMutationType()?.getFields() ?? {};
    for (const type of PassCommand.options.map((option) => option.shape.type.value)) {
      const { mutation, inputType } = queued(type, {}, () => 'id');
      expect(mutations[mutation]?.args.find((arg) => arg.name === 'input')?.type.toString(), `${type} as ${mutation}`).to.equal(`${inputType}!`);
    }
  });

  it('has no enum that is neither tied to a list nor named as the API\'s own', () => {
    expect(enums.map((type) => type.name).sort()).to.deep.equal([...Object.keys(TIED), ...API_ONLY].sort());
  });
});

describe("vocabulary: the pages bundle the server's own modules, and only ones a browser can run", () => {
  const CLIENT = fileURLToPath(new URL('../../src/web/client/', import.meta.url));
  const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
  const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1] as string);

  it('imports from outside src/web/client only the modules the bundle cache is keyed on (the vocabulary and the identity guard)', () => {
    const outside = new Set<string>();
    for (const file of sources(CLIENT)) {
      for (const specifier of importsOf(file)) {
        if (!specifier.startsWith('.')) continue;
        const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
        if (!target.startsWith(CLIENT)) outside.add(target);
      }
    }
    expect([...outside].sort()).to.deep.equal([...SHARED].sort());
  });

  it('the shared modules import nothing, so nothing of Node reaches a browser through them', () => {
    for (const file of SHARED) expect(importsOf(file), file).to.deep.equal([]);
  });
});
