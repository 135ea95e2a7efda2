/**
 * The round trip of a pulled workbook: filled by a person with openpyxl (a manual X, an N/A, an
 * override with its reason, an added exception, a write-up, sign-offs, workpaper fields, a
 * completeness disposition) → `readFilledWorkbook` returns exactly those entries and no
 * difference; re-saved by LibreOffice, the same; the entries written back into a refreshed
 * workbook's yellow cells read back the same again; a mark outside the legend is a problem naming
 * its cell.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamEntries } from '../../src/evaluation/entries.js';
import { normalizeMark } from '../../src/export/workbook/entries-from-cells.js';
import type { WorkbookInput } from '../../src/export/workbook/input.js';
import { readFilledWorkbook, type FilledWorkbook } from '../../src/export/workbook/read-filled.js';
import { writeWorkbook } from '../../src/export/workbook/write.js';
import { tempDir, tempStore } from '../helpers/tmp.js';
import { fillWorkbook, type Edit } from './fill.js';
import { CHANGES, workbookInputFor } from './fixture.js';
import { convert, soffice } from './libreoffice.js';
import { pythonWithOpenpyxl } from './openpyxl.js';

const python = pythonWithOpenpyxl();
const libreoffice = soffice();

describe.runIf(python)('a workbook filled by a person', () => {
  let input: WorkbookInput;
  let dir: string;
  let filled: string;
  let read: FilledWorkbook;
  const item = (order: number) => input.sample.selection.items[order - 1]!;

  /** What the team typed, found by what the sheets show. */
  const EDITS: Edit[] = [
    { sheet: 'Test matrix', row: { '#': 1 }, column: 'H (manual)', value: '✓' },
    { sheet: 'Test matrix', row: { '#': 2 }, column: 'H (manual)', value: 'x' },
    { sheet: 'Test matrix', row: { '#': 3 }, column: 'H (manual)', value: 'N/A' },
    { sheet: 'Test matrix', row: { '#': 2 }, column: 'Evidence reference', value: 'CAB-2025-014' },
    { sheet: 'Test matrix', row: { '#': 2 }, column: 'Comment', value: 'No test evidence attached' },
    { sheet: 'Test matrix', row: { '#': 4 }, column: 'C override', value: 'X' },
    { sheet: 'Test matrix', row: { '#': 4 }, column: 'Override reason', value: 'CAB minutes show the requester approved' },
    { sheet: 'Exceptions', row: { Ref: 'EX-01' }, column: 'Root cause', value: 'Approver on leave' },
    { sheet: 'Exceptions', row: { Ref: 'EX-01' }, column: 'Isolated / systemic', value: 'Systemic' },
    { sheet: 'Exceptions', row: { Ref: 'AX-01' }, column: '# or key', value: 2 },
    { sheet: 'Exceptions', row: { Ref: 'AX-01' }, column: 'Attribute', value: 'H' },
    { sheet: 'Exceptions', row: { Ref: 'AX-01' }, column: 'Description', value: 'Testing evidence missing' },
    { sheet: 'Exceptions', row: { Ref: 'AX-01' }, column: 'Management response', value: 'Reminder sent to the CAB' },
    { sheet: 'Lead', label: 'Control objective', value: 'Only authorised, tested changes reach production' },
    { sheet: 'Lead', label: 'Control owner', value: 'Head of Platform' },
    { sheet: 'Lead', label: 'Nature of the control', value: 'it-dependent manual' },
    { sheet: 'Lead', label: 'Key control', value: 'yes' },
    { sheet: 'Lead', label: 'Workpaper reference', value: 'WP-CC8.1-01' },
    { sheet: 'Lead', label: "Auditor's conclusion", value: 'Not effective: testing evidence missing' },
    { sheet: 'Lead', label: 'Prepared by', value: 'B. Senior' },
    { sheet: 'Lead', label: 'Date prepared', value: '2026-01-12', date: true },
    { sheet: 'Lead', label: 'Reviewed by', value: 'C. Partner' },
    { sheet: 'Lead', label: 'Date reviewed', value: '2026-01-15', date: true },
    { sheet: 'Completeness', row: { Check: 'duplicate_keys' }, column: 'Disposition (engagement team)', value: 'Re-extract requested from ServiceNow' },
  ];

  const expected = (): TeamEntries => ({
    items: [
      { order: 1, key: item(1).key, marks: { H: '✓' }, overrides: {} },
      { order: 2, key: item(2).key, marks: { H: 'X' }, overrides: {}, evidence: 'CAB-2025-014', comment: 'No test evidence attached' },
      { order: 3, key: item(3).key, marks: { H: 'N/A' }, overrides: {} },
      { order: 4, key: item(4).key, marks: {}, overrides: { C: { mark: 'X', reason: 'CAB minutes show the requester approved' } } },
    ],
    addedExceptions: [{ order: 2, key: item(2).key, attribute: 'H', description: 'Testing evidence missing' }],
    writeUps: [
      { ...firstFinding(), rootCause: 'Approver on leave', nature: 'systemic' },
      { order: 2, key: item(2).key, attribute: 'H', managementResponse: 'Reminder sent to the CAB' },
    ],
    workpaper: {
      objective: 'Only authorised, tested changes reach production', owner: 'Head of Platform', nature: 'it-dependent manual', keyControl: true,
      workpaperRef: 'WP-CC8.1-01', auditorConclusion: 'Not effective: testing evidence missing',
      preparedBy: 'B. Senior', preparedOn: '2026-01-12', reviewedBy: 'C. Partner', reviewedOn: '2026-01-15',
    },
    completeness: [{ check: 'duplicate_keys', disposition: 'Re-extract requested from ServiceNow' }],
  });

  function firstFinding() {
    const f = input.tests!.findings[0]!;
    const i = input.sample.selection.items.find((x) => x.record === f.record)!;
    return { order: i.order, key: f.key, attribute: f.attribute };
  }

  /** Entries compared field by field, order of object keys aside. */
  const normal = (e: TeamEntries) => JSON.parse(JSON.stringify({ ...e, writeUps: [...e.writeUps].sort((a, b) => a.order - b.order || a.attribute.localeCompare(b.attribute)) }));

  beforeAll(async () => {
    input = await workbookInputFor(tempStore(), CHANGES);
    dir = tempDir('tickmark-round-trip-');
    const pulled = join(dir, 'CC8.1-sample.xlsx');
    await writeWorkbook(input, pulled);
    filled = fillWorkbook(python!, pulled, join(dir, 'CC8.1-filled.xlsx'), EDITS);
    read = await readFilledWorkbook(filled);
  }, 60_000);

  it('reads back every entry typed, and nothing else', () => {
    const want = expected();
    expect(read.entries.items).toEqual(want.items);
    expect(read.entries.addedExceptions).toEqual(want.addedExceptions);
    expect(normal(read.entries).writeUps).toEqual(normal(want).writeUps);
    expect(read.entries.workpaper).toEqual(want.workpaper);
    expect(read.entries.completeness).toEqual(want.completeness);
    expect(read.problems).toEqual([]);
    expect(read.other).toEqual([]);
  });

  it('finds no difference in what tickmark wrote, and names the cells the entries came from', () => {
    expect(read.differences).toEqual([]);
    expect(read.copyEdited).toBe(false);
    expect(read.entryCells).toHaveLength(EDITS.length);
    expect(read.entryCells).toContainEqual({ sheet: 'Lead', cell: expect.stringMatching(/^B\d+$/), value: '2026-01-12', entry: 'Date prepared' });
    expect(read.copy.manifest.selectionSha256).toBe(input.sample.manifest.selectionSha256);
  });

  it.runIf(libreoffice)('reads the same entries, and no difference, after LibreOffice re-saves the filled workbook', async () => {
    const resaved = convert(libreoffice!, filled, 'xlsx', tempDir('tickmark-lo-resave-'));
    const again = await readFilledWorkbook(resaved);
    expect(again.differences).toEqual([]);
    expect(normal(again.entries)).toEqual(normal(read.entries));
    expect(again.problems).toEqual([]);
  }, 180_000);

  it('writes the entries into a refreshed workbook’s yellow cells, which read back the same', async () => {
    const refreshed = join(dir, 'CC8.1-refreshed.xlsx');
    await writeWorkbook({ ...input, entries: read.entries, resultsVersion: { version: 2, by: 'B. Senior', at: '2026-01-12T10:00:00Z' } }, refreshed);
    const again = await readFilledWorkbook(refreshed);
    expect(again.differences).toEqual([]);
    expect(normal(again.entries)).toEqual(normal(read.entries));
  });

  it('names the cell of a mark outside the legend, an override without a reason, an added exception on no item', async () => {
    const bad = fillWorkbook(python!, filled, join(dir, 'CC8.1-bad.xlsx'), [
      { sheet: 'Test matrix', row: { '#': 5 }, column: 'H (manual)', value: 'ok' },
      { sheet: 'Test matrix', row: { '#': 6 }, column: 'A override', value: '✓' },
      { sheet: 'Exceptions', row: { Ref: 'AX-02' }, column: '# or key', value: 'CHG9999999' },
      { sheet: 'Exceptions', row: { Ref: 'AX-02' }, column: 'Attribute', value: 'H' },
      { sheet: 'Exceptions', row: { Ref: 'AX-02' }, column: 'Description', value: 'x' },
    ]);
    const { problems } = await readFilledWorkbook(bad);
    expect(problems.map((p) => [p.sheet, p.value, p.expected])).toEqual([
      ['Test matrix', 'ok', '✓, X or N/A (also ✔ √, x ✗ ✘ ×, n/a NA N.A.)'],
      ['Test matrix', '✓', 'a reason under "Override reason" for the override'],
      ['Exceptions', 'CHG9999999', "an item's # or key from the Test matrix"],
    ]);
    expect(problems.every((p) => /^[A-Z]+\d+$/.test(p.cell))).toBe(true);
  });
});

describe('marks as people type them', () => {
  it('reads the legend’s marks and their common variants, and nothing else', () => {
    for (const t of ['✓', '✔', '√', ' ✓ ']) expect(normalizeMark(t)).toBe('✓');
    for (const t of ['X', 'x', '✗', '✘', '×']) expect(normalizeMark(t)).toBe('X');
    for (const t of ['N/A', 'n/a', 'NA', 'na', 'N.A.', 'n / a']) expect(normalizeMark(t)).toBe('N/A');
    for (const t of ['v', 'ok', 'yes', 'pass', '1', '-', 'XX']) expect(normalizeMark(t)).toBeUndefined();
  });
});

it.runIf(process.env.TICKMARK_REQUIRE_LIBREOFFICE === '1')('LibreOffice is installed (CI: apt-get install -y libreoffice-calc)', () => {
  expect(libreoffice).not.toBeNull();
});
