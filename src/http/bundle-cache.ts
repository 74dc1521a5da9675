import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Browser bundles (the API explorer, the field app, the report page), built by esbuild from
 * node_modules and our sources, so no page needs a CDN. `npm install` builds them once (the
 * `prepare` script) into node_modules/.cache; a server that finds one missing or built from other
 * versions builds it on first use and keeps it there if it can.
 */
export type BundleFiles = ReadonlyMap<string, Buffer>;

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

export function bundleCacheDir(): string {
  return process.env.SAMLOGG_BUNDLE_CACHE ?? join(ROOT, 'node_modules', '.cache', 'samlogg-bundles');
}

/** A short hash of the bundled packages' versions and the source files: a change to any makes a new build. */
export async function bundleKey(packages: readonly string[], sources: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const name of packages) hash.update(`${name}@${(require(`${name}/package.json`) as { version: string }).version}\n`);
  for (const source of sources) hash.update(await readFile(source));
  return hash.digest('hex').slice(0, 16);
}

async function readCached(dir: string): Promise<BundleFiles | undefined> {
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
async function writeCached(cache: string, name: string, key: string, files: BundleFiles): Promise<void> {
  await mkdir(cache, { recursive: true });
  const temp = await mkdtemp(join(cache, `.${name}-${key}-`));
  try {
    for (const [file, contents] of files) await writeFile(join(temp, file), contents);
    await writeFile(join(temp, 'manifest.json'), JSON.stringify([...files.keys()]));
    // mkdtemp makes the folder private; the server may run as another user than the install.
    await chmod(temp, 0o755);
    await rename(temp, join(cache, `${name}-${key}`));
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if ((await readCached(join(cache, `${name}-${key}`))) === undefined) throw error;
  }
  // Older builds of this bundle are of no more use.
  for (const entry of await readdir(cache)) {
    if (entry.startsWith(`${name}-`) && entry !== `${name}-${key}`) await rm(join(cache, entry), { recursive: true, force: true });
  }
}

/** The bundle's files: from the cache when built from these inputs, else built now (and cached). */
export async function cachedBundle(name: string, key: string, build: () => Promise<BundleFiles>, onCacheWriteFailed?: (error: unknown) => void): Promise<BundleFiles> {
  const cache = bundleCacheDir();
  const cached = await readCached(join(cache, `${name}-${key}`));
  if (cached) return cached;
  const files = await build();
  // A read-only install still serves the bundle, from memory.
  await writeCached(cache, name, key, files).catch((error: unknown) => onCacheWriteFailed?.(error));
  return files;
}

/** One build per process and bundle, shared by every app in it; a failed build is tried again on the next request. */
export function sharedBundle(load: () => Promise<BundleFiles>): () => Promise<BundleFiles> {
  let shared: Promise<BundleFiles> | undefined;
  return () => {
    shared ??= load().catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
    return shared;
  };
}
