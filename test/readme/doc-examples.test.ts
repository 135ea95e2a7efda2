/**
 * The `@example` blocks of the doc comments below the orchestration — statistics, sampling, periods
 * and zones, text, the population vocabulary, completeness, rules, evaluation, ingest, export,
 * source profiles, CLI help and the error registry — run (test/readme/doc-examples.ts): every one
 * that is code runs on the build, and every value it states in a comment holds (a stated throw
 * too). An example that names something only its context has (a `store`, a `chunk`, a file)
 * illustrates a call in place: it runs up to that name and is counted, not failed. The service, the operations, SQL, the store and the generator are left
 * out: their examples are calls in a running service or on large data. Needs the build (`pretest`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { ROOT } from './blocks.js';
import { docExamples, runnerModule, sourceFiles, type DocExample, type ExampleOutcome } from './doc-examples.js';

const PURE = ['stats', 'sampling', 'period', 'time', 'text', 'population', 'completeness', 'rules', 'sources', 'cli/help', 'evaluation', 'ingest', 'export'];
const examples = docExamples([...PURE.flatMap((dir) => sourceFiles(join(ROOT, 'src', dir))), join(ROOT, 'src/errors.ts')]);
const scratch = join(ROOT, 'out', `doc-examples-${process.pid}`);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Run examples in a child process and read back each one's outcome, by index. */
function run(list: readonly DocExample[]): Map<number, ExampleOutcome> {
  // Each module's export names, read by Node from the build (not through vitest's transform).
  const files = [...new Set(['src/index.ts', ...list.map((e) => e.file)])];
  const listNames = `const files = ${JSON.stringify(files)}; const out = {}; for (const f of files) out[f] = Object.keys(await import(${JSON.stringify(`${ROOT}/dist/`)} + f.replace(/\\.ts$/, '.js'))); console.log(JSON.stringify(out)); process.exit(0);`;
  const listed = spawnSync(process.execPath, ['--input-type=module', '-e', listNames], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  expect(listed.status, listed.stderr).toBe(0);
  const names = new Map(Object.entries(JSON.parse(listed.stdout) as Record<string, string[]>));
  const runner = join(scratch, `run-${list.length}.mjs`);
  const results = join(scratch, `run-${list.length}.jsonl`);
  writeFileSync(results, '');
  writeFileSync(runner, runnerModule(list, names, results, 2000));
  const ran = spawnSync(process.execPath, [runner], { cwd: tempDir('tickmark-doc-examples-'), encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TZ: 'UTC' }, maxBuffer: 16 * 1024 * 1024, timeout: 170_000 });
  const outcomes = new Map<number, ExampleOutcome>();
  for (const line of readFileSync(results, 'utf8').split('\n')) {
    if (!line) continue;
    const { index, ...outcome } = JSON.parse(line) as { index: number } & ExampleOutcome;
    outcomes.set(index, outcome);
  }
  expect(outcomes.size, `stopped at ${JSON.stringify(list[outcomes.size])}: ${ran.stderr.slice(-2000)}`).toBe(list.length);
  return outcomes;
}

describe('the @example blocks of the doc comments', () => {
  it('fail when a stated value is wrong, and tell a fragment from a broken call', { timeout: 60_000 }, () => {
    const file = 'src/text/grouped.ts';
    const outcomes = run([
      { file, line: 1, code: "grouped(20000) // '20,000'" },
      { file, line: 2, code: "grouped(20000) // '20000'" },
      { file, line: 3, code: 'planSample({ basis: \'fixed\', n: 25 })\n// { n: 25, allowedDeviations: 0 }' },
      { file, line: 4, code: 'recordKeys(chunk, [\'id\'])' },
      { file, line: 5, code: "tickmarkError('TM_ERR_NOPE', {}).message" },
      { file, line: 6, code: 'tickmark ingest changes.csv --kind change' },
      { file, line: 7, code: "parsePeriod('2025-12-31..2025-01-01') // throws TM_ERR_BAD_PERIOD" },
      { file, line: 8, code: "parsePeriod('2025-01-01..2025-12-31') // throws TM_ERR_BAD_PERIOD" },
    ]);
    expect(outcomes.get(0)).toEqual({ status: 'pass', checks: 1 });
    expect(outcomes.get(1)).toEqual({ status: 'check_failed', line: 1, actual: "'20,000'", expected: "'20000'" });
    expect(outcomes.get(2)).toEqual({ status: 'pass', checks: 1 });
    expect(outcomes.get(3)).toEqual({ status: 'fragment', name: 'chunk' });
    expect(outcomes.get(4)).toMatchObject({ status: 'error' });
    expect(outcomes.get(5)).toMatchObject({ status: 'not_code' });
    expect(outcomes.get(6)).toEqual({ status: 'pass', checks: 1 });
    expect(outcomes.get(7)).toEqual({ status: 'check_failed', line: 1, actual: 'no error', expected: 'TM_ERR_BAD_PERIOD' });
  });

  it('run on the build, and the values they state hold', { timeout: 180_000 }, () => {
    const outcomes = run(examples);
    const where = (i: number) => `${examples[i]!.file}:${examples[i]!.line}`;
    const by = (status: ExampleOutcome['status']) => [...outcomes].filter(([, o]) => o.status === status).map(([i, o]) => ({ at: where(i), ...o }));
    expect(by('check_failed')).toEqual([]);
    expect(by('error')).toEqual([]);
    // Most are whole examples whose values are checked; the rest call in a context (a store, a chunk) or are prose.
    const passed = by('pass');
    expect(passed.length).toBeGreaterThanOrEqual(130);
    expect(passed.reduce((n, o) => n + (o as { checks: number }).checks, 0)).toBeGreaterThan(100);
  });
});
