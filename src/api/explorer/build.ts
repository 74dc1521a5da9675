import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The API explorer's browser files: GraphiQL (client.js) and Monaco's three workers, bundled by
 * esbuild from node_modules, so the explorer needs no CDN and works with no internet. `npm ci` builds
 * them once (the `prepare` script) into node_modules/.cache; a server that finds them missing or built
 * from other versions builds them on first use (about two seconds) and keeps them there if it can.
 */

export type ExplorerFiles = ReadonlyMap<string, Buffer>;

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);

/** What the bundle is made of: a change to any of these makes a new build. */
const INPUTS = ['graphiql', '@graphiql/react', 'react', 'react-dom', 'monaco-editor', 'monaco-graphql', 'esbuild'];
const SOURCES = ['client.js', 'client.css', 'build.ts'];

export function explorerCacheDir(): string {
  return process.env.SAMLOGG_EXPLORER_CACHE ?? join(ROOT, 'node_modules', '.cache', 'samlogg-explorer');
}

/** A short hash of the bundled packages' versions and our sources. */
export async function explorerKey(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of INPUTS) hash.update(`${name}@${(require(`${name}/package.json`) as { version: string }).version}\n`);
  for (const source of SOURCES) hash.update(await readFile(join(HERE, source)));
  return hash.digest('hex').slice(0, 16);
}

/** Bundles the explorer in memory: explorer.js and .css, the workers, Monaco's icon font. */
export async function buildExplorer(): Promise<ExplorerFiles> {
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

async function readCached(dir: string): Promise<ExplorerFiles | undefined> {
  try {
    const names = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as string[];
    const files = new Map<string, Buffer>();
    for (const name of names) files.set(name, await readFile(join(dir, basename(name))));
    return files;
  } catch {
    return undefined;
  }
}

/** Writes a build beside the others under its key; a second writer racing this one loses harmlessly. */
async function writeCached(cache: string, key: string, files: ExplorerFiles): Promise<void> {
  await mkdir(cache, { recursive: true });
  const temp = await mkdtemp(join(cache, `.${key}-`));
  try {
    for (const [name, contents] of files) await writeFile(join(temp, name), contents);
    await writeFile(join(temp, 'manifest.json'), JSON.stringify([...files.keys()]));
    // mkdtemp makes the folder private; the server may run as another user than the install.
    await chmod(temp, 0o755);
    await rename(temp, join(cache, key));
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if ((await readCached(join(cache, key))) === undefined) throw error;
  }
  // Builds from older versions are of no more use.
  for (const entry of await readdir(cache)) {
    if (entry !== key && !entry.startsWith('.')) await rm(join(cache, entry), { recursive: true, force: true });
  }
}

/** The explorer's files: from the cache when built from these versions, else built now (and cached). */
export async function loadExplorer(onCacheWriteFailed?: (error: unknown) => void): Promise<ExplorerFiles> {
  const cache = explorerCacheDir();
  const key = await explorerKey();
  const cached = await readCached(join(cache, key));
  if (cached) return cached;
  const files = await buildExplorer();
  // A read-only install still serves the explorer, from memory.
  await writeCached(cache, key, files).catch((error: unknown) => onCacheWriteFailed?.(error));
  return files;
}

// `node --import tsx src/api/explorer/build.ts`: the `prepare` script, run by `npm ci` and `npm install`.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const files = await loadExplorer((error) => {
    throw error;
  });
  const bytes = [...files.values()].reduce((sum, contents) => sum + contents.length, 0);
  process.stdout.write(`samlogg: API explorer ready (${files.size} files, ${(bytes / 1e6).toFixed(1)} MB, ${Math.round(performance.now() - started)} ms) in ${explorerCacheDir()}\n`);
}
