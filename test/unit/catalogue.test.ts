import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isInputObjectType, type GraphQLInputObjectType } from 'graphql';
import { z } from 'zod';
import { CATALOGUE, CLI_ONLY_COMMANDS, MUTATIONS, categoryOfCommand, foldOf, mutationNameOf } from '../../src/application/catalogue.js';
import { resolvers } from '../../src/api/resolvers.js';
import { MUTATION_ACCESS, SOCIAL_SERVICES_ONLY_MUTATIONS } from '../../src/auth/access-policy.js';
import { Command, COMMAND_TYPES, type CommandType } from '../../src/domain/commands.js';
import { PROJECTION_CATEGORIES } from '../../src/projections/registry.js';
import { categoryOf } from '../../src/store/port.js';

/**
 * The catalogue is the one list of stream categories; a new command touches its decider, its zod
 * schema (src/domain/commands.ts) and schema.graphql. These say which of the three was forgotten.
 */

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const schemaMutations = Object.values(schema.getMutationType()?.getFields() ?? {});
const zodTypes: CommandType[] = Command.options.map((option) => option.shape.type.value);

describe('the catalogue of stream categories', () => {
  it('routes every command of the zod union through exactly one category (a new one goes in its decider’s command list)', () => {
    expect(zodTypes).to.have.members([...COMMAND_TYPES]);
    for (const type of zodTypes) {
      const routing = CATALOGUE.filter((c) => (c.commands as readonly string[]).includes(type)).map((c) => c.category);
      expect(routing, `${type} is routed by`).to.have.lengthOf(1);
      expect(categoryOfCommand({ type } as Command).category).to.equal(routing[0]);
    }
    const routed = CATALOGUE.flatMap((c) => c.commands as readonly string[]);
    expect(routed.filter((type) => !(zodTypes as string[]).includes(type)), 'routed but not in the zod union').to.deep.equal([]);
  });

  it('has each category once, named as its streams are (the part before the first -), and folds the streams it routes to', () => {
    const names = CATALOGUE.map((c) => c.category);
    expect(new Set(names).size).to.equal(names.length);
    for (const name of names) expect(name).to.match(/^[a-z][a-z_]*$/);
    // Every id a stream can be named by; each category's streamOf picks its own.
    const ids = { passId: '3b0c1d2e-0000-4000-8000-000000000011', kommun: '0117', trainingId: '3b0c1d2e-0000-4000-8000-000000000012', accountId: '3b0c1d2e-0000-4000-8000-000000000013', sessionId: '3b0c1d2e-0000-4000-8000-000000000014' };
    for (const category of CATALOGUE) {
      for (const type of category.commands) {
        const streamId = categoryOfCommand({ type, ...ids } as unknown as Command).streamOf({ type, ...ids } as never);
        expect(categoryOf(streamId), `${type}'s stream ${streamId}`).to.equal(category.category);
        expect(foldOf(streamId), `the fold of ${streamId}`).to.equal(category);
      }
    }
  });

  it('has every category among the projections’ categories, so an instance on EventStoreDB is sent its events', () => {
    expect([...PROJECTION_CATEGORIES]).to.include.members(CATALOGUE.map((c) => c.category));
  });

  it('maps every GraphQL mutation to a command of the catalogue, an access rule and a resolver', () => {
    expect(schemaMutations).to.not.have.lengthOf(0);
    for (const field of schemaMutations) {
      const mutation = MUTATIONS.get(field.name);
      expect(mutation, `schema.graphql's ${field.name} is no command of the catalogue`).to.not.equal(undefined);
      expect(zodTypes, field.name).to.include(mutation?.command);
      expect(MUTATION_ACCESS[field.name], `${field.name} has no access rule`).to.be.an('array').that.is.not.empty;
      expect((resolvers.Mutation as Record<string, unknown>)[field.name], `${field.name} has no resolver`).to.be.a('function');
    }
    expect(Object.keys(MUTATION_ACCESS).sort(), 'access rules for mutations the schema does not have').to.deep.equal(schemaMutations.map((f) => f.name).sort());
    for (const name of SOCIAL_SERVICES_ONLY_MUTATIONS) expect(MUTATIONS.get(name)?.category, `social-services-only ${name}`).to.equal('pass');
  });

  it('has a mutation for every command of the catalogue, unless it is CLI-only on purpose', () => {
    const names = new Set(schemaMutations.map((f) => f.name));
    for (const type of zodTypes) {
      const name = mutationNameOf(type);
      if (CLI_ONLY_COMMANDS.has(type)) expect(names.has(name), `${type} is CLI-only but schema.graphql has ${name}`).to.equal(false);
      else expect(names.has(name), `${type} has no mutation ${name}(input: ${type}Input!, expectedRevision: Int) in schema.graphql`).to.equal(true);
    }
  });

  it('gives each mutation one input with exactly the command’s fields (besides its type) and an optional expectedRevision', () => {
    for (const field of schemaMutations) {
      const command = MUTATIONS.get(field.name)?.command;
      const zodCommand = Command.options.find((option) => option.shape.type.value === command) as z.ZodObject | undefined;
      const input = field.args.find((a) => a.name === 'input');
      expect(field.args.map((a) => a.name).sort(), field.name).to.deep.equal(['expectedRevision', 'input']);
      const inputType = input ? getNamedType(input.type) : undefined;
      expect(isInputObjectType(inputType), `${field.name}'s input`).to.equal(true);
      const inputFields = Object.keys((inputType as GraphQLInputObjectType).getFields()).sort();
      const commandFields = Object.keys(zodCommand?.shape ?? {}).filter((key) => key !== 'type').sort();
      expect(inputFields, `${field.name}'s input fields`).to.deep.equal(commandFields);
    }
  });
});
