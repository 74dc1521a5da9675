import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KOMMUNER } from '../domain/kommun.js';
import { bundleKey, cachedBundle, ROOT, type BundleFiles } from '../http/bundle-cache.js';

/**
 * The pages' browser code (TypeScript in src/web/client), bundled by esbuild into one folder of
 * assets: a script and a stylesheet per page, the service worker, and the kommun list the field app
 * searches offline.
 */
const CLIENT = fileURLToPath(new URL('./client/', import.meta.url));

/** Page scripts: each `<name>.ts` in src/web/client/pages becomes assets/<name>.js. */
const PAGES = join(CLIENT, 'pages');
const PACKAGES = ['esbuild'];

async function sources(): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (/\.(ts|css)$/.test(entry.name)) found.push(path);
    }
  };
  await walk(CLIENT);
  return found.sort();
}

/** The kommun list for search, in the order people look for them: code, name, county (län). */
function kommunList(): string {
  return JSON.stringify([...KOMMUNER.values()].map((k) => [k.code, k.name, k.lanName]));
}

async function buildWeb(): Promise<BundleFiles> {
  const esbuild = await import('esbuild');
  const pages = (await readdir(PAGES)).filter((name) => name.endsWith('.ts'));
  const common: import('esbuild').BuildOptions & { write: false } = {
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    write: false,
    outdir: join(ROOT, 'web-assets'),
    entryNames: '[name]',
    target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
    logLevel: 'silent',
  };
  const [page, worker] = await Promise.all([
    esbuild.build({ ...common, format: 'esm', entryPoints: Object.fromEntries(pages.map((name) => [basename(name, '.ts'), join(PAGES, name)])) }),
    esbuild.build({ ...common, format: 'iife', entryPoints: { 'service-worker': join(CLIENT, 'service-worker.ts') } }),
  ]);
  const files = new Map<string, Buffer>();
  for (const output of [...page.outputFiles, ...worker.outputFiles]) files.set(basename(output.path), Buffer.from(output.contents));
  files.set('kommuner.json', Buffer.from(kommunList()));
  return files;
}

/** The server's own modules the pages bundle (one implementation of the vocabulary and the identity guard). */
export const SHARED = ['vocabulary.ts', 'identity-guard.ts'].map((name) => fileURLToPath(new URL(`../domain/${name}`, import.meta.url)));

const webKey = async () => bundleKey(PACKAGES, [...(await sources()), ...SHARED, fileURLToPath(import.meta.url), join(ROOT, 'reference', 'kommuner-sverige.csv')]);

export async function loadWeb(onCacheWriteFailed?: (error: unknown) => void): Promise<BundleFiles> {
  return cachedBundle('web', await webKey(), buildWeb, onCacheWriteFailed);
}
