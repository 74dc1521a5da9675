/**
 * `node --import tsx scripts/code-shape.ts [functions|dead-exports|imports]`: the shape of the source
 * tree read afresh — the longest functions, the exports nothing else imports, which folder imports
 * which. test/module-boundaries, test/function-length and test/dead-exports hold the tree to it.
 *
 * TypeScript 7's native compiler has no compiler API, so this reads the text: comments, strings,
 * template literals and regular expressions are blanked first (newlines kept, so lines still count),
 * then braces are matched. It is conservative where it has to guess — a block it cannot tell from a
 * function body is not measured, and a name found anywhere else counts as a use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The folders of code that runs (tests apart), and what is generated rather than written. */
const SOURCE_ROOTS = ['src', 'projections', 'queries', 'scripts', 'bin'] as const;
const GENERATED = ['src/api/generated/'];
const CODE = /\.(?:ts|tsx|js|mjs)$/;

/** Paths relative to the repository, with `/`, of every source file under `roots`. */
export function sourceFiles(roots: readonly string[] = SOURCE_ROOTS): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (CODE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  for (const root of roots) walk(root);
  return files.sort();
}

const isGenerated = (path: string): boolean => GENERATED.some((prefix) => path.startsWith(prefix));

const readSource = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

// ---------------------------------------------------------------------------------------------------------
// Blanking: the code without what could hold a brace or a name that is not code

/** Where a `/` starts a regular expression rather than a division: after these, a value is expected. */
const BEFORE_VALUE = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
const KEYWORDS_BEFORE_VALUE = /(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|void|yield|await|delete|throw|new)$/;

/** Blanks one text in a single pass; each kind of token that is not code has its own step. */
class Blanker {
  private readonly out: string[];
  private readonly n: number;
  /** Per `${` we are inside: the braces opened since, to tell the `}` that resumes the template. */
  private readonly braces: number[] = [];
  private i = 0;
  private lastSignificant = '';
  private lastWordEnd = -1;

  constructor(private readonly text: string) {
    this.out = text.split('');
    this.n = text.length;
  }

  run(): string {
    while (this.i < this.n) {
      if (!this.comment() && !this.quoted() && !this.regex()) this.code();
    }
    return this.out.join('');
  }

  private clear(from: number, to: number): void {
    for (let k = from; k < to; k += 1) if (this.out[k] !== '\n') this.out[k] = ' ';
  }

  private comment(): boolean {
    const { text, i } = this;
    if (text[i] !== '/' || (text[i + 1] !== '/' && text[i + 1] !== '*')) return false;
    const line = text[i + 1] === '/';
    const end = line ? text.indexOf('\n', i) : text.indexOf('*/', i + 2);
    const stop = end < 0 ? this.n : line ? end : end + 2;
    this.clear(i, stop);
    this.i = stop;
    return true;
  }

  private quoted(): boolean {
    const { text, i } = this;
    const c = text[i];
    if (c === '`') {
      this.i = this.template(i + 1);
      this.lastSignificant = '`';
      return true;
    }
    if (c !== "'" && c !== '"') return false;
    let k = i + 1;
    while (k < this.n && text[k] !== c && text[k] !== '\n') k += text[k] === '\\' ? 2 : 1;
    this.clear(i + 1, k);
    this.i = k + 1;
    this.lastSignificant = c;
    return true;
  }

  /** From just after a backtick (or the `}` closing a `${`): blanks to the end of the literal part, answers where code resumes. */
  private template(start: number): number {
    const { text } = this;
    let k = start;
    while (k < this.n) {
      const c = text[k];
      if (c === '\\') {
        k += 2;
      } else if (c === '`') {
        this.clear(start, k);
        return k + 1;
      } else if (c === '$' && text[k + 1] === '{') {
        this.clear(start, k);
        this.braces.push(0);
        return k + 2;
      } else k += 1;
    }
    this.clear(start, this.n);
    return this.n;
  }

  /** A `/` where a value is expected starts a regular expression: blanked with its flags. */
  private regex(): boolean {
    const { text, i } = this;
    if (text[i] !== '/') return false;
    const before = text.slice(Math.max(0, i - 12), i).trimEnd();
    const valueExpected = BEFORE_VALUE.has(this.lastSignificant) || KEYWORDS_BEFORE_VALUE.test(before);
    if (!valueExpected || (this.lastWordEnd === i && /[\w$)\]]/.test(this.lastSignificant))) return false;
    let k = i + 1;
    let inClass = false;
    while (k < this.n && text[k] !== '\n') {
      const d = text[k];
      if (d === '\\') k += 1;
      else if (d === '[') inClass = true;
      else if (d === ']') inClass = false;
      else if (d === '/' && !inClass) break;
      k += 1;
    }
    this.clear(i + 1, k);
    this.i = k + 1;
    while (this.i < this.n && /[a-z]/.test(text[this.i] as string)) this.i += 1;
    this.lastSignificant = '/';
    return true;
  }

  private code(): void {
    const c = this.text[this.i] as string;
    const depth = this.braces.length - 1;
    if (c === '{' && depth >= 0) this.braces[depth] = (this.braces[depth] as number) + 1;
    if (c === '}' && depth >= 0) {
      if (this.braces[depth] === 0) {
        this.braces.pop();
        this.i = this.template(this.i + 1);
        this.lastSignificant = '`';
        return;
      }
      this.braces[depth] = (this.braces[depth] as number) - 1;
    }
    if (!/\s/.test(c)) {
      this.lastSignificant = c;
      if (/[\w$]/.test(c)) this.lastWordEnd = this.i + 1;
    }
    this.i += 1;
  }
}

/**
 * The text with comments, string and template contents and regular expressions replaced by spaces
 * (newlines kept); `${…}` inside a template stays code. Quotes stay, so `'…'` is still a token.
 */
export function blank(text: string): string {
  return new Blanker(text).run();
}

// ---------------------------------------------------------------------------------------------------------
// Functions and their lengths

interface FunctionSpan {
  readonly file: string;
  /** The function's name where one is written (a declaration, a method, `const name = (…) =>`), else `(anonymous)`. */
  readonly name: string;
  /** First line (1-based) of the signature. */
  readonly line: number;
  /** Lines from the signature to the closing brace, both included. */
  readonly lines: number;
}

const CONTROL = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'await', 'return', 'typeof', 'function']);

function matching(code: string, open: number): number {
  const pair: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const close = pair[code[open] as string] as string;
  const opener = code[open] as string;
  let depth = 0;
  for (let k = open; k < code.length; k += 1) {
    const c = code[k];
    if (c === opener) depth += 1;
    else if (c === close) {
      depth -= 1;
      if (depth === 0) return k;
    }
  }
  return -1;
}

function matchingBackward(code: string, close: number): number {
  const pair: Record<string, string> = { ')': '(', '}': '{', ']': '[', '>': '<' };
  const opener = pair[code[close] as string] as string;
  const closer = code[close] as string;
  let depth = 0;
  for (let k = close; k >= 0; k -= 1) {
    const c = code[k];
    if (c === closer && !(closer === '>' && code[k - 1] === '=')) depth += 1;
    else if (c === opener) {
      depth -= 1;
      if (depth === 0) return k;
    }
  }
  return -1;
}

/** After a parameter list's `)`: skips a return type and answers the index of the body's `{`, or -1. */
function bodyAfterParameters(code: string, close: number): number {
  let k = close + 1;
  while (/\s/.test(code[k] ?? '')) k += 1;
  if (code[k] === '{') return k;
  if (code[k] !== ':') return -1;
  // A return type: a `{` right after `:`, `|`, `&`, `<`, `,`, `(`, `[` or `=>` opens a type literal; after anything else it is the body.
  k += 1;
  let previous = ':';
  while (k < code.length) {
    const c = code[k] as string;
    if (c === '{') {
      if (/[:|&<,([]$/.test(previous) || previous.endsWith('=>')) {
        k = matching(code, k);
        if (k < 0) return -1;
        previous = '}';
        k += 1;
        continue;
      }
      return k;
    }
    if (c === '(' || c === '[') {
      const end = matching(code, k);
      if (end < 0) return -1;
      previous = code[end] as string;
      k = end + 1;
      continue;
    }
    if (c === ';' || c === '=' && code[k + 1] !== '>' || c === '}' || c === ')') return -1;
    if (!/\s/.test(c)) previous = c === '>' && code[k - 1] === '=' ? '=>' : c;
    k += 1;
  }
  return -1;
}

const lineAt = (starts: readonly number[], index: number): number => {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= index) low = mid;
    else high = mid - 1;
  }
  return low + 1;
};

/** The name written before a function: `function name`, `name(` (a method), `name = …` or `name: …`. */
function nameBefore(code: string, at: number): string {
  const before = code.slice(Math.max(0, at - 200), at);
  const declared = /(?:function\*?\s+|(?:const|let|var)\s+)([\w$]+)\s*(?:<[^>]*>)?\s*(?:=\s*(?:async\s*)?)?\(?[^()]*$/.exec(before);
  if (declared) return declared[1] as string;
  const method = /([\w$]+)\s*(?:<[^>]*>)?\s*$/.exec(before);
  if (method && !CONTROL.has(method[1] as string)) return method[1] as string;
  const assigned = /([\w$]+)\s*[:=]\s*(?:async\s*)?(?:function\s*)?$/.exec(before);
  return assigned ? (assigned[1] as string) : '(anonymous)';
}

/** Every function body in `text` that the scan can tell for one: declarations, methods, function expressions, arrows with a block. */
export function functionSpans(file: string, text: string): FunctionSpan[] {
  const code = blank(text);
  const starts = [0];
  for (let k = 0; k < code.length; k += 1) if (code[k] === '\n') starts.push(k + 1);
  const spans: FunctionSpan[] = [];
  const seen = new Set<number>();
  const add = (signature: number, body: number, name: string) => {
    if (body < 0 || seen.has(body)) return;
    const end = matching(code, body);
    if (end < 0) return;
    seen.add(body);
    const line = lineAt(starts, signature);
    spans.push({ file, name, line, lines: lineAt(starts, end) - line + 1 });
  };
  for (let k = 0; k < code.length; k += 1) {
    const c = code[k];
    if (c === '=' && code[k + 1] === '>') {
      let b = k + 2;
      while (/\s/.test(code[b] ?? '')) b += 1;
      if (code[b] !== '{') continue;
      // The arrow's parameters: `(…)` (maybe with a return type before `=>`) or one name.
      let p = k - 1;
      while (p > 0 && /\s/.test(code[p] as string)) p -= 1;
      let signature = p;
      if (code[p] === ')') signature = matchingBackward(code, p);
      else {
        const open = code.lastIndexOf('(', p);
        const close = open >= 0 ? matching(code, open) : -1;
        // `(…): Type =>`: the parameters are the last balanced group before the return type.
        if (close >= 0 && close < p && /^\s*:/.test(code.slice(close + 1, p + 1))) signature = matchingBackward(code, close);
      }
      add(signature < 0 ? k : signature, b, nameBefore(code, signature < 0 ? k : signature));
      continue;
    }
    if (c !== ')') continue;
    const open = matchingBackward(code, k);
    if (open < 0) continue;
    const body = bodyAfterParameters(code, k);
    if (body < 0) continue;
    // What stands before `(`: a control keyword is a block, not a function.
    let w = open - 1;
    while (w >= 0 && /\s/.test(code[w] as string)) w -= 1;
    if (code[w] === '>') w = matchingBackward(code, w) - 1;
    while (w >= 0 && /\s/.test(code[w] as string)) w -= 1;
    const word = /([\w$]+)$/.exec(code.slice(Math.max(0, w - 60), w + 1))?.[1];
    if (word === undefined) {
      if (code[w] === '*' || code[w] === ']') add(open, body, '(anonymous)');
      continue;
    }
    if (CONTROL.has(word) && word !== 'function') continue;
    const signature = w + 1 - word.length;
    add(signature, body, word === 'function' ? nameBefore(code, signature) : word);
  }
  return spans.sort((a, b) => a.line - b.line);
}

/** Every function over `limit` lines in the source tree, outside generated code, longest first. */
export function longFunctions(limit: number, files: readonly string[] = sourceFiles()): FunctionSpan[] {
  return files
    .filter((file) => !isGenerated(file))
    .flatMap((file) => functionSpans(file, readSource(file)))
    .filter((span) => span.lines > limit)
    .sort((a, b) => b.lines - a.lines);
}

// ---------------------------------------------------------------------------------------------------------
// Imports

/** How a module is imported: loaded with the importer (`static`), only for its types, or when asked (`import()`). */
type ImportKind = 'static' | 'type' | 'dynamic';

/** What a file imports or re-exports (static and dynamic, type-only included), with how. */
function importsIn(text: string): Array<{ specifier: string; kind: ImportKind }> {
  const pattern = /(?:^|[\s;}])(?:import|export)\s+(type\s+)?(?:[\w$*{}\s,]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  return [...text.matchAll(pattern)].map((match) =>
    match[3] !== undefined ? { specifier: match[3], kind: 'dynamic' } : { specifier: match[2] as string, kind: match[1] ? 'type' : 'static' },
  );
}

/** The module specifiers a file imports or re-exports (static and dynamic, type-only included). */
export function importSpecifiers(text: string): string[] {
  return importsIn(text).map((found) => found.specifier);
}

/** A relative specifier resolved to the repository path of the file it names (`.js` read as `.ts`). */
export function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = relative(ROOT, resolve(ROOT, dirname(from), specifier)).split(sep).join('/');
  return target.replace(/\.js$/, '.ts');
}

export interface ImportEdge {
  readonly from: string;
  readonly specifier: string;
  /** The repository path for a relative import; undefined for a package. */
  readonly to: string | undefined;
  readonly kind: ImportKind;
}

export function importEdges(files: readonly string[] = sourceFiles()): ImportEdge[] {
  return files.flatMap((from) => importsIn(readSource(from)).map(({ specifier, kind }) => ({ from, specifier, to: resolveImport(from, specifier), kind })));
}

// ---------------------------------------------------------------------------------------------------------
// Exports nothing else uses

interface ExportedName {
  readonly file: string;
  readonly name: string;
}

/** The names a module exports by declaration (`export const|function|class|interface|type|enum name`) or in an `export { … }` list. */
export function exportedNames(file: string, text: string): ExportedName[] {
  const code = blank(text);
  const names = new Set<string>();
  for (const m of code.matchAll(/^\s*export\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:const|let|var|function\*?|class|interface|type|enum|abstract\s+class)\s+([\w$]+)/gm)) names.add(m[1] as string);
  for (const m of code.matchAll(/^\s*export\s+(?:type\s+)?\{([^}]*)\}(?!\s*from)/gm)) {
    for (const part of (m[1] as string).split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.replace(/^type\s+/, '').trim();
      if (name) names.add(name);
    }
  }
  return [...names].map((name) => ({ file, name }));
}

/** The list of exports still allowed (test/dead-exports.test.ts): naming one there is not a use. */
const DEAD_EXPORTS_LIST = 'test/support/still-exported.ts';

/** Folders whose files are read by name, not imported: tests and the browser bundles' entry points. */
const USE_ROOTS = [...SOURCE_ROOTS, 'test'] as const;

/**
 * Exports no other file names: a name is used if it appears as a whole word in any other source or
 * test file (an import, a re-export, or a mention a loader resolves by name). Conservative: a common
 * word used elsewhere for something else hides a dead export, never the other way round.
 */
export function deadExports(files: readonly string[] = sourceFiles(), notUses: readonly string[] = [DEAD_EXPORTS_LIST]): ExportedName[] {
  const everyFile = sourceFiles(USE_ROOTS).filter((file) => !notUses.includes(file));
  const texts = new Map(everyFile.map((file) => [file, blankStringsKept(readSource(file))] as const));
  const wordsByFile = new Map<string, Set<string>>();
  for (const [file, text] of texts) wordsByFile.set(file, new Set(text.match(/[\w$]+/g) ?? []));
  const dead: ExportedName[] = [];
  for (const file of files) {
    if (isGenerated(file)) continue;
    for (const exported of exportedNames(file, readSource(file))) {
      const usedElsewhere = everyFile.some((other) => other !== file && wordsByFile.get(other)?.has(exported.name));
      if (!usedElsewhere) dead.push(exported);
    }
  }
  return dead;
}

/** Comments blanked, strings kept: a name in a string (a dynamic lookup, a resolver map's key) counts as a use. */
function blankStringsKept(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

// ---------------------------------------------------------------------------------------------------------

function main(argv: readonly string[]): void {
  const what = argv[0] ?? 'functions';
  if (what === 'functions') {
    const limit = Number(argv[1] ?? 60);
    for (const span of longFunctions(limit)) process.stdout.write(`${String(span.lines).padStart(4)}  ${span.file}:${span.line}  ${span.name}\n`);
  } else if (what === 'dead-exports') {
    for (const dead of deadExports()) process.stdout.write(`${dead.file}  ${dead.name}\n`);
  } else if (what === 'imports') {
    const folder = (path: string) => path.split('/').slice(0, path.startsWith('src/') ? 2 : 1).join('/');
    const pairs = new Map<string, number>();
    for (const edge of importEdges()) {
      if (!edge.to) continue;
      const key = `${folder(edge.from)} -> ${folder(edge.to)}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    for (const [pair, count] of [...pairs].sort()) process.stdout.write(`${pair}  (${count})\n`);
  } else {
    process.stderr.write('usage: code-shape.ts functions [limit] | dead-exports | imports\n');
    process.exitCode = 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
