import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleKey, cachedBundle, ROOT, type BundleFiles } from '../../http/bundle-cache.js';

/**
 * The API explorer's browser files: GraphiQL (client.js) and Monaco's three workers, bundled by
 * esbuild from node_modules, so the explorer needs no CDN and works with no internet. `npm ci` builds
 * them once (the `prepare` script) into node_modules/.cache; a server that finds them missing or built
 * from other versions builds them on first use (about two seconds) and keeps them there if it can.
 */

export type ExplorerFiles = BundleFiles;

const HERE = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);

/** What the bundle is made of: a change to any of these makes a new build. */
const INPUTS = ['graphiql', '@graphiql/react', 'react', 'react-dom', 'monaco-editor', 'monaco-graphql', 'esbuild'];
const SOURCES = ['client.js', 'client.css', 'build.ts'];

/** A short hash of the bundled packages' versions and our sources. */
const explorerKey = () => bundleKey(INPUTS, SOURCES.map((source) => join(HERE, source)));

/** Bundles the explorer in memory: explorer.js and .css, the workers, Monaco's icon font. */
async function buildExplorer(): Promise<ExplorerFiles> {
  const esbuild = await import('esbuild');
  const common: import('esbuild').BuildOptions & { write: false } = {
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    write: false,
    outdir: join(ROOT, 'explorer-assets'),
    entryNames: '[name]',
    target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  };
  const [page, workers] = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: { explorer: join(HERE, 'client.js') },
      format: 'esm',
      loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
    }),
    esbuild.build({
      ...common,
      entryPoints: {
        'editor.worker': require.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
        'json.worker': require.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
        'graphql.worker': require.resolve('monaco-graphql/esm/graphql.worker.js'),
      },
      // Classic workers: `new Worker(url)` in client.js, as every browser has long run them.
      format: 'iife',
    }),
  ]);
  const files = new Map<string, Buffer>();
  for (const output of [...page.outputFiles, ...workers.outputFiles]) files.set(basename(output.path), Buffer.from(output.contents));
  for (const required of ['explorer.js', 'explorer.css', 'editor.worker.js', 'json.worker.js', 'graphql.worker.js']) {
    if (!files.has(required)) throw new Error(`explorer build: ${required} was not produced`);
  }
  return files;
}

/** The explorer's files: from the cache when built from these versions, else built now (and cached). */
export async function loadExplorer(onCacheWriteFailed?: (error: unknown) => void): Promise<ExplorerFiles> {
  return cachedBundle('explorer', await explorerKey(), buildExplorer, onCacheWriteFailed);
}
