/**
 * Formula injection and fidelity: a population whose cells start with =, +, -, @, tab and CR is
 * written to the workbook as literal text — read back by an independent reader (openpyxl: no
 * formula cell anywhere, the value equals the raw text) and by exceljs — and to CSV neutralised.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSample } from '../../src/export/export-sample.js';
import type { WorkbookInput } from '../../src/export/workbook/input.js';
import { readWorkbookManifest } from '../../src/export/workbook/read-manifest.js';
import { readFilledWorkbook } from '../../src/export/workbook/read-filled.js';
import { decodeCellText } from '../../src/export/workbook/text.js';
import { writeWorkbook } from '../../src/export/workbook/write.js';
import { readChunks } from '../../src/store/read-chunks.js';
import { tempDir, tempStore } from '../helpers/tmp.js';
import { PERIOD, workbookInputFor } from './fixture.js';
import { pythonWithOpenpyxl, readWithOpenpyxl } from './openpyxl.js';
import { summarizeWorkbook } from './summarize.js';

const HOSTILE = 'fixtures/bad/hostile.csv';
const python = pythonWithOpenpyxl();

interface OpenpyxlView {
  sheets: [string, string][];
  formulas: [string, string, string][];
  matrix: Record<string, [unknown, string, string]>[];
  validations: Record<string, [string, string, string][]>;
  types: Record<string, string>;
}

describe('hostile population text', () => {
  let input: WorkbookInput;
  let path: string;

  beforeAll(async () => {
    const store = tempStore();
    input = await workbookInputFor(store, HOSTILE, { request: { seed: 'hostile', size: 8, period: PERIOD } });
    path = join(tempDir('tickmark-hostile-'), 'hostile.xlsx');
    await writeWorkbook(input, path);
  }, 60_000);

  let cached: OpenpyxlView | undefined;
  const openpyxlView = (): OpenpyxlView => (cached ??= readWithOpenpyxl<OpenpyxlView>(python!, path));
  const raw = (record: number, header: string): string | null => input.sampledRows.find((r) => r.record === record)!.values[header] ?? null;

  it('samples every hostile row (the test needs them all in the matrix)', () => {
    expect(input.sample.manifest.selected).toBe(8);
    expect(input.sampledRows.map((r) => r.values['Short Description'])).toContain('=HYPERLINK("http://x","y")');
  });

  it.runIf(python)('openpyxl finds no formula anywhere and reads every hostile value back as its raw text', () => {
    const view = openpyxlView();
    expect(view.formulas).toEqual([]);
    expect(view.matrix).toHaveLength(8);
    let hostile = 0;
    for (const row of view.matrix) {
      const record = row['Source record']![0] as number;
      for (const header of ['Short Description', 'Requested By', 'Approved By', 'Test Evidence', 'Ticket']) {
        const [value, , type] = row[header]!;
        const text = raw(record, header);
        if (text === null) continue;
        expect(type).toBe('s');
        expect(decodeCellText(String(value))).toBe(text);
        if (/^[=+\-@\t\r]/.test(text)) hostile++;
      }
    }
    expect(hostile).toBe(12); // 7 descriptions, a requester, 2 test evidences, 2 tickets
  });

  it.runIf(python)('openpyxl sees real dates, each drop-down as one range, and the very hidden copy', () => {
    const view = openpyxlView();
    const row = view.matrix[0]!;
    const item = input.sample.selection.items[0]!;
    expect(row['Deployed On (UTC)']![1]).toBe('datetime');
    expect(row['Deployed On (UTC)']![0]).toBe(new Date(item.eventTime!).toISOString().slice(0, 19).replace('T', ' '));
    expect(view.types).toEqual({ 'Period start': 'datetime', 'Period end': 'datetime', 'Generated at': 'datetime' });
    const lists = view.validations['Test matrix']!;
    expect(lists).toHaveLength(8); // seven automated attributes' overrides and the manual attribute, one range each
    for (const [ref, type, list] of lists) {
      expect(type).toBe('list');
      expect(list).toBe('"✓,X,N/A"');
      expect(ref).toMatch(/^([A-Z]+)(\d+):\1(\d+)$/);
      const [, , from, to] = /^([A-Z]+)(\d+):\1(\d+)$/.exec(ref)!;
      expect(Number(to) - Number(from)).toBe(7);
    }
    expect(view.sheets.at(-1)).toEqual(['tickmark', 'veryHidden']);
  });

  it('exceljs reads the same literal text back, never a formula', async () => {
    const summary = await summarizeWorkbook(path);
    const all = JSON.stringify(summary);
    expect(all).not.toContain('FORMULA:');
    const m = summary.sheets.find((s) => s.name === 'Sample detail')!;
    const col = m.headers.indexOf('Short Description');
    const rec = m.headers.indexOf('Source record');
    for (const r of m.table) expect(decodeCellText(String(r[col]))).toBe(raw(r[rec] as number, 'Short Description'));
  });

  it('keeps a leading carriage return (written as the OOXML escape _x000D_, which Excel and exceljs decode), not a newline', async () => {
    const cr = input.sampledRows.find((r) => r.values['Short Description']?.startsWith('\r'));
    expect(cr).toBeDefined();
    const summary = await summarizeWorkbook(path);
    const m = summary.sheets.find((s) => s.name === 'Sample detail')!;
    const row = m.table.find((r) => r[m.headers.indexOf('Source record')] === cr!.record)!;
    expect(row[m.headers.indexOf('Short Description')]).toBe('\rleading carriage return');
  });

  it('reads every hostile cell back as tickmark wrote it: no difference, no entry', async () => {
    const read = await readFilledWorkbook(path);
    expect(read.differences).toEqual([]);
    expect(read.entryCells.map((c) => c.entry)).toEqual(['Prepared by']); // the preparer, prefilled
  });

  it('round-trips the manifest through the hidden sheet with tickmark’s own reader', async () => {
    const wb = await readWorkbookManifest(path);
    expect(wb.manifest).toEqual(input.sample.manifest);
    expect(wb.kind).toBe('change');
    expect(wb.mapping).toEqual(input.population.mapping);
    expect(wb.tests?.items).toHaveLength(8);
  });

  it('writes the population data sheet on request (strings inline), values literal, the manifest still readable', async () => {
    const store = tempStore();
    const again = await workbookInputFor(store, HOSTILE, { request: { seed: 'hostile', size: 8, period: PERIOD }, tests: false, completeness: false });
    const meta = again.population;
    const withData = join(tempDir('tickmark-hostile-data-'), 'with-data.xlsx');
    await writeWorkbook({ ...again, populationData: readChunks(store.populationDir(meta.id), meta) }, withData);
    const summary = await summarizeWorkbook(withData);
    expect(summary.sheets.map((s) => s.name).slice(-2)).toEqual(['Population data', 'tickmark']);
    const data = summary.sheets.find((s) => s.name === 'Population data')!;
    expect(data.headers).toEqual(['Source record', 'Source line', ...meta.headers]);
    expect(data.table).toHaveLength(meta.rows.accepted);
    expect(data.frozen).toEqual({ rows: 1, columns: 1 });
    expect(JSON.stringify(summary)).not.toContain('FORMULA:');
    const description = data.headers.indexOf('Short Description');
    expect(data.table.map((r) => decodeCellText(String(r[description])))).toEqual(
      input.sampledRows.slice().sort((a, b) => a.record - b.record).map((r) => r.values['Short Description']),
    );
    expect((await readWorkbookManifest(withData)).manifest).toEqual(again.sample.manifest);
    if (python) expect(readWithOpenpyxl<OpenpyxlView>(python, withData).formulas).toEqual([]);
  });

  it('neutralises the hostile cells in the CSV export', async () => {
    const csv = (await exportSample('csv', input)).body.toString('utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv).toContain(`'@SUM(1+1)`);
    expect(csv).toContain(`'-2+3`);
    expect(csv).toContain(`'=1+1`);
    expect(csv).toContain(`"'\rleading carriage return"`);
    expect(csv).toContain(`'+TEST-5008`);
    for (const line of csv.split('\n').slice(1)) {
      for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+@]/);
    }
  });

  it('exports JSON with every item and its raw values', async () => {
    const json = JSON.parse((await exportSample('json', input)).body.toString('utf8'));
    expect(json.items).toHaveLength(8);
    expect(json.manifest.selectionSha256).toBe(input.sample.manifest.selectionSha256);
    expect(json.items.map((i: Record<string, string>) => i['Short Description'])).toContain('@SUM(1+1)');
  });
});

it.runIf(process.env.TICKMARK_REQUIRE_OPENPYXL === '1')('openpyxl is installed (CI: apt-get install -y python3-openpyxl)', () => {
  expect(python).not.toBeNull();
});
