import assert from 'node:assert/strict';
import { importEdges, importSpecifiers, resolveImport, sourceFiles, type ImportEdge } from '../../scripts/code-shape.js';

/** The folder a file belongs to, as the rules below name them: `src/api`, `projections`, … */
const folderOf = (path: string): string => path.split('/').slice(0, path.startsWith('src/') ? 2 : 1).join('/');

const DATABASE_CLIENTS = ['better-sqlite3', '@eventstore/db-client', '@duckdb/node-api', 'node:sqlite'];

function crossing(edges: readonly ImportEdge[], from: string, to: readonly string[]): string[] {
  return edges.filter((e) => folderOf(e.from) === from && e.to !== undefined && to.includes(folderOf(e.to))).map((e) => `${e.from} imports ${e.specifier}`);
}

describe('Module boundaries: which folder may import which (read from the source afresh)', function () {
  const edges = importEdges(sourceFiles(['src', 'projections', 'queries']));

  it('reads the imports a rule is about: static, type-only, re-exports and dynamic imports', function () {
    const text = [
      "import express, { type Router } from 'express';",
      "import type { Logger } from 'pino';",
      "import './side-effect.js';",
      "export { bearerOf } from '../../http/bearer.js';",
      "export * from './all.js';",
      "const esbuild = await import('esbuild');",
      "// import { commented } from 'not-an-import';",
    ].join('\n');
    assert.deepEqual(importSpecifiers(text), ['express', 'pino', './side-effect.js', '../../http/bearer.js', './all.js', 'esbuild', 'not-an-import']);
    assert.equal(resolveImport('src/web/report/router.ts', '../../http/bearer.js'), 'src/http/bearer.ts');
    assert.equal(resolveImport('src/web/report/router.ts', 'express'), undefined);
    // The rules see every folder they are about: an empty graph would pass them all.
    for (const folder of ['src/api', 'src/web', 'src/store', 'src/domain', 'projections', 'queries', 'src/reports', 'src/http', 'src/server']) {
      assert.ok(edges.some((e) => folderOf(e.from) === folder), `no imports read from ${folder}`);
    }
  });

  it('src/api and src/web do not import each other: what both need lives in src/reports and src/http, and src/server mounts both', function () {
    assert.deepEqual(crossing(edges, 'src/api', ['src/web']), []);
    assert.deepEqual(crossing(edges, 'src/web', ['src/api']), []);
  });

  it('nothing above src/store imports a database client', function () {
    const offending = edges.filter((e) => !e.from.startsWith('src/store/') && DATABASE_CLIENTS.some((client) => e.specifier === client || e.specifier.startsWith(`${client}/`)));
    assert.deepEqual(offending.map((e) => `${e.from} imports ${e.specifier}`), []);
  });

  it('the EventStoreDB adapter (and its gRPC client) is loaded only for an esdb store: nothing outside it imports it statically', function () {
    // A static import that runs (not `import type`): every command and the server would load gRPC at start.
    const intoEsdb = edges.filter((e) => !e.from.startsWith('src/store/esdb/') && e.to?.startsWith('src/store/esdb/'));
    assert.deepEqual(intoEsdb.filter((e) => e.kind === 'static').map((e) => `${e.from} imports ${e.to}`), []);
    assert.ok(intoEsdb.some((e) => e.from === 'src/store/index.ts' && e.kind === 'dynamic'), 'the store index still opens EventStoreDB (by a dynamic import)');
  });

  it('the functional core (domain, projections, queries) imports nothing of the shell', function () {
    const shell = ['src/api', 'src/web', 'src/cli', 'src/server', 'src/http', 'src/reports', 'src/application', 'src/demo'];
    for (const core of ['src/domain', 'projections', 'queries']) assert.deepEqual(crossing(edges, core, shell), [], core);
    assert.deepEqual(
      edges.filter((e) => e.from.startsWith('src/domain/') && e.to !== undefined && !e.to.startsWith('src/domain/')).map((e) => `${e.from} imports ${e.specifier}`),
      [],
      'the domain imports only the domain',
    );
  });

  it('the shared pieces (src/http, src/reports) import neither edge that uses them', function () {
    const edgesOf = ['src/api', 'src/web', 'src/cli', 'src/server'];
    assert.deepEqual(crossing(edges, 'src/http', edgesOf), []);
    assert.deepEqual(crossing(edges, 'src/reports', edgesOf), []);
  });
});
