/**
 * `npm install` / `npm ci` run this (the `prepare` script): the browser bundles are built once
 * here, so the first visitor to a page does not wait for esbuild.
 */
import { loadExplorer } from '../src/api/explorer/build.js';
import { bundleCacheDir, type BundleFiles } from '../src/http/bundle-cache.js';
import { loadWeb } from '../src/web/build.js';

const failHard = (error: unknown) => {
  throw error;
};

for (const [name, load] of [
  ['API explorer', () => loadExplorer(failHard)],
  ['pages', () => loadWeb(failHard)],
] as const) {
  const started = performance.now();
  const files: BundleFiles = await load();
  const bytes = [...files.values()].reduce((sum, contents) => sum + contents.length, 0);
  process.stdout.write(`samlogg: ${name} ready (${files.size} files, ${(bytes / 1e6).toFixed(2)} MB, ${Math.round(performance.now() - started)} ms)\n`);
}
process.stdout.write(`samlogg: bundles in ${bundleCacheDir()}\n`);
