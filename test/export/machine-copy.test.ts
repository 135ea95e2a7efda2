/**
 * The machine copy in format /3: the render input by columns, as printable ASCII cut into cells;
 * the sheets rendered from what it reads back are the sheets rendered from the workbook's input;
 * the copy's facts (manifest, results, how the population was read) are read from it; an edit is
 * detected. Copies in format /2 (written by `machine-copy-v2.ts`, as tickmark once wrote them) are
 * still read whole.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { TickmarkError } from '../../src/errors.js';
import type { WorkbookInput } from '../../src/export/workbook/input.js';
import { MACHINE_FORMAT, machineCopy, machineSheet, parseMachineRows, readMachineSheet, renderInputOf } from '../../src/export/workbook/machine-copy.js';
import { workbookModel } from '../../src/export/workbook/model.js';
import { renderedSheets } from '../../src/export/workbook/read-filled.js';
import { tempStore } from '../helpers/tmp.js';
import { CHANGES, workbookInputFor } from './fixture.js';
import { machineSheetV2, sheetRows } from './machine-copy-v2.js';

describe('the machine copy, format /3', () => {
  let input: WorkbookInput;
  beforeAll(async () => {
    const base = await workbookInputFor(tempStore(), CHANGES);
    // Text a cell would take for an escape, markup, characters beyond ASCII, a long run.
    input = { ...base, control: { ...base.control, description: `_x0041_ <b>&amp;</b> Müller — ${'é✓'.repeat(20_000)}` } };
  }, 60_000);

  it('is printable ASCII in cells of at most 30,000 characters, with no text a reader would decode', () => {
    const rows = sheetRows(machineSheet(workbookModel(input)));
    expect(rows.slice(0, 2).map((r) => r[0])).toEqual(['part', 'format']);
    expect(rows.at(-1)![0]).toBe('sha256');
    expect(rows[1]![1]).toBe(MACHINE_FORMAT);
    const parts = rows.slice(2, -1);
    expect(parts.map((r) => r[0])).toEqual(parts.map((_, i) => String(i + 1)));
    expect(parts.length).toBeGreaterThan(8);
    for (const [, text] of parts) {
      expect(text!.length).toBeLessThanOrEqual(30_000);
      expect(text).toMatch(/^[\x20-\x7e]*$/);
      expect(text).not.toMatch(/_x[0-9A-Fa-f]{4}_/);
    }
  });

  it('is made in parts that join into one JSON text, its SHA-256 that of the whole', () => {
    const rows = sheetRows(machineSheet(workbookModel(input)));
    const text = rows.filter((r) => /^\d+$/.test(r[0]!)).map((r) => r[1]).join('');
    expect((JSON.parse(text) as { layout: number }).layout).toBe(2);
    expect(rows.at(-1)).toEqual(['sha256', createHash('sha256').update(text).digest('hex')]);
  });

  it('reads back a render input whose sheets are the workbook’s, cell for cell', () => {
    const model = workbookModel(input);
    const { render, edited, copy } = readMachineSheet(sheetRows(machineSheet(model)));
    expect(edited).toBe(false);
    expect(render!.control.description).toBe(input.control.description);
    const again = renderedSheets(workbookModel(render!));
    const first = renderedSheets(model);
    expect(again.map((s) => s.name)).toEqual(first.map((s) => s.name));
    again.forEach((sheet, i) => expect(sheet.rows).toEqual(first[i]!.rows));
    expect(copy.render).toMatchObject({ layout: 2, parts: expect.any(Number) });
  });

  it('holds the copy’s facts: the manifest, the results and how the population was read', () => {
    const model = workbookModel(input);
    const copy = parseMachineRows(sheetRows(machineSheet(model)));
    const { render: _render, ...facts } = copy;
    expect(facts).toEqual(JSON.parse(JSON.stringify(machineCopy(model))));
    expect(copy.manifest).toEqual(input.sample.manifest);
    expect(copy.tests!.items.map((i) => i.statuses)).toEqual(input.tests!.items!.map((i) => i.outcomes.map((o) => o.status)));
  });

  it('is smaller than the render input’s JSON', () => {
    const model = workbookModel({ ...input, control: { id: 'CC8.1-01' } });
    const stored = sheetRows(machineSheet(model)).filter((r) => /^\d+$/.test(r[0]!)).map((r) => r[1]).join('');
    expect(stored.length).toBeLessThan(JSON.stringify(renderInputOf(model)).length * 0.6);
  });

  it('detects an edit (its SHA-256 no longer matches), and refuses a copy edited past reading', () => {
    const rows = sheetRows(machineSheet(workbookModel(input)));
    const seedEdited = rows.map((r) => [...r]);
    const part = seedEdited.find((r) => r[1]!.includes('"seed":"20251231"'))!;
    part[1] = part[1]!.replace('"seed":"20251231"', '"seed":"20251230"');
    const read = readMachineSheet(seedEdited);
    expect(read.edited).toBe(true);
    expect(read.copy.request.seed).toBe('20251230');
    expect(() => parseMachineRows(seedEdited)).toThrow(/was edited/);
    const broken = rows.map((r) => [...r]);
    broken[2]![1] = `x${broken[2]![1]!.slice(1)}`;
    try {
      readMachineSheet(broken);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TickmarkError);
      expect((e as TickmarkError).message).toContain('was edited (its SHA-256 does not match) and cannot be read');
    }
    const missing = rows.filter((r) => r[0] !== '2');
    expect(() => readMachineSheet(missing)).toThrow(/part 2 of the machine-readable copy is missing/);
  });
});

describe('the machine copy, format /2 (still read)', () => {
  let input: WorkbookInput;
  beforeAll(async () => {
    input = await workbookInputFor(tempStore(), CHANGES, { completeness: false });
  }, 60_000);

  it('reads the copy and its render input', () => {
    const model = workbookModel(input);
    const { copy, edited, render, renderRefused } = readMachineSheet(sheetRows(machineSheetV2(model)));
    expect(edited).toBe(false);
    expect(renderRefused).toBeUndefined();
    expect(copy.format).toBe('tickmark-workbook/2');
    expect(copy.manifest).toEqual(input.sample.manifest);
    expect(render).toEqual(JSON.parse(JSON.stringify(renderInputOf(model))));
  });

  it('reports a render copy that does not match its SHA-256 beside a copy still read', () => {
    const rows = sheetRows(machineSheetV2(workbookModel(input)));
    const r1 = rows.find((r) => r[0] === 'r1')!;
    r1[1] = `A${r1[1]!.slice(1)}`;
    const { copy, render, renderRefused } = readMachineSheet(rows);
    expect(copy.manifest.seed).toBe(input.sample.manifest.seed);
    expect(render).toBeUndefined();
    expect(renderRefused).toMatch(/render copy in the machine-readable copy (was edited|does not inflate)/);
  });

  it('reads a copy with no render input (as format /1 wrote it)', () => {
    const { copy, render } = readMachineSheet(sheetRows(machineSheetV2(workbookModel(input), false)));
    expect(copy.render).toBeUndefined();
    expect(render).toBeUndefined();
    expect(copy.tests!.job).toEqual(input.testJob);
  });
});
