/**
 * Golden workbook: the bundled change log, a stratified sample of 25 (seed 20251231), the
 * completeness report and the built-in change tests → a workbook whose sheets, header rows and
 * key cells match fixtures/expected/workbook-golden.json. `UPDATE_GOLDEN=1` rewrites the file and
 * fails (review the diff before committing it); a missing file is a failure: no passing run writes
 * its own expectation.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../src/export/workbook/write.js';
import type { WorkbookInput } from '../../src/export/workbook/input.js';
import { columnName } from '../../src/export/workbook/content.js';
import { tempDir, tempStore } from '../helpers/tmp.js';
import { CHANGES, workbookInputFor } from './fixture.js';
import { summarizeWorkbook, type SheetSummary } from './summarize.js';

const GOLDEN = 'fixtures/expected/workbook-golden.json';

describe('golden workbook', () => {
  let input: WorkbookInput;
  let path: string;
  let summary: Awaited<ReturnType<typeof summarizeWorkbook>>;
  const sheet = (name: string): SheetSummary => summary.sheets.find((s) => s.name === name)!;

  beforeAll(async () => {
    const store = tempStore();
    input = await workbookInputFor(store, CHANGES);
    path = join(tempDir('tickmark-golden-'), 'CC8.1-sample.xlsx');
    await writeWorkbook(input, path);
    summary = await summarizeWorkbook(path);
  }, 60_000);

  it('matches the committed expectation', () => {
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(GOLDEN, `${JSON.stringify(summary, null, 1)}\n`);
      expect.fail(`${GOLDEN} rewritten (UPDATE_GOLDEN=1): review the diff, then run again without UPDATE_GOLDEN`);
    }
    expect(existsSync(GOLDEN), `${GOLDEN} is missing: run UPDATE_GOLDEN=1 once and review it`).toBe(true);
    expect(summary).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });

  it('has the nine sheets in order, then the very hidden machine copy', () => {
    expect(summary.sheets.map((s) => [s.name, s.state])).toEqual([
      ['Lead', 'visible'], ['Population', 'visible'], ['Completeness', 'visible'], ['Selection', 'visible'],
      ['Test matrix', 'visible'], ['Sample detail', 'visible'], ['Exceptions', 'visible'], ['Evaluation', 'visible'], ['Legend', 'visible'], ['tickmark', 'veryHidden'],
    ]);
  });

  it('puts one matrix row per sampled item in selection order: automated results beside a yellow override, manual ones as drop-downs', () => {
    const m = sheet('Test matrix');
    const items = input.sample.selection.items;
    expect(m.table.map((r) => r[0])).toEqual(items.map((i) => i.order));
    expect(m.table.map((r) => r[1])).toEqual(items.map((i) => i.key));
    const first = m.headers.indexOf('A');
    const manual = m.headers.indexOf('H (manual)');
    expect(first).toBeGreaterThan(0);
    expect(m.headers.slice(first, manual)).toEqual(['A', 'A override', 'B', 'B override', 'C', 'C override', 'D', 'D override', 'E', 'E override', 'F', 'F override', 'G', 'G override']);
    const tool = (r: unknown[]) => r.slice(first, manual).filter((_, i) => i % 2 === 0);
    expect(new Set(m.table.flatMap(tool))).toEqual(new Set(['✓', 'X', 'N/A']));
    expect(m.table.every((r) => r.slice(first, manual).every((v, i) => i % 2 === 0 || v === null) && (r[manual] ?? null) === null)).toBe(true);
    const range = (index: number) => `${columnName(index + 1)}${m.frozen!.rows + 1}:${columnName(index + 1)}${m.frozen!.rows + items.length}`;
    const overrides = [1, 3, 5, 7, 9, 11, 13].map((k) => ({ ref: range(first + k), list: '"✓,X,N/A"', cells: items.length }));
    expect(m.validations).toEqual([...overrides, { ref: range(manual), list: '"✓,X,N/A"', cells: items.length }]);
    expect(m.conditional.map((c) => c.types)).toEqual([['cellIs']]);
    expect(m.frozen).toEqual({ rows: m.frozen!.rows, columns: 2 });
    expect(m.headers.slice(-3)).toEqual(['Override reason', 'Evidence reference', 'Comment']);
  });

  it('puts every source column of the sampled rows on Sample detail, in draw order — every row of a unit of several', () => {
    const d = sheet('Sample detail');
    const items = input.sample.selection.items;
    expect(d.table.map((r) => [r[0], r[1], r[6]])).toEqual(items.flatMap((i) => (i.rows && i.rows.length > 1 ? i.rows : [i.record]).map((record) => [i.order, i.key, record])));
    expect(items.some((i) => (i.rows?.length ?? 1) > 1)).toBe(true); // the change log repeats keys: a unit of two rows is sampled
    for (const h of input.population.headers.filter((h) => h !== 'Number')) expect(d.headers.some((x) => String(x).startsWith(h))).toBe(true);
  });

  it('lists every exception the tests found, and the counts tie to the lead sheet', () => {
    const findings = input.tests!.findings;
    expect(findings.length).toBeGreaterThan(0);
    const ex = sheet('Exceptions');
    expect(ex.table.map((r) => r[2])).toEqual(findings.map((f) => f.key));
    expect(ex.table.map((r) => String(r[3]).split(' ')[0])).toEqual(findings.map((f) => f.attribute));
    expect(sheet('Lead').pairs['Exceptions found by the automated tests']).toBe(findings.length);
    expect(sheet('Lead').pairs['Items selected']).toBe(25);
    expect(sheet('Lead').pairs['Selection SHA-256']).toBe(input.sample.manifest.selectionSha256);
    expect(sheet('Lead').pairs['TSC reference']).toBe('CC8.1');
  });

  it('shows every completeness check and the monthly counts with data bars', () => {
    const c = sheet('Completeness');
    expect(c.table.map((r) => r[0])).toEqual(input.completeness!.checks.map((x) => x.id));
    expect(c.conditional.filter((x) => x.types.includes('dataBar')).length).toBe(2);
  });

  it('evaluates a non-statistical plan without an upper deviation limit', () => {
    const e = sheet('Evaluation');
    const ul = e.headers.indexOf('Upper limit (table, up to 0.1%)');
    expect(e.table.every((r) => r[ul] === 'n/a')).toBe(true);
    expect(e.table.at(-1)![0]).toBe('Overall');
  });

  it('writes real dates: the matrix timestamps are Date cells in the period zone', () => {
    const m = sheet('Test matrix');
    const deployed = m.headers.indexOf('Deployed On (UTC)');
    const item = input.sample.selection.items[0]!;
    expect(m.table[0]![deployed]).toBe(new Date(item.eventTime!).toISOString().slice(0, 19).replace('T', ' '));
  });
});
