/**
 * The README's "Library" examples, exactly as printed: each TypeScript block type-checks against
 * the package's published typings (`import … from 'tickmark'`, resolved to this package by name as
 * a consumer's would be; strict — `test:package` checks the typings themselves with
 * `skipLibCheck: false`), then runs on the build in the README's
 * order from a clean working directory; every `console.log(…); // expected` line prints `expected`.
 * Needs the build (`pretest`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { readmeBlocks, ROOT, workingDir } from './blocks.js';

const examples = readmeBlocks().filter((b) => b.section === 'Library' && (b.lang === 'ts' || b.lang === 'typescript'));

// Inside the package (so `'tickmark'` resolves to it by its own name, as Node and TypeScript resolve a
// package's self-reference) but in the git-ignored out/.
const scratch = join(ROOT, 'out', `readme-library-${process.pid}`);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const files = examples.map((b, i) => {
  const file = join(scratch, `example-${i + 1}.mts`);
  writeFileSync(file, b.text);
  return file;
});

/** What each `console.log(…)` line of an example says it prints, in order (null: not stated). */
function expectedLines(text: string): (string | null)[] {
  return text.split('\n').filter((l) => /^\s*console\.log\(/.test(l)).map((l) => /\);\s*\/\/\s*(.+)$/.exec(l)?.[1]?.trim() ?? null);
}

describe('the README library examples', () => {
  it('are there: a pull and its verification, planning and evaluation, a filled workbook read back', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const code = examples.map((b) => b.text).join('\n');
    for (const name of ['pull', 'verifyWorkbook', 'planSample', 'evaluateSample', 'readFilledWorkbook']) expect(code).toContain(name);
  });

  it('type-check against the published typings', { timeout: 120_000 }, () => {
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true, noUncheckedIndexedAccess: true, skipLibCheck: true, noEmit: true, types: ['node'],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? `${d.file.fileName.slice(scratch.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });

  it('run as written, in order, and print what their comments say', { timeout: 180_000 }, () => {
    const dir = workingDir(tempDir('tickmark-readme-library-'));
    examples.forEach((block, i) => {
      const js = ts.transpileModule(block.text, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
      const file = join(scratch, `example-${i + 1}.mjs`);
      writeFileSync(file, js);
      const ran = spawnSync(process.execPath, [file], { cwd: dir, env: { ...process.env, TZ: 'UTC' }, encoding: 'utf8' });
      expect(ran.status, `README line ${block.line}:\n${ran.stderr}`).toBe(0);
      const printed = ran.stdout.trimEnd().split('\n');
      const expected = expectedLines(block.text);
      expect(printed.length, `README line ${block.line}`).toBe(expected.length);
      expected.forEach((line, j) => {
        if (line !== null) expect(printed[j], `README line ${block.line}, console.log #${j + 1}`).toBe(line);
      });
    });
  });
});
