/**
 * The `@example` blocks of the source's doc comments, made runnable: each example becomes an async
 * function in one generated module that imports the example's own module (built, from dist/) and
 * the public API, so an example may use both by name. A line `EXPR // VALUE` (or `EXPR;` with the
 * value on the next comment line) whose VALUE reads as a JavaScript literal is checked: primitives
 * equal, objects and arrays as a subset (`{ n: 93 }` holds for a plan that also has a rationale).
 * A value with `…` in it is illustrative and not checked; an example with `…` in its code is a
 * sketch and is not run. `EXPR // throws TM_ERR_X` checks that EXPR throws that coded error. An
 * example that needs what only its context has (a name it does not define, a file) is a fragment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { ROOT } from './blocks.js';

export interface DocExample {
  /** Source file, relative to the repository. */
  file: string;
  /** 1-based line of the `@example` tag. */
  line: number;
  code: string;
}

/** The TypeScript files under `dir`. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'web' && dir.endsWith('src') ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every `@example` in src/ (the browser app excepted: it is not part of the Node build). */
export function docExamples(files: readonly string[] = sourceFiles(join(ROOT, 'src'))): DocExample[] {
  const out: DocExample[] = [];
  for (const path of files) {
    const lines = readFileSync(path, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*\*\s*@example\s*$/.test(lines[i]!)) continue;
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length && !/^\s*\*\//.test(lines[j]!) && !/^\s*\*\s*@\w+/.test(lines[j]!); j++) body.push(lines[j]!.replace(/^\s*\* ?/, ''));
      out.push({ file: relative(ROOT, path), line: i + 1, code: body.join('\n').trim() });
    }
  }
  return out;
}

/** True when `node` is a plain value: a string, number, bigint, boolean, null or undefined, or an array or object of them. */
function isPlainValue(node: ts.Node): boolean {
  if (ts.isParenthesizedExpression(node)) return isPlainValue(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isNumericLiteral(node) || ts.isBigIntLiteral(node)) return true;
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isIdentifier(node)) return ['undefined', 'NaN', 'Infinity'].includes(node.text);
  if (ts.isPrefixUnaryExpression(node)) return node.operator === ts.SyntaxKind.MinusToken && isPlainValue(node.operand);
  if (ts.isArrayLiteralExpression(node)) return node.elements.every(isPlainValue);
  if (ts.isObjectLiteralExpression(node)) return node.properties.every((p) => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && isPlainValue(p.initializer));
  return false;
}

/** A comment's leading value when it is a plain literal (`'2025-Q2'`, `{ n: 93 }`, `true (why)`), else undefined. */
export function literalOf(comment: string): string | undefined {
  const text = comment.trim();
  if (text.includes('…')) return undefined;
  for (const candidate of [text, text.split(/\s+\(|:\s|\s—\s|\s-\s|;\s/)[0]!.trim()]) {
    const file = ts.createSourceFile('value.ts', `(${candidate});`, ts.ScriptTarget.ES2022, false);
    const statement = file.statements[0];
    const syntaxErrors = (file as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
    if (!syntaxErrors && file.statements.length === 1 && statement && ts.isExpressionStatement(statement) && isPlainValue(statement.expression)) return candidate;
  }
  return undefined;
}

/**
 * An example's code with its checked lines rewritten as calls to `__check(line, () => EXPR, () => VALUE)`;
 * the rest as written. Returns undefined when the example has nothing to run (prose, a shell line).
 */
export function checkedCode(code: string): string {
  const lines = code.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const inline = /^(?!\s*(?:const|let|var|import|export|await\s+using|return|throw|if|for|while)\b)(.+?);?\s*\/\/\s*(.+)$/.exec(line);
    const next = lines[i + 1];
    const below = !inline && next !== undefined && /^\s*\/\/\s*(.+)$/.exec(next);
    const expr = inline ? inline[1]! : below ? line.replace(/;\s*$/, '') : undefined;
    const value = inline ? literalOf(inline[2]!) : below ? literalOf(below[1]!) : undefined;
    const throws = inline ? /^throws (TM_ERR_[A-Z_]+)\b/.exec(inline[2]!.trim()) : null;
    if (inline && throws) {
      out.push(`await __throws(${i + 1}, async () => (${inline[1]!.trim()}), ${JSON.stringify(throws[1])});`);
      continue;
    }
    if (expr !== undefined && value !== undefined && !/^\s*(const|let|var|import|export|return|throw)\b/.test(expr) && !expr.trim().startsWith('//')) {
      out.push(`await __check(${i + 1}, async () => (${expr.trim()}), () => (${value}));`);
      if (below) i++;
    } else out.push(line);
  }
  return out.join('\n');
}

export type ExampleOutcome =
  | { status: 'pass'; checks: number }
  | { status: 'check_failed'; line: number; actual: string; expected: string }
  | { status: 'fragment'; name: string }
  | { status: 'not_code'; reason: string }
  | { status: 'error'; message: string };

/** The module of `src/x/y.ts` as built. */
function built(file: string): string {
  return join(ROOT, 'dist', file.replace(/\.ts$/, '.js'));
}

/**
 * One ES module that runs every example in turn (each in its own function, under a time limit)
 * and appends a JSON line per example, its outcome, to `results` (an example may print what it likes).
 */
export function runnerModule(examples: readonly DocExample[], exportNames: ReadonlyMap<string, readonly string[]>, results: string, timeoutMs = 5000): string {
  const modules = [...new Set(examples.map((e) => e.file))];
  const head = [
    "import { isDeepStrictEqual, inspect } from 'node:util';",
    "import { appendFileSync } from 'node:fs';",
    `const __report = (outcome) => appendFileSync(${JSON.stringify(results)}, JSON.stringify(outcome) + '\\n');`,
    `import * as __api from ${JSON.stringify(built('src/index.ts'))};`,
    ...modules.map((m, i) => `import * as __m${i} from ${JSON.stringify(built(m))};`),
    `const __subset = (a, e) => e !== null && typeof e === 'object' && a !== null && typeof a === 'object'
      ? (Array.isArray(e) ? Array.isArray(a) && a.length === e.length && e.every((x, i) => __subset(a[i], x)) : Object.keys(e).every((k) => __subset(a[k], e[k])))
      : isDeepStrictEqual(a, e);`,
    `class __CheckFailed extends Error { constructor(line, actual, expected) { super('check'); Object.assign(this, { line, actual, expected }); } }`,
    'let __checks = 0;',
    'async function __throws(line, fn, code) { let thrown; try { await fn(); } catch (err) { if (err instanceof ReferenceError) throw err; thrown = err; } __checks++; if (thrown?.code !== code) throw new __CheckFailed(line, thrown ? String(thrown.code ?? thrown) : \'no error\', code); }',
    'async function __check(line, actual, expected) { const a = await actual(); const e = expected(); __checks++; if (!__subset(a, e)) throw new __CheckFailed(line, inspect(a, { depth: 4 }), inspect(e, { depth: 4 })); }',
    `async function __run(index, fn) {
      __checks = 0;
      let timer;
      try {
        await Promise.race([fn(), new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timed out')), ${timeoutMs}); })]);
        return { status: 'pass', checks: __checks };
      } catch (err) {
        if (err instanceof __CheckFailed) return { status: 'check_failed', line: err.line, actual: err.actual, expected: err.expected };
        if (err instanceof ReferenceError) return { status: 'fragment', name: (/^(\\S+) is not defined/.exec(err.message) ?? [])[1] ?? err.message };
        if (err?.code === 'TM_ERR_FILE_NOT_FOUND' || err?.code === 'ENOENT') return { status: 'fragment', name: String(err.details?.path ?? err.path ?? 'a file') };
        return { status: 'error', message: String(err?.message ?? err).slice(0, 300) };
      } finally { clearTimeout(timer); }
    }`,
  ];
  const body = examples.map((example, index) => {
    const code = checkedCode(example.code.split('\n').filter((l) => !/^\s*import\s.+from\s+'tickmark'/.test(l)).join('\n'));
    const js = ts.transpileModule(code, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
    if (js.diagnostics?.length || !code.trim()) {
      return `__report({ index: ${index}, status: 'not_code', reason: ${JSON.stringify(js.diagnostics?.length ? ts.flattenDiagnosticMessageText(js.diagnostics[0]!.messageText, ' ') : 'empty')} });`;
    }
    if (code.includes('…')) return `__report({ index: ${index}, status: 'not_code', reason: 'a sketch: parts elided with …' });`;
    if (/^\s*import\s/m.test(js.outputText) || /^\s*export\s/m.test(js.outputText)) {
      return `__report({ index: ${index}, status: 'not_code', reason: 'imports another package' });`;
    }
    // The example's own module and the public API by name (its module wins), in a block of its own so it may shadow them.
    const names = [...new Set([...(exportNames.get('src/index.ts') ?? []), ...(exportNames.get(example.file) ?? [])])].filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
    const scope = `{ ...__api, ...__m${modules.indexOf(example.file)} }`;
    return `__report({ index: ${index}, ...(await __run(${index}, async () => {\n  const { ${names.join(', ')} } = ${scope};\n  {\n${js.outputText.replace(/export \{\};\s*$/, '')}\n  }\n})) });`;
  });
  return [...head, ...body, 'process.exit(0);'].join('\n');
}
