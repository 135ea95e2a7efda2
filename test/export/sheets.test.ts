/**
 * One contract for every sheet (style.md habit 4): stable names and order, a frozen pane, a width
 * for every column used, drop-downs and highlights inside the sheet, only plain values in cells.
 * Plus what each sheet must say in the cases the golden file does not cover: a statistical plan,
 * a zone with daylight saving time, an untested sample, a population data sheet.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { styled, type Cell, type SheetContent } from '../../src/export/workbook/content.js';
import { columnWidths } from '../../src/export/workbook/widths.js';
import { workbookContents } from '../../src/export/workbook/build.js';
import type { WorkbookInput } from '../../src/export/workbook/input.js';
import { eachItemResult, workbookModel } from '../../src/export/workbook/model.js';
import { MAX_SHEET_DATA_ROWS, populationDataSheet, WORKBOOK_SHEETS } from '../../src/export/workbook/sheets/index.js';
import { valueCell } from '../../src/export/workbook/cells.js';
import { readChunks } from '../../src/store/read-chunks.js';
import type { Store } from '../../src/store/store.js';
import { tempStore } from '../helpers/tmp.js';
import seedrandom from 'seedrandom';
import { itemNotes, itemNotesOf } from '../../src/export/workbook/sheets/test-matrix.js';
import type { Outcome } from '../../src/rules/types.js';
import type { AttributeResult, ControlEvaluation } from '../../src/evaluation/types.js';
import { CHANGES, workbookInputFor } from './fixture.js';

const cellValue = (c: Cell) => (c !== null && typeof c === 'object' && !(c instanceof Date) ? c.v : c);
const refRows = (ref: string) => ref.match(/\d+/g)!.map(Number);

describe('every sheet', () => {
  let input: WorkbookInput;
  let sheets: SheetContent[];
  beforeAll(async () => {
    input = await workbookInputFor(tempStore(), CHANGES);
    sheets = workbookContents(input).sheets;
  }, 60_000);

  it('comes in the stable order with unique Excel-valid names', () => {
    expect(WORKBOOK_SHEETS.map((s) => s.name)).toEqual(['Lead', 'Population', 'Completeness', 'Selection', 'Test matrix', 'Sample detail', 'Exceptions', 'Evaluation', 'Legend']);
    expect(sheets.map((s) => s.name)).toEqual([...WORKBOOK_SHEETS.map((s) => s.name), 'tickmark']);
    for (const s of sheets) expect(s.name).toMatch(/^[^[\]:*?/\\]{1,31}$/);
  });

  for (const name of ['Lead', 'Population', 'Completeness', 'Selection', 'Test matrix', 'Sample detail', 'Exceptions', 'Evaluation', 'Legend']) {
    it(`${name}: frozen header, a width per column, refs inside the sheet, plain values only`, () => {
      const s = sheets.find((x) => x.name === name)!;
      expect(s.state).toBe('visible');
      expect(s.freeze?.rows).toBeGreaterThan(0);
      const columns = Math.max(...s.rows.map((r) => r.length));
      expect(s.widths!.length).toBeGreaterThanOrEqual(columns);
      for (const w of s.widths!) expect(w).toBeGreaterThan(0);
      for (const ref of [...s.validations.map((v) => v.ref), ...s.highlights.map((h) => h.ref), ...s.dataBars, ...(s.autoFilter ? [s.autoFilter] : [])]) {
        for (const row of refRows(ref)) expect(row).toBeLessThanOrEqual(s.rows.length);
      }
      for (const row of s.rows) {
        for (const cell of row) {
          const v = cellValue(cell);
          expect(v === null || ['string', 'number', 'boolean'].includes(typeof v) || v instanceof Date).toBe(true);
          if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
        }
      }
    });
  }

  it('the hidden copy is very hidden', () => {
    expect(sheets.at(-1)).toMatchObject({ name: 'tickmark', state: 'veryHidden' });
  });
});

describe('column widths', () => {
  it('fit the longest value in its display format, leave overflowing notes out, stay within bounds', () => {
    expect(columnWidths([[styled('Key', 'header')], ['CHG0000001']])).toEqual([13]);
    expect(columnWidths([[styled('a very long note that may overflow into the next cells', 'note')], [styled(0.5, 'prn')]])).toEqual([20]);
    expect(columnWidths([[new Date(0), styled(new Date(0), 'date'), 'x'.repeat(500)]])).toEqual([22, 13, 60]);
  });
});

describe('in a zone with daylight saving time', () => {
  it('shows an instant as its wall-clock time there (EDT in March, EST in January)', () => {
    const item = { row: { record: 1, values: { 'Deployed On': 'x' }, fields: { deployed_at: Date.parse('2025-03-09T16:00:00Z') } } } as never;
    const column = { header: 'Deployed On', field: 'deployed_at', type: 'timestamp' as const };
    expect((valueCell(item, column, 'America/New_York') as Date).toISOString()).toBe('2025-03-09T12:00:00.000Z');
    const winter = { row: { record: 1, values: {}, fields: { deployed_at: Date.parse('2025-01-09T16:00:00Z') } } } as never;
    expect((valueCell(winter, column, 'America/New_York') as Date).toISOString()).toBe('2025-01-09T11:00:00.000Z');
  });

  it('keeps the raw text when a timestamp did not parse', () => {
    const item = { row: { record: 1, values: { 'Deployed On': 'not a date' }, fields: { deployed_at: null } } } as never;
    expect(valueCell(item, { header: 'Deployed On', field: 'deployed_at', type: 'timestamp' }, 'UTC')).toBe('not a date');
  });
});

describe('an untested sample', () => {
  let store: Store;
  let input: WorkbookInput;
  beforeAll(async () => {
    store = tempStore();
    input = await workbookInputFor(store, CHANGES, { tests: false, completeness: false });
  }, 60_000);

  it('still writes every sheet, saying what is missing', () => {
    const { sheets, model } = workbookContents(input);
    expect(model.attributes).toEqual([]);
    const text = (name: string) => JSON.stringify(sheets.find((s) => s.name === name)!.rows);
    expect(text('Completeness')).toContain('Not run: no completeness report was given');
    expect(text('Evaluation')).toContain('Not evaluated');
    expect(text('Test matrix')).toContain('The attributes have not been tested yet.');
  });

  it('adds the population data sheet on request, one row per record', async () => {
    const meta = input.population;
    const model = workbookModel({ ...input, populationData: readChunks(store.populationDir(meta.id), meta) });
    const sheet = populationDataSheet(model)!;
    expect(sheet.rows[0]!.map(cellValue)).toEqual(['Source record', 'Source line', ...meta.headers]);
    let rows = 0;
    let first: Cell[] | undefined;
    for await (const batch of sheet.moreRows as AsyncIterable<Cell[][]>) {
      first ??= batch[0];
      rows += batch.length;
    }
    expect(rows).toBe(meta.rows.accepted);
    expect(first!.slice(0, 3)).toEqual([1, 2, 'CHG0000001']);
    expect(sheet.autoFilter).toBe(`A1:P${meta.rows.accepted + 1}`);
  });

  it('says the fingerprint stands in when the population does not fit a worksheet', () => {
    const big = { ...input.population, rows: { ...input.population.rows, accepted: MAX_SHEET_DATA_ROWS + 1 } };
    const sheet = populationDataSheet(workbookModel({ ...input, population: big, populationData: [] }))!;
    expect(sheet.moreRows).toBeUndefined();
    const text = JSON.stringify(sheet.rows);
    expect(text).toContain(input.population.source.sha256);
    expect(text).toContain('1,048,576 rows and 14 columns');
  });
});

describe('the Lead as a workpaper and the Evaluation of a ControlEvaluation', () => {
  let input: WorkbookInput;
  beforeAll(async () => {
    input = await workbookInputFor(tempStore(), CHANGES, { completeness: false });
  }, 60_000);

  const attribute = (over: Partial<AttributeResult>): AttributeResult => ({
    attribute: 'A', label: 'A — Approval present', mode: 'automated', items: 3, tested: 3, notApplicable: 0, pending: 0, deviations: 0, sampleRate: 0,
    upperLimit: null, upperLimitPct: null, tolerable: null, confidence: null, allowedDeviations: 0, conclusion: 'no_deviations', rationale: 'No deviation in 3 items tested.', warnings: [], ...over,
  });
  const evaluation: ControlEvaluation = {
    parts: [
      { part: 'key_items', basis: 'all_items', items: 3, condition: 'type=emergency', attributes: [attribute({})], overall: attribute({ attribute: 'overall', label: 'Items overall', mode: 'overall' }) },
      {
        part: 'sample', basis: 'statistical', items: 59, planned: 59,
        attributes: [attribute({ items: 59, tested: 57, notApplicable: 2, deviations: 1, sampleRate: 1 / 57, upperLimit: 0.0812, upperLimitPct: 8.2, tolerable: 0.05, confidence: 0.95, conclusion: 'not_supported', rationale: 'UL 8.2% > TDR 5%.', warnings: ['tested on 57 applicable items, fewer than the 59 planned'] })],
        overall: attribute({ attribute: 'overall', label: 'Items overall', mode: 'overall', items: 59, tested: 59, deviations: 1, conclusion: 'not_supported', upperLimit: 0.0784, upperLimitPct: 7.9, tolerable: 0.05, confidence: 0.95 }),
      },
    ],
    conclusion: { status: 'not_effective', qualified: true, sentence: 'Not effective: the upper deviation limit of the sample exceeds the tolerable rate on attribute A.', reasons: ['Key items: no deviation in 3 items (100% tested).', 'Sample: 1 deviation in 57 items tested, UL 8.2% > 5%.'] },
    completeness: { status: 'fail', qualifies: true, failing: ['duplicate_keys'] },
    options: [{ kind: 'extend', extendBy: 34, extendedSize: 93, sentence: 'Extend the sample by 34 items to 93 (1 deviation allowed) and test them.' }, { kind: 'not_effective', sentence: 'Or conclude the control not effective.' }],
    statistical: true, distribution: 'binomial', conventions: 'Binomial, one-sided Clopper–Pearson; values computed.',
  };
  const text = (s: SheetContent | undefined) => JSON.stringify(s!.rows);

  it('never invents a control description: it is a yellow input when not given', () => {
    const { sheets } = workbookContents({ ...input, control: { id: 'CC8.1-01' } });
    const lead = sheets.find((s) => s.name === 'Lead')!;
    const row = lead.rows.find((r) => cellValue(r[0]!) === 'Control description')!;
    expect(row[1]).toEqual({ v: null, s: 'inputWrap', e: { kind: 'other', field: 'controlDescription' } });
    expect(text(lead)).not.toContain('tested by tickmark');
  });

  it('writes the workpaper fields the caller gave, leaves the others yellow, prefilled from the entries', () => {
    const { sheets } = workbookContents({
      ...input,
      workpaper: { objective: 'Only authorised changes reach production', nature: 'automated', keyControl: true },
      entries: { items: [], addedExceptions: [], writeUps: [], completeness: [], workpaper: { owner: 'Head of Platform', preparedOn: '2026-01-12' } },
    });
    const lead = sheets.find((s) => s.name === 'Lead')!;
    const cell = (label: string) => lead.rows.find((r) => cellValue(r[0]!) === label)![1];
    expect(cell('Control objective')).toEqual(styled('Only authorised changes reach production', 'wrap'));
    expect(cell('Nature of the control')).toEqual(styled('automated', 'wrap'));
    expect(cell('Key control')).toBe('yes');
    expect(cell('Control owner')).toEqual({ v: 'Head of Platform', s: 'input', e: { kind: 'workpaper', field: 'owner' } });
    expect(cell('Date prepared')).toEqual({ v: new Date('2026-01-12T00:00:00Z'), s: 'inputDate', e: { kind: 'workpaper', field: 'preparedOn' } });
    expect(lead.validations.map((v) => v.list)).toEqual([]); // nature and key control were given: no drop-down
  });

  it('renders each part, the conclusion and how the parts combine, the options, in plain words', () => {
    const { sheets } = workbookContents({ ...input, controlEvaluation: evaluation });
    const e = text(sheets.find((s) => s.name === 'Evaluation'));
    expect(e).toContain('Key items: 3 items taken in full — 100% tested, no sampling risk');
    expect(e).toContain('The sample: 59 items, statistical (binomial, planned n = 59)');
    expect(e).toContain('Not effective: the upper deviation limit of the sample exceeds the tolerable rate on attribute A.');
    expect(e).toContain('Sample: 1 deviation in 57 items tested, UL 8.2% > 5%.');
    expect(e).toContain('qualifies the conclusion: duplicate_keys');
    expect(e).toContain('Extend by 34 to 93');
    expect(e).toContain('A: tested on 57 applicable items, fewer than the 59 planned');
    expect(e).not.toMatch(/riskOfOverreliance|not_supported|key_items|\{\\"/);
    const lead = text(sheets.find((s) => s.name === 'Lead'));
    expect(lead).toContain('Not effective');
    expect(lead).toContain('yes: duplicate_keys');
  });
});

describe('the Completeness sheet', () => {
  let input: WorkbookInput;
  beforeAll(async () => {
    input = await workbookInputFor(tempStore(), CHANGES);
  }, 60_000);

  const side = (population: string, orphans: string[]) => ({
    population, field: 'change_id', rows: 10, keys: 10, blank: 0, orphanRows: orphans.length,
    orphans: { total: orphans.length, items: orphans.map((key, i) => ({ key, record: i + 1, rows: 1 })) },
  });

  it('says not run for a check that did not run, lists the empty days, names both populations of a tie-out, and asks for a disposition', () => {
    const report = input.completeness!;
    const tieOut = {
      id: 'tie_out', status: 'warn', ran: true, summary: '2 orphans', parameters: {},
      evidence: {
        caseFold: false, require: 'both', matchedKeys: 8, ours: side('pop_a', ['CHG1']), theirs: side('pop_b', ['DEP9']),
        populations: {
          ours: { id: 'pop_a', kind: 'change', file: 'changes-2025.csv', sha256: 'a'.repeat(64), rows: 500 },
          theirs: { id: 'pop_b', kind: 'generic', file: 'deploys-2025.csv', sha256: 'b'.repeat(64), rows: 480 },
        },
      },
    };
    const checks = report.checks.map((c) => (c.id === 'tie_out' ? tieOut : c.id === 'control_total' ? { ...c, status: 'not_run' } : c));
    const { sheets } = workbookContents({ ...input, completeness: { ...report, checks } as never });
    const sheet = sheets.find((s) => s.name === 'Completeness')!;
    const text = JSON.stringify(sheet.rows);
    const row = (id: string) => sheet.rows.find((r) => r[0] === id)!;
    expect(cellValue(row('control_total')[2]!)).toBe('not run');
    expect(row('duplicate_keys')[4]).toEqual({ v: null, s: 'inputWrap', e: { kind: 'completeness', check: 'duplicate_keys' } });
    const empty = report.checks.find((c) => c.id === 'empty_periods')!.evidence as { emptyDays: { total: number; items: { bucket: string }[] } };
    expect(empty.emptyDays.total).toBeGreaterThan(0);
    expect(text).toContain(`Empty business days: ${empty.emptyDays.total}`);
    for (const d of empty.emptyDays.items) expect(text).toContain(d.bucket);
    expect(text).toContain('deploys-2025.csv (generic, population pop_b), key field change_id: 10 rows');
    expect(text).toContain('b'.repeat(64));
    expect(sheet.rows.find((r) => cellValue(r[0]!) === 'Other population: rows in the file')![1]).toEqual(styled(480, 'integer'));
  });
});

describe('each item\'s result, read in the order the results lie', () => {
  it('visits every item by its index, its own result last (a record given twice, one untested, results shuffled)', async () => {
    const input = await workbookInputFor(tempStore(), CHANGES);
    const results = [...input.tests!.items!];
    const rng = seedrandom('each-item-result');
    for (let i = results.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [results[i], results[j]] = [results[j]!, results[i]!];
    }
    const untested = results.pop()!;
    const twice = results[3]!;
    results.unshift({ ...twice, outcomes: [] }); // an earlier result of the same record
    const model = workbookModel({ ...input, tests: { ...input.tests!, items: results } });
    const last = new Array<unknown>(model.items.length);
    const visits = new Array<number>(model.items.length).fill(0);
    eachItemResult(model, (result, i) => {
      last[i] = result;
      visits[i]!++;
    });
    model.items.forEach((item, i) => expect(last[i]).toBe(item.result));
    const at = (record: number) => model.items.findIndex((item) => item.record === record);
    expect(last[at(untested.record)]).toBeUndefined();
    expect(visits[at(twice.record)]).toBe(2);
    expect(visits.filter((v) => v === 1)).toHaveLength(model.items.length - 1);
  });
});

describe('the items joined with their rows and results by record', () => {
  it('finds the same row and the last result of a record whether the lists come in record order or not', async () => {
    const input = await workbookInputFor(tempStore(), CHANGES);
    const byRecord = <T extends { record: number }>(list: T[]) => [...list].sort((a, b) => a.record - b.record);
    const shuffled = <T>(list: T[], seed: string) => {
      const rng = seedrandom(seed);
      return [...list].map((x) => [rng(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
    };
    const tested = input.tests!.items!;
    const results = byRecord(tested);
    const twice = results[5]!;
    const later = { ...twice, outcomes: [] };
    const sorted = [...results.slice(0, 6), later, ...results.slice(6)]; // the record twice, in record order
    for (const [rows, items] of [[byRecord(input.sampledRows), sorted], [shuffled(input.sampledRows, 'rows'), shuffled(sorted, 'results').reverse()]] as const) {
      const model = workbookModel({ ...input, sampledRows: [...rows], tests: { ...input.tests!, items: [...items] } });
      for (const item of model.items) {
        expect(item.row).toBe(input.sampledRows.find((r) => r.record === item.record));
        const expected = item.record === twice.record ? [...items].reverse().find((r) => r.record === item.record) : tested.find((r) => r.record === item.record);
        expect(item.result).toBe(expected);
      }
      expect(model.items.find((item) => item.record === twice.record)!.result).toBe(items.indexOf(later) > items.indexOf(twice) ? later : twice);
    }
  });
});

describe('Sample detail notes made once per outcome texts', () => {
  it('gives each item the notes itemNotes gives it, whatever its outcomes', () => {
    const rng = seedrandom('notes-of');
    const attributes = ['A', 'B', 'C', 'D'].map((attribute) => ({ attribute, label: attribute, name: attribute, rule: attribute, description: attribute, mode: 'automated' as const, params: {} }));
    const reasons = ['standard change', 'not an emergency change', 'pre-approved'];
    const outcome = (): Outcome => {
      const r = rng();
      if (r < 0.3) return { status: 'pass' };
      if (r < 0.4) return { status: 'manual', evidence: 'inspect the ticket' };
      // Texts equal in content made anew each time, as a parsed test run holds them.
      if (r < 0.8) return { status: 'not_applicable', reason: `${reasons[Math.floor(rng() * reasons.length)]!}` };
      return { status: 'exception', observed: {}, message: ['late', 'no approver'][Math.floor(rng() * 2)]! + '' };
    };
    const items = Array.from({ length: 400 }, (_, i) => {
      const length = 1 + Math.floor(rng() * 4);
      const base = { order: i + 1, key: `K${i}`, prn: rng(), prnHex: '0', record: i, line: i + 2, eventTime: 0, keyItem: false, addedByExtension: false };
      return i % 50 === 7 ? base : { ...base, result: { key: `K${i}`, record: i, line: i + 2, outcomes: Array.from({ length }, outcome), deviation: false } };
    }) as unknown as { result?: Parameters<typeof itemNotes>[0] }[];
    const notesOf = itemNotesOf(attributes, true);
    const distinct = new Set<string | null>();
    for (const item of items) {
      const notes = notesOf(item.result);
      expect(notes).toBe(itemNotes(item.result, attributes, true));
      distinct.add(notes);
    }
    // Items repeat outcome texts (so notes are reused) and differ (so the tree tells them apart).
    expect(distinct.size).toBeGreaterThan(20);
    expect(distinct.size).toBeLessThan(items.length / 2);
    expect(itemNotesOf(attributes, false)(items[0]!.result)).toBeNull();
  });
});
