import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `npm test` runs every test/**/*.test.ts, and each tier's script runs its folder only: a test file
// in no tier would run in the whole suite but in no tier's script, so it fails here instead.
const TEST_ROOT = fileURLToPath(new URL('..', import.meta.url));
const TIERS = ['unit', 'integration', 'browser'] as const;

/** Every test file under test/, as a path relative to it (test/support holds helpers, not tests). */
function testFiles(): string[] {
  return (readdirSync(TEST_ROOT, { recursive: true }) as string[]).filter((path) => path.endsWith('.test.ts')).map((path) => path.split('\\').join('/'));
}

function tierOf(path: string): string | undefined {
  const [folder, ...rest] = path.split('/');
  return rest.length > 0 ? TIERS.find((tier) => tier === folder) : undefined;
}

/** The modules a file imports, as written. */
function importsOf(path: string): string[] {
  const source = readFileSync(`${TEST_ROOT}/${path}`, 'utf8');
  return [...source.matchAll(/\b(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1] as string);
}

// A unit test is pure: no store, no server, no CLI, no child process, no browser.
const NOT_IN_UNIT = [/\/support\/(server|cli|temp|temp-store|esdb-double|esdb-demo|demo|fake-oidc|lock-holder)\.js$/, /\/store\/(sqlite|esdb\/esdb-store|data-keys)/, /\/server\/(app|main)\.js$/, /^playwright-core$/, /^node:child_process$/];

describe('test tiers: every test file is in test/unit, test/integration or test/browser', () => {
  const files = testFiles();

  it('finds the test files (the check looks where the runner looks)', () => {
    expect(files.length).to.be.greaterThan(50);
    for (const tier of TIERS) expect(files.some((path) => tierOf(path) === tier), tier).to.equal(true);
  });

  it('puts every test file in a tier, so each tier’s script and npm test run the same files', () => {
    expect(files.filter((path) => tierOf(path) === undefined)).to.deep.equal([]);
  });

  it('keeps unit tests pure: none imports a store, the server, the CLI, a child process or a browser', () => {
    const impure = files.filter((path) => tierOf(path) === 'unit').flatMap((path) => importsOf(path).filter((module) => NOT_IN_UNIT.some((rule) => rule.test(module))).map((module) => `${path}: ${module}`));
    expect(impure).to.deep.equal([]);
  });

  it('drives chromium only in browser tests, and every browser test does', () => {
    const misplaced = files.filter((path) => importsOf(path).includes('playwright-core') !== (tierOf(path) === 'browser'));
    expect(misplaced).to.deep.equal([]);
  });
});
