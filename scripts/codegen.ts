/**
 * Resolver types from schema.graphql, as codegen.yml says: `npm run codegen` writes them,
 * `npm run codegen -- --check` fails when they are not current (a test runs it).
 *
 * Through @graphql-codegen/core and its plugins, not the CLI: the CLI brings schema loaders over
 * HTTP, GitHub and Apollo and a terminal task runner, which need Node 22 and made `npm install`
 * warn EBADENGINE under the Node 20 we support. Our schema is one local file; this needs none of it.
 */
import { codegen } from '@graphql-codegen/core';
import * as typescript from '@graphql-codegen/typescript';
import * as typescriptResolvers from '@graphql-codegen/typescript-resolvers';
import { buildSchema, lexicographicSortSchema, parse, printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Output {
  readonly plugins: ReadonlyArray<string | { readonly add: { readonly content: string } }>;
  readonly config?: Record<string, unknown>;
}
interface Config {
  readonly schema: string;
  readonly generates: Readonly<Record<string, Output>>;
}

const PLUGINS = { typescript, 'typescript-resolvers': typescriptResolvers } as const;

async function generate(config: Config): Promise<Map<string, string>> {
  // Sorted, as the CLI sorts it, so the output does not depend on the order the schema is written in.
  const schema = lexicographicSortSchema(buildSchema(readFileSync(join(ROOT, config.schema), 'utf8')));
  const files = new Map<string, string>();
  for (const [filename, output] of Object.entries(config.generates)) {
    const added: string[] = [];
    const plugins: Parameters<typeof codegen>[0]['plugins'] = [];
    const pluginMap: Record<string, unknown> = {};
    for (const plugin of output.plugins) {
      if (typeof plugin !== 'string') {
        added.push(plugin.add.content);
        continue;
      }
      const found = PLUGINS[plugin as keyof typeof PLUGINS];
      if (!found) throw new Error(`codegen.yml: plugin ${plugin} is not one this script knows (${Object.keys(PLUGINS).join(', ')})`);
      plugins.push({ [plugin]: {} });
      pluginMap[plugin] = found;
    }
    const generated = await codegen({
      filename,
      schema: parse(printSchema(schema)),
      schemaAst: schema,
      documents: [],
      config: output.config ?? {},
      plugins,
      pluginMap: pluginMap as Parameters<typeof codegen>[0]['pluginMap'],
    });
    files.set(filename, `${added.map((text) => `${text}\n`).join('')}${generated}`);
  }
  return files;
}

const config = parseYaml(readFileSync(join(ROOT, 'codegen.yml'), 'utf8')) as Config;
const check = process.argv.includes('--check');
let stale = 0;
for (const [filename, text] of await generate(config)) {
  const path = join(ROOT, filename);
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // not there yet
  }
  if (current === text) continue;
  if (check) {
    stale += 1;
    process.stderr.write(`${filename} is not current with ${config.schema}: run npm run codegen\n`);
  } else {
    writeFileSync(path, text);
    process.stdout.write(`wrote ${filename}\n`);
  }
}
process.exit(stale > 0 ? 1 : 0);
