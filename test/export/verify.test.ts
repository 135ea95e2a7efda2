/**
 * `tickmark verify OUT.xlsx FILE`: from the workbook alone, the population, the selection, every
 * cell tickmark wrote and the automated results are re-performed — identical on the same file;
 * each edit a person could make to what tickmark wrote (a tick, a deleted row, a figure, the seed,
 * a fingerprint) a difference naming the cell; what the yellow cells hold, the team's entries.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/command.js';
import { verifyCommand } from '../../src/cli/commands/verify.js';
import { TickmarkError } from '../../src/errors.js';
import { compareWorkbookResults, ingestOptionsOf, verifyWorkbook, type WorkbookVerification } from '../../src/operations/verify-workbook.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { drawSample } from '../../src/operations/sample.js';
import { workbookContents } from '../../src/export/workbook/build.js';
import { columnName, type SheetContent } from '../../src/export/workbook/content.js';
import type { WorkbookInput } from '../../src/export/workbook/input.js';
import { machineSheet, parseMachineRows, type WorkbookTestResults } from '../../src/export/workbook/machine-copy.js';
import { workbookModel } from '../../src/export/workbook/model.js';
import { readWorkbookManifest } from '../../src/export/workbook/read-manifest.js';
import { readVisibleSelection, visibleDifferences } from '../../src/export/workbook/visible-selection.js';
import { writeWorkbook } from '../../src/export/workbook/write.js';
import type { TestRun } from '../../src/rules/types.js';
import { openStore } from '../../src/store/store.js';
import { tempDir, tempStore } from '../helpers/tmp.js';
import { CHANGES, PERIOD, workbookInputFor } from './fixture.js';
import { fillWorkbook, type Edit } from './fill.js';
import { sheetRows, workbookV2 } from './machine-copy-v2.js';
import { pythonWithOpenpyxl } from './openpyxl.js';

const python = pythonWithOpenpyxl();

/** `tickmark verify WORKBOOK FILE` through the CLI: exit code and what it printed. */
async function cli(workbook: string, file: string, dataDir: string, json = false): Promise<{ code: number; text: string }> {
  const args = [workbook, file, '--data-dir', dataDir, '--workers', '0', ...(json ? ['--json'] : [])];
  const { values, positionals } = parseArgs({ args, options: verifyCommand.options, allowPositionals: true, strict: true });
  const out: string[] = [];
  const code = await verifyCommand.run({ values: values as CommandContext['values'], positionals, io: { out: (t) => out.push(t), err: (t) => out.push(t), isTTY: false } });
  return { code, text: out.join('\n') };
}

async function verify(workbook: string, file: string, dataDir: string): Promise<WorkbookVerification> {
  const store = openStore({ dataDir });
  try {
    return await verifyWorkbook(store, workbook, file, { workers: 0 });
  } finally {
    store.close();
  }
}

describe('verify a workbook', () => {
  let input: WorkbookInput;
  let sheets: SheetContent[];
  let dir: string;
  let workbook: string;
  let n = 0;
  const reviewer = () => join(dir, `reviewer-${++n}`);
  const sheet = (name: string) => sheets.find((s) => s.name === name)!;
  /** The cell of a table's row (by its first column's value) and column (by header), as tickmark wrote it. */
  const cellOf = (name: string, first: string | number, header: string): string => {
    const s = sheet(name);
    const headerIndex = s.rows.findIndex((r) => r.some((c) => c !== null && typeof c === 'object' && !(c instanceof Date) && c.s === 'header' && c.v === header));
    const column = s.rows[headerIndex]!.findIndex((c) => c !== null && typeof c === 'object' && !(c instanceof Date) && c.v === header);
    const row = s.rows.findIndex((r, i) => i > headerIndex && (r[0] === first || (r[0] !== null && typeof r[0] === 'object' && !(r[0] instanceof Date) && r[0].v === first)));
    return `${columnName(column + 1)}${row + 1}`;
  };
  /** The cell beside a label (column B of the row whose column A is the label). */
  const labelCell = (name: string, label: string): string => `B${sheet(name).rows.findIndex((r) => r[0] !== null && typeof r[0] === 'object' && !(r[0] instanceof Date) && r[0].v === label) + 1}`;
  const edited = (name: string, edits: Edit[]) => fillWorkbook(python!, workbook, join(dir, name), edits);

  beforeAll(async () => {
    input = await workbookInputFor(tempStore(), CHANGES);
    sheets = workbookContents(input).sheets;
    dir = tempDir('tickmark-verify-');
    workbook = join(dir, 'CC8.1.xlsx');
    await writeWorkbook(input, workbook);
  }, 60_000);

  it('is identical on the same population file, in a reviewer’s fresh store', async () => {
    const { code, text } = await cli(workbook, CHANGES, reviewer());
    expect(text.split('\n')).toEqual([
      `selection: identical (sha256 ${input.sample.manifest.selectionSha256})`,
      'workbook: every cell tickmark wrote is as it wrote it',
      'entries by the team: 1 cell(s)', // the preparer given to the pull, prefilled in a yellow cell
      `  - Lead!${labelCell('Lead', 'Prepared by')} Prepared by: "A. Auditor"`,
      `tests: identical (${input.tests!.attributes.filter((a) => a.mode === 'automated').length * 25} automated results)`,
      'identical',
    ]);
    expect(code).toBe(0);
  });

  it('says first, in one line, that the population is not the workbook’s', async () => {
    const { code, text } = await cli(workbook, 'fixtures/bad/hostile.csv', reviewer());
    const meta = input.population;
    const other = await verify(workbook, 'fixtures/bad/hostile.csv', reviewer());
    expect(text.split('\n')[0]).toBe(`population differs: sha256 ${meta.source.sha256} (${meta.rows.total} rows) vs ${other.population.file.sha256} (${other.population.file.rows} rows)`);
    expect(code).toBe(1);
  });

  it('lists the population change and the test result it flips on an edited file', async () => {
    const item = input.sampledRows.find((r) => r.values.Type === 'Normal' && r.values['Approved By'] && r.values['Requested By'] && r.values['Approved By'] !== r.values['Requested By'])!;
    const lines = readFileSync(CHANGES, 'utf8').split('\n');
    const line = input.sample.selection.items.find((i) => i.record === item.record)!.line;
    const before = lines[line - 1]!;
    lines[line - 1] = before.replace(`,${item.values['Approved By']},`, `,${item.values['Requested By']},`);
    expect(lines[line - 1]).not.toBe(before);
    const changed = join(dir, 'changes-edited.csv');
    writeFileSync(changed, lines.join('\n'));
    const { code, text } = await cli(workbook, changed, reviewer(), true);
    const result = JSON.parse(text) as WorkbookVerification;
    expect(code).toBe(1);
    expect(result.identical).toBe(false);
    expect(result.population.identical).toBe(false);
    expect(result.selection.differences.some((d: string) => d.startsWith('population sha256'))).toBe(true);
    expect(result.tests!.status).toBe('different');
    const key = input.sample.selection.items.find((i) => i.record === item.record)!.key;
    expect(result.tests!.differences).toContain(`item "${key}" (record ${item.record}) attribute C (change.approver_not_requester): workbook pass, recomputed exception`);
  });

  it('reads a generic population back the way it was ingested (its key and event-time headers)', async () => {
    const store = tempStore();
    const { population } = await ingestFile(store, 'fixtures/bad/hostile.csv', { kind: 'generic', key: ['Number'], eventTime: 'Deployed On', workers: 0 });
    expect(population.key).toEqual(['key']);
    const sample = await drawSample(store, population.id, { seed: 'g', size: 3, period: PERIOD }, { workers: 0 });
    const path = join(dir, 'generic.xlsx');
    await writeWorkbook({
      control: { id: 'GEN-1', description: 'generic' }, period: { start: '2025-01-01', end: '2025-12-31', timeZone: 'UTC' },
      population, sample, sampledRows: [], engineVersion: '0.1.0',
    }, path);
    const wb = await readWorkbookManifest(path);
    expect(ingestOptionsOf(wb, 'x.csv')).toMatchObject({ kind: 'generic', key: ['Number'], eventTime: 'Deployed On' });
    const { code, text } = await cli(path, 'fixtures/bad/hostile.csv', reviewer());
    expect(text).toContain('tests: none in the workbook\nidentical');
    expect(code).toBe(0);
  });

  it('reads a population back in the encoding it was read in, even one named against its bytes', async () => {
    const store = tempStore();
    const file = join(dir, 'named-encoding.csv');
    // Keys with letters beyond ASCII: read in another encoding, they are other keys (other PRNs, another sample).
    writeFileSync(file, 'Number,Short Description,Deployed On\nÄ-1,Müller,2025-02-03\nÖ-2,Weiß,2025-03-04\nÜ-3,Zoë,2025-04-05\nß-4,x,2025-05-06\n');
    const { population } = await ingestFile(store, file, { kind: 'change', encoding: 'windows-1252', workers: 0 });
    const sample = await drawSample(store, population.id, { seed: 'e', size: 2, period: PERIOD }, { workers: 0 });
    const path = join(dir, 'named-encoding.xlsx');
    await writeWorkbook({
      control: { id: 'ENC-1', description: 'encoding' }, period: { start: '2025-01-01', end: '2025-12-31', timeZone: 'UTC' },
      population, sample, sampledRows: [], engineVersion: '0.1.0',
    }, path);
    expect(ingestOptionsOf(await readWorkbookManifest(path), file)).toMatchObject({ kind: 'change', encoding: 'windows-1252' });
    expect((await verify(path, file, reviewer())).selection.identical).toBe(true);
  });

  describe.runIf(python)('edits made with openpyxl, as a person would', () => {
    it('an automated X turned into a tick on the Test matrix', async () => {
      const finding = input.tests!.findings[0]!;
      const order = input.sample.selection.items.find((i) => i.record === finding.record)!.order;
      const path = edited('tick.xlsx', [{ sheet: 'Test matrix', row: { '#': order }, column: finding.attribute, value: '✓' }]);
      const { code, text } = await cli(path, CHANGES, reviewer(), true);
      const result = JSON.parse(text) as WorkbookVerification;
      expect(result.workbook.differences).toEqual([{ sheet: 'Test matrix', cell: cellOf('Test matrix', order, finding.attribute), wrote: 'X', now: '✓' }]);
      expect(result.selection.identical).toBe(true);
      expect(code).toBe(1);
    });

    it('a Test matrix row deleted: the cells that moved, the first saying which row went', async () => {
      const path = edited('row-deleted.xlsx', [{ sheet: 'Test matrix', delete: { '#': 3 } }]);
      const { code, text } = await cli(path, CHANGES, reviewer());
      const cell = cellOf('Test matrix', 3, '#');
      const row = Number(cell.slice(1));
      expect(text).toContain(`workbook: DIFFERENT`);
      expect(text).toContain(`  - Test matrix!A${row}: tickmark wrote "3", now "4" (row ${row} of what tickmark wrote deleted?)`);
      expect(text).toContain(`  - Test matrix!B${row}: tickmark wrote "${input.sample.selection.items[2]!.key}", now "${input.sample.selection.items[3]!.key}"`);
      expect(code).toBe(1);
      const result = await verify(path, CHANGES, reviewer());
      expect(result.workbook.differences).toContainEqual({ sheet: 'Test matrix', cell: `A${row + 22}`, wrote: '25', now: null });
    });

    it('an exception row deleted', async () => {
      const path = edited('exception-deleted.xlsx', [{ sheet: 'Exceptions', delete: { Ref: 'EX-01' } }]);
      const result = await verify(path, CHANGES, reviewer());
      const cell = cellOf('Exceptions', 'EX-01', 'Ref');
      expect(result.workbook.differences[0]).toEqual({ sheet: 'Exceptions', cell, wrote: 'EX-01', now: 'EX-02', note: `row ${cell.slice(1)} of what tickmark wrote deleted?` });
      expect(result.identical).toBe(false);
    });

    it('an Evaluation figure set to 0', async () => {
      const overall = input.tests!.overall.deviations;
      expect(overall).toBeGreaterThan(0);
      const path = edited('evaluation.xlsx', [{ sheet: 'Evaluation', row: { Attribute: 'Overall' }, column: 'Deviations (k)', value: 0 }]);
      const result = await verify(path, CHANGES, reviewer());
      expect(result.workbook.differences).toEqual([{ sheet: 'Evaluation', cell: cellOf('Evaluation', 'Overall', 'Deviations (k)'), wrote: String(overall), now: '0' }]);
    });

    it('the Lead’s seed and population hash', async () => {
      const m = input.sample.manifest;
      const path = edited('lead.xlsx', [{ sheet: 'Lead', label: 'Seed', value: '20251230' }, { sheet: 'Lead', label: 'SHA-256', value: '0'.repeat(64) }]);
      const { code, text } = await cli(path, CHANGES, reviewer());
      expect(text).toContain(`  - Lead!${labelCell('Lead', 'SHA-256')}: tickmark wrote "${input.population.source.sha256}", now "${'0'.repeat(64)}"`);
      expect(text).toContain(`  - Lead!${labelCell('Lead', 'Seed')}: tickmark wrote "${m.seed}", now "20251230"`);
      expect(text).toContain('workbook: DIFFERENT — 2 cell(s) tickmark wrote changed');
      expect(code).toBe(1);
    });

    it('a seed edited on the Selection sheet: a difference, and what that seed would draw', async () => {
      const seed = input.sample.manifest.seed;
      const path = edited('selection-seed.xlsx', [{ sheet: 'Selection', label: 'Seed', value: `${seed}0` }]);
      const result = await verify(path, CHANGES, reviewer());
      expect(result.selection.identical).toBe(true); // the machine copy's selection still re-derives
      expect(result.workbook.differences).toEqual([{ sheet: 'Selection', cell: labelCell('Selection', 'Seed'), wrote: seed, now: `${seed}0` }]);
      expect(result.workbook.notes[0]).toMatch(new RegExp(`^drawn again with the seed the Selection sheet shows \\(${seed}0\\): selection sha256 [0-9a-f]{64}, not the ${input.sample.manifest.selectionSha256} of the items shown$`));
      expect(result.identical).toBe(false);
    });

    it('only the yellow cells filled: identical, the entries listed', async () => {
      const path = edited('entries.xlsx', [
        { sheet: 'Test matrix', row: { '#': 2 }, column: 'H (manual)', value: 'X' },
        { sheet: 'Lead', label: 'Prepared by', value: 'A. Auditor' },
        { sheet: 'Exceptions', row: { Ref: 'EX-01' }, column: 'Root cause', value: 'Approver on leave' },
      ]);
      const { code, text } = await cli(path, CHANGES, reviewer());
      expect(text).toContain('workbook: every cell tickmark wrote is as it wrote it');
      expect(text).toContain('entries by the team: 3 cell(s)');
      expect(text).toContain(`  - Test matrix!${cellOf('Test matrix', 2, 'H (manual)')} attribute H of item 2 (${input.sample.selection.items[1]!.key}): "X"`);
      expect(text).toContain(`  - Lead!${labelCell('Lead', 'Prepared by')} Prepared by: "A. Auditor"`);
      expect(text.trimEnd().split('\n').at(-1)).toBe('identical');
      expect(code).toBe(0);
    });
  });

  it('an edited machine copy is a difference, re-deriving from what it says (a plain read refuses it)', async () => {
    const seed = input.sample.manifest.seed;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    book.getWorksheet('tickmark')!.eachRow((row) => {
      if (row.getCell(1).value === '1') row.getCell(2).value = String(row.getCell(2).value).replaceAll(`"seed":"${seed}"`, `"seed":"${seed}9"`);
    });
    const path = join(dir, 'edited-copy.xlsx');
    await book.xlsx.writeFile(path);
    await expect(readWorkbookManifest(path)).rejects.toMatchObject({ code: 'TM_ERR_MANIFEST' });
    const result = await verify(path, CHANGES, reviewer());
    expect(result.workbook.differences[0]).toMatchObject({ sheet: 'tickmark', cell: '', note: expect.stringContaining('edited after tickmark wrote it') });
    expect(result.selection.identical).toBe(false); // the edited seed draws other items than those listed
  });

  it('a workbook with a /2 machine copy: identical untouched; an edited render copy a difference, the Selection sheet still compared', async () => {
    const v2 = join(dir, 'format-2.xlsx');
    writeFileSync(v2, await workbookV2(input));
    expect((await readWorkbookManifest(v2)).copy.format).toBe('tickmark-workbook/2');
    const untouched = await verify(v2, CHANGES, reviewer());
    expect(untouched.workbook.differences).toEqual([]);
    expect(untouched.identical).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(v2);
    book.getWorksheet('tickmark')!.eachRow((row) => {
      if (row.getCell(1).value === 'r1') row.getCell(2).value = `A${String(row.getCell(2).value).slice(1)}`;
    });
    const path = join(dir, 'edited-render.xlsx');
    await book.xlsx.writeFile(path);
    const result = await verify(path, CHANGES, reviewer());
    expect(result.workbook.differences[0]).toMatchObject({ sheet: 'tickmark', cell: '', wrote: 'the render copy', note: expect.stringContaining('only the Selection sheet is compared') });
    expect(result.workbook.differences).toHaveLength(1);
    expect(result.selection.identical).toBe(true);
    expect(result.identical).toBe(false);
  });

  it('a /3 machine copy edited past reading is refused, naming the edit', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    book.getWorksheet('tickmark')!.eachRow((row) => {
      if (row.getCell(1).value === '1') row.getCell(2).value = `[${String(row.getCell(2).value).slice(1)}`;
    });
    const path = join(dir, 'broken-copy.xlsx');
    await book.xlsx.writeFile(path);
    await expect(verify(path, CHANGES, reviewer())).rejects.toMatchObject({ code: 'TM_ERR_MANIFEST', message: expect.stringContaining('was edited (its SHA-256 does not match) and cannot be read') });
  });

  it('reads the shown values back as written, and names every value and item row that differs', async () => {
    const m = input.sample.manifest;
    const shown = (await readVisibleSelection(workbook))!;
    expect(shown.values.get('Seed')).toBe(m.seed);
    expect(shown.items.map((i) => i.key)).toEqual(m.items.map((i) => i.key));
    expect(visibleDifferences(m, shown)).toEqual([]);
  });

  it('refuses a workbook that tickmark did not write', async () => {
    const other = join(dir, 'other.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['a', 'b']);
    await wb.xlsx.writeFile(other);
    await expect(readWorkbookManifest(other)).rejects.toMatchObject({ code: 'TM_ERR_MANIFEST' });
    await expect(verify(other, CHANGES, reviewer())).rejects.toMatchObject({ code: 'TM_ERR_MANIFEST' });
  });
});

describe('the machine-readable copy', () => {
  let input: WorkbookInput;
  beforeAll(async () => {
    input = await workbookInputFor(tempStore(), CHANGES, { completeness: false });
  }, 60_000);

  const rowsOf = (input: WorkbookInput): string[][] => sheetRows(machineSheet(workbookModel(input)));

  it('parses back to the same manifest and results', () => {
    const copy = parseMachineRows(rowsOf(input));
    expect(copy.manifest).toEqual(input.sample.manifest);
    expect(copy.tests!.items.map((i) => i.statuses)).toEqual(input.tests!.items!.map((i) => i.outcomes.map((o) => o.status)));
    expect(copy.tests!.job).toEqual(input.testJob);
  });

  it('detects an edit of the copy (its SHA-256 no longer matches)', () => {
    const rows = rowsOf(input);
    const part = rows.find((r) => /^\d+$/.test(r[0]!) && r[1]!.includes('"seed":"20251231"'))!;
    part[1] = part[1]!.replace('"seed":"20251231"', '"seed":"20251230"');
    try {
      parseMachineRows(rows);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TickmarkError);
      expect((e as TickmarkError).message).toContain('was edited');
    }
  });

  it('cuts a large copy into cells Excel can hold and joins it back in order', () => {
    const big = { ...input, control: { ...input.control, description: 'é'.repeat(40_000) } };
    const rows = rowsOf(big);
    const parts = rows.filter((r) => /^\d+$/.test(r[0]!));
    expect(parts.length).toBeGreaterThan(8); // 40,000 × 6 ASCII characters of \u00e9 escapes
    expect(parts.every((r) => r[1]!.length <= 30_000)).toBe(true);
    expect(parseMachineRows([rows[0]!, ...rows.slice(1).reverse()]).control.description).toBe(big.control.description);
  });
});

describe('compareWorkbookResults', () => {
  const expected: WorkbookTestResults = {
    attributes: [{ attribute: 'A', rule: 'r.a', mode: 'automated' }, { attribute: 'B', rule: 'r.b', mode: 'manual' }],
    items: [{ record: 1, key: 'K1', statuses: ['pass', 'manual'] }, { record: 2, key: 'K2', statuses: ['exception', 'manual'] }],
  };
  const run = (a1: 'pass' | 'exception', items = 2): TestRun => ({
    scope: 'sample', kind: 'change', findings: [], overall: { items, tested: items, deviations: 0, notApplicable: 0, manual: items, missing: 0 },
    attributes: [
      { attribute: 'A', label: 'A — a', rule: 'r.a', mode: 'automated', tested: 2, passed: 1, deviations: 1, notApplicable: 0, manual: 0, missing: 0 },
      { attribute: 'B', label: 'B — b', rule: 'r.b', mode: 'manual', tested: 0, passed: 0, deviations: 0, notApplicable: 0, manual: 2, missing: 0 },
    ],
    items: [
      { key: 'K1', record: 1, line: 2, outcomes: [{ status: a1 }, { status: 'manual', evidence: 'x' }] as never, deviation: false },
      { key: 'K2', record: 2, line: 3, outcomes: [{ status: 'exception', observed: {}, message: 'm' }, { status: 'manual', evidence: 'x' }] as never, deviation: true },
    ].slice(0, items),
  });

  it('is identical when every automated result matches, and skips manual attributes', () => {
    expect(compareWorkbookResults(expected, run('pass'))).toEqual({ identical: true, compared: 2, differences: [] });
  });

  it('names the item and attribute whose result changed', () => {
    expect(compareWorkbookResults(expected, run('exception')).differences).toEqual(['item "K1" (record 1) attribute A (r.a): workbook pass, recomputed exception']);
  });

  it('names an item missing from the re-run', () => {
    expect(compareWorkbookResults(expected, run('pass', 1)).differences).toEqual(['item "K2" (record 2): in the workbook, not in the re-run']);
  });
});
