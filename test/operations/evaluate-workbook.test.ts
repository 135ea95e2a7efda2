/**
 * The dry-run closed, as a consultant runs it: `tickmark pull` writes the workbook; the team fills
 * it in (openpyxl, as a person would — a manual X, an N/A, an override with its reason, an added
 * exception, sign-offs) and LibreOffice re-saves it; `tickmark evaluate --workbook` stores the
 * entries as a new results version and writes the refreshed workbook, whose Lead and Evaluation
 * say what the entries lead to; a workbook with the manual attribute left open stays
 * "incomplete"; an edited tool-written cell stores nothing; `verify` on the refreshed workbook
 * is identical and lists the entries.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readFilledWorkbook } from '../../src/export/workbook/read-filled.js';
import { listResults } from '../../src/operations/results.js';
import { openStore } from '../../src/store/store.js';
import { fillWorkbook, type Edit } from '../export/fill.js';
import { convert, soffice } from '../export/libreoffice.js';
import { pythonWithOpenpyxl } from '../export/openpyxl.js';
import { tempDir } from '../helpers/tmp.js';

const python = pythonWithOpenpyxl();
const libreoffice = soffice();
const CHANGES = 'fixtures/change/changes-2025.csv';
const PERIOD = '2025-01-01..2025-12-31';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), isTTY: false });
  return { code, out, err };
}

/** The Lead sheet's labelled values as openpyxl reads the file (an independent reader): label → value. */
function leadValues(python: string, path: string): Record<string, unknown> {
  const script = 'import json,sys,openpyxl\nws=openpyxl.load_workbook(sys.argv[1])["Lead"]\nprint(json.dumps({str(r[0].value): (None if r[1].value is None else str(r[1].value)) for r in ws.iter_rows(min_col=1,max_col=2) if r[0].value}))';
  return JSON.parse(execFileSync(python, ['-c', script, path], { encoding: 'utf8' })) as Record<string, unknown>;
}

describe.runIf(python && libreoffice)('evaluate --workbook: the round trip of a pulled workbook', () => {
  let dir: string;
  let dataDir: string;
  let pulled: string;
  let testRunId: string;
  let items: { order: number; key: string }[];

  beforeAll(async () => {
    dir = tempDir('tickmark-evaluate-workbook-');
    dataDir = join(dir, 'data');
    pulled = join(dir, 'CC8.1.xlsx');
    const r = await run(['pull', CHANGES, '--kind', 'change', '--period', PERIOD, '--seed', '20251231', '--size', '25', '--method', 'stratified', '--control-id', 'CC8.1-01', '--workers', '0', '--data-dir', dataDir, '-o', pulled, '--json']);
    expect(r.code, r.err).toBe(0);
    const summary = JSON.parse(r.out);
    testRunId = summary.tests.id;
    expect(summary.evaluation.conclusion.status).toBe('incomplete'); // attribute H (manual) not ticked yet
    const store = openStore({ dataDir });
    try {
      items = (store.artefact<{ selection: { items: { order: number; key: string }[] } }>(summary.sample.id, 'sample')!.body.selection.items).map((i) => ({ order: i.order, key: i.key }));
    } finally {
      store.close();
    }
  }, 120_000);

  it('keeps the conclusion incomplete while the manual attribute is not ticked on every item', async () => {
    const partial = fillWorkbook(python!, pulled, join(dir, 'partial.xlsx'), [{ sheet: 'Test matrix', row: { '#': 1 }, column: 'H (manual)', value: '✓' }]);
    const r = await run(['evaluate', '--workbook', partial, '--data-dir', dataDir, '--json']);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.version).toBe(1);
    expect(out.evaluation.conclusion.status).toBe('incomplete');
    const h = out.evaluation.parts[0].attributes.find((a: { attribute: string }) => a.attribute === 'H');
    expect(h).toMatchObject({ pending: 24, tested: 1 });
  }, 120_000);

  it('takes ticks, an override, an added exception and sign-offs from a LibreOffice re-save, as a new version, into the refreshed Lead and Evaluation', async () => {
    const edits: Edit[] = items.map((i) => ({ sheet: 'Test matrix', row: { '#': i.order }, column: 'H (manual)', value: i.order === 2 ? 'X' : i.order === 3 ? 'N/A' : '✓' }));
    edits.push(
      { sheet: 'Test matrix', row: { '#': 4 }, column: 'C override', value: 'X' },
      { sheet: 'Test matrix', row: { '#': 4 }, column: 'Override reason', value: 'CAB minutes show the requester approved' },
      { sheet: 'Exceptions', row: { Ref: 'AX-01' }, column: '# or key', value: 5 },
      { sheet: 'Exceptions', row: { Ref: 'AX-01' }, column: 'Attribute', value: 'A' },
      { sheet: 'Exceptions', row: { Ref: 'AX-01' }, column: 'Description', value: 'Approval recorded after the change window' },
      { sheet: 'Lead', label: 'Prepared by', value: 'B. Senior' },
      { sheet: 'Lead', label: 'Date prepared', value: '2026-01-12', date: true },
      { sheet: 'Lead', label: 'Reviewed by', value: 'C. Partner' },
      { sheet: 'Lead', label: 'Date reviewed', value: '2026-01-15', date: true },
    );
    const filled = fillWorkbook(python!, pulled, join(dir, 'filled.xlsx'), edits);
    const resaved = convert(libreoffice!, filled, 'xlsx', tempDir('tickmark-lo-'));
    const refreshed = join(dir, 'CC8.1-v2.xlsx');
    const r = await run(['evaluate', '--workbook', resaved, '-o', refreshed, '--data-dir', dataDir, '--json']);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.version).toBe(2);
    expect(out.output).toBe(refreshed);
    const sample = out.evaluation.parts.find((p: { part: string }) => p.part === 'sample');
    const byLetter = (l: string) => sample.attributes.find((a: { attribute: string }) => a.attribute === l);
    // H: X on item 2, N/A on item 3: tested on 24, one deviation. C: the override's X. A: the added exception.
    expect(byLetter('H')).toMatchObject({ tested: 24, notApplicable: 1, deviations: 1, pending: 0, conclusion: 'deviations_found' });
    expect(byLetter('C').deviations).toBeGreaterThanOrEqual(1);
    expect(byLetter('A').deviations).toBeGreaterThanOrEqual(1);
    expect(out.evaluation.conclusion.status).toBe('exceptions_noted');

    const store = openStore({ dataDir });
    try {
      const versions = listResults(store, testRunId);
      expect(versions.map((v) => [v.version, v.source.via])).toEqual([[1, 'workbook'], [2, 'workbook']]);
      expect(versions[1]!.entries.workpaper).toMatchObject({ preparedBy: 'B. Senior', preparedOn: '2026-01-12', reviewedBy: 'C. Partner', reviewedOn: '2026-01-15' });
      expect(versions[1]!.entries.items.find((i) => i.order === 4)!.overrides.C).toEqual({ mark: 'X', reason: 'CAB minutes show the requester approved' });
      expect(versions[0]!.entries.items).toHaveLength(1); // version 1 kept as it was
    } finally {
      store.close();
    }

    // The refreshed workbook, read by an independent reader: the Lead's conclusion and sign-off, the entries back in yellow cells.
    const lead = leadValues(python!, refreshed);
    expect(String(lead["Conclusion (tickmark's evaluation)"])).toMatch(/^Exceptions noted — /);
    expect(lead.Status).toMatch(/^Exceptions noted/);
    expect(lead['Prepared by']).toBe('B. Senior');
    const again = await readFilledWorkbook(refreshed);
    expect(again.differences).toEqual([]);
    expect(again.entries.items.find((i) => i.order === 2)!.marks.H).toBe('X');
    expect(again.render.resultsVersion?.version).toBe(2);
    expect(again.render.controlEvaluation?.conclusion.status).toBe('exceptions_noted');

    const verified = await run(['verify', refreshed, CHANGES, '--data-dir', join(dir, 'reviewer'), '--workers', '0']);
    expect(verified.out.trim().split('\n').at(-1)).toBe('identical');
    expect(verified.out).toMatch(/entries by the team: \d+ cell\(s\)/);
  }, 240_000);

  it('stores nothing when a cell tickmark wrote was edited, and refuses a mark outside the legend', async () => {
    const edited = fillWorkbook(python!, pulled, join(dir, 'edited.xlsx'), [{ sheet: 'Lead', label: 'Seed', value: '1' }, { sheet: 'Test matrix', row: { '#': 1 }, column: 'H (manual)', value: '✓' }]);
    const r = await run(['evaluate', '--workbook', edited, '--data-dir', dataDir]);
    expect(r.code).toBe(3);
    expect(r.err).toContain('[TM_ERR_WORKBOOK_EDITED]');
    expect(r.err).toMatch(/Lead!B\d+: tickmark wrote "20251231", now "1"/);
    const odd = fillWorkbook(python!, pulled, join(dir, 'odd.xlsx'), [{ sheet: 'Test matrix', row: { '#': 1 }, column: 'H (manual)', value: 'ok' }]);
    const bad = await run(['evaluate', '--workbook', odd, '--data-dir', dataDir]);
    expect(bad.code).toBe(3);
    expect(bad.err).toMatch(/Test matrix!\w+\d+ holds "ok", expected/);
    const store = openStore({ dataDir });
    try {
      expect(listResults(store, testRunId).map((v) => v.version)).toEqual([1, 2]); // nothing stored by either
    } finally {
      store.close();
    }
    expect(existsSync(join(dir, 'edited.v3.xlsx'))).toBe(false);
  }, 120_000);
});
