/**
 * `tickmark verify OUT.xlsx FILE`: from the workbook alone, the selection and the automated
 * results are re-performed — identical on the same file, each difference listed on a changed one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/command.js';
import { TickmarkError } from '../../src/errors.js';
import { compareWorkbookResults, ingestOptionsOf, verifyWorkbook } from '../../src/export/verify-workbook.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { drawSample } from '../../src/operations/sample.js';
import type { WorkbookInput } from '../../src/export/workbook/input.js';
import { machineCopy, machineSheet, parseMachineRows, type WorkbookTestResults } from '../../src/export/workbook/machine-copy.js';
import { workbookModel } from '../../src/export/workbook/model.js';
import { readWorkbookManifest } from '../../src/export/workbook/read-manifest.js';
import { readVisibleSelection, visibleDifferences } from '../../src/export/workbook/visible-selection.js';
import { writeWorkbook } from '../../src/export/workbook/write.js';
import type { TestRun } from '../../src/rules/types.js';
import { tempDir, tempStore } from '../helpers/tmp.js';
import { CHANGES, PERIOD, workbookInputFor } from './fixture.js';

function context(dataDir: string, json = false): { ctx: CommandContext; out: string[] } {
  const out: string[] = [];
  return { out, ctx: { values: { 'data-dir': dataDir, workers: '0', ...(json ? { json: true } : {}) }, positionals: [], io: { out: (t) => out.push(t), err: (t) => out.push(t), isTTY: false } } };
}

describe('verify a workbook', () => {
  let input: WorkbookInput;
  let dir: string;
  let workbook: string;

  beforeAll(async () => {
    input = await workbookInputFor(tempStore(), CHANGES);
    dir = tempDir('tickmark-verify-');
    workbook = join(dir, 'CC8.1.xlsx');
    await writeWorkbook(input, workbook);
  }, 60_000);

  it('is identical on the same population file, in a reviewer’s fresh store', async () => {
    const { ctx, out } = context(join(dir, 'reviewer'));
    const code = await verifyWorkbook(ctx, workbook, CHANGES);
    const text = out.join('\n');
    expect(text).toContain(`selection: identical (sha256 ${input.sample.manifest.selectionSha256})`);
    const automated = input.tests!.attributes.filter((a) => a.mode === 'automated').length;
    expect(text).toContain(`tests: identical (${automated * 25} automated results)`);
    expect(text.trimEnd().split('\n').at(-1)).toBe('identical');
    expect(code).toBe(0);
  });

  it('lists the population change and the test result it flips on an edited file', async () => {
    const item = input.sampledRows.find((r) => r.values.Type === 'Normal' && r.values['Approved By'] && r.values['Requested By'] && r.values['Approved By'] !== r.values['Requested By'])!;
    const lines = readFileSync(CHANGES, 'utf8').split('\n');
    const line = input.sample.selection.items.find((i) => i.record === item.record)!.line;
    const before = lines[line - 1]!;
    lines[line - 1] = before.replace(`,${item.values['Approved By']},`, `,${item.values['Requested By']},`);
    expect(lines[line - 1]).not.toBe(before);
    const edited = join(dir, 'changes-edited.csv');
    writeFileSync(edited, lines.join('\n'));

    const { ctx, out } = context(join(dir, 'reviewer2'), true);
    const code = await verifyWorkbook(ctx, workbook, edited);
    const result = JSON.parse(out.join(''));
    expect(code).toBe(1);
    expect(result.identical).toBe(false);
    expect(result.selection.differences.some((d: string) => d.startsWith('population sha256'))).toBe(true);
    expect(result.tests.status).toBe('different');
    const key = input.sample.selection.items.find((i) => i.record === item.record)!.key;
    expect(result.tests.differences).toContain(`item "${key}" (record ${item.record}) attribute C (change.approver_not_requester): workbook pass, recomputed exception`);
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
    const { ctx, out } = context(join(dir, 'reviewer3'));
    expect(await verifyWorkbook(ctx, path, 'fixtures/bad/hostile.csv')).toBe(0);
    expect(out.join('\n')).toContain('tests: none in the workbook\nidentical');
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
    const { ctx } = context(join(dir, 'reviewer-enc'));
    expect(await verifyWorkbook(ctx, path, file)).toBe(0);
  });

  /** The workbook with cells of a sheet changed (found by their first cell), as a reader might edit it. */
  async function editSelection(name: string, edit: (label: unknown, row: ExcelJS.Row) => void, sheet = 'Selection'): Promise<string> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    book.getWorksheet(sheet)!.eachRow((row) => edit(row.getCell(1).value, row));
    const path = join(dir, name);
    await book.xlsx.writeFile(path);
    return path;
  }

  it('reports a seed edited on the Selection sheet, and what the seed it shows would draw', async () => {
    const seed = input.sample.manifest.seed;
    const edited = await editSelection('edited-seed.xlsx', (label, row) => {
      if (label === 'Seed') row.getCell(2).value = `${seed}0`;
    });
    const { ctx, out } = context(join(dir, 'reviewer4'), true);
    const code = await verifyWorkbook(ctx, edited, CHANGES);
    const result = JSON.parse(out.join(''));
    expect(code).toBe(1);
    expect(result.identical).toBe(false);
    expect(result.selection.identical).toBe(true); // the machine copy's selection still re-derives
    expect(result.workbook.differences[0]).toBe(`Selection sheet, Seed: shows "${seed}0", the machine copy says "${seed}"`);
    expect(result.workbook.differences[1]).toMatch(new RegExp(`^drawn again with the seed the Selection sheet shows \\(${seed}0\\): selection sha256 [0-9a-f]{64}, not the ${input.sample.manifest.selectionSha256} of the items shown$`));
    expect(result.workbook.differences).toHaveLength(2);
  });

  it('reports an item key edited in the Selection sheet’s manifest table, and agrees with an untouched one', async () => {
    const first = input.sample.manifest.items[0]!;
    const edited = await editSelection('edited-item.xlsx', (label, row) => {
      if (label === 1 && row.getCell(2).value === first.key) row.getCell(2).value = 'CHG9999999';
    });
    const { ctx, out } = context(join(dir, 'reviewer5'));
    expect(await verifyWorkbook(ctx, edited, CHANGES)).toBe(1);
    const text = out.join('\n');
    expect(text).toContain('workbook: DIFFERENT from its machine copy');
    expect(text).toContain(`  - Selection sheet, item 1: key shows "CHG9999999", the copy says ${JSON.stringify(first.key)}`);
    const untouched = await editSelection('resaved.xlsx', () => undefined); // exceljs re-saves it: the same cells
    const again = context(join(dir, 'reviewer6'));
    expect(await verifyWorkbook(again.ctx, untouched, CHANGES)).toBe(0);
    expect(again.out.join('\n')).toContain('workbook: its sheets agree with its machine copy');
  });

  it('reports an edited machine copy as a difference, re-deriving from what it says (a plain read refuses it)', async () => {
    const seed = input.sample.manifest.seed;
    const edited = await editSelection('edited-copy.xlsx', (label, row) => {
      if (label === '1') row.getCell(2).value = String(row.getCell(2).value).replaceAll(`"seed":"${seed}"`, `"seed":"${seed}9"`);
    }, 'tickmark');
    await expect(readWorkbookManifest(edited)).rejects.toMatchObject({ code: 'TM_ERR_MANIFEST' });
    const { ctx, out } = context(join(dir, 'reviewer7'), true);
    expect(await verifyWorkbook(ctx, edited, CHANGES)).toBe(1);
    const result = JSON.parse(out.join(''));
    expect(result.workbook.differences[0]).toBe('its machine-readable copy was edited after tickmark wrote it (its SHA-256 does not match); the selection was re-derived from the edited copy');
    expect(result.workbook.differences).toContain(`Selection sheet, Seed: shows "${seed}", the machine copy says "${seed}9"`);
    expect(result.selection.identical).toBe(false); // the edited seed draws other items than those listed
  });

  it('reads the shown values back as written, and names every value and item row that differs', async () => {
    const m = input.sample.manifest;
    const shown = (await readVisibleSelection(workbook))!;
    expect(shown.values.get('Seed')).toBe(m.seed);
    expect(shown.items.map((i) => i.key)).toEqual(m.items.map((i) => i.key));
    expect(visibleDifferences(m, shown)).toEqual([]);
    const values = new Map(shown.values).set('Method', 'random').set('Selection SHA-256', 'x');
    const items = shown.items.slice(0, -1).map((i, k) => (k === 2 ? { ...i, prnHex: '0000000000000', record: '1' } : i));
    expect(visibleDifferences(m, { values, items })).toEqual([
      `Selection sheet, Method: shows "random", the machine copy says "${m.method}"`,
      `Selection sheet, Selection SHA-256: shows "x", the machine copy says "${m.selectionSha256}"`,
      `Selection sheet, item 3: prnHex shows "0000000000000", the copy says "${m.items[2]!.prnHex}"; record shows "1", the copy says "${m.items[2]!.record}"`,
      `Selection sheet, manifest table: ${m.items.length - 1} item row(s) shown, ${m.items.length} selected`,
    ]);
    expect(visibleDifferences(m, undefined)).toEqual(['the workbook has no "Selection" sheet to compare with its machine copy']);
  });

  it('refuses a workbook that tickmark did not write', async () => {
    const other = join(dir, 'other.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['a', 'b']);
    await wb.xlsx.writeFile(other);
    await expect(readWorkbookManifest(other)).rejects.toMatchObject({ code: 'TM_ERR_MANIFEST' });
  });
});

describe('the machine-readable copy', () => {
  let input: WorkbookInput;
  beforeAll(async () => {
    input = await workbookInputFor(tempStore(), CHANGES, { completeness: false });
  }, 60_000);

  const rowsOf = (input: WorkbookInput): string[][] => machineSheet(machineCopy(workbookModel(input))).rows.map((r) => r.map((c) => String(c)));

  it('parses back to the same manifest and results', () => {
    const copy = parseMachineRows(rowsOf(input));
    expect(copy.manifest).toEqual(input.sample.manifest);
    expect(copy.tests!.items.map((i) => i.statuses)).toEqual(input.tests!.items!.map((i) => i.outcomes.map((o) => o.status)));
    expect(copy.tests!.job).toEqual(input.testJob);
  });

  it('detects an edit of the copy (its SHA-256 no longer matches)', () => {
    const rows = rowsOf(input);
    const part = rows.find((r) => r[0] === '1')!;
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
