/**
 * The team's entries from what their yellow cells hold: marks on manual attributes, overrides with
 * their reason, evidence references and comments per item, write-ups of the tool's exceptions,
 * exceptions added below them, the lead sheet's workpaper fields and sign-offs, completeness
 * dispositions — as `TeamEntries`, plus the lead and population inputs `TeamEntries` has no place
 * for (`other`), and each value that cannot be read (`problems`, naming the cell).
 *
 * Marks: ✓ ✔ √ are ✓; X x ✗ ✘ × are X; N/A n/a NA na N.A. are N/A (case, spaces and dots ignored).
 * Anything else is a problem. Isolated / systemic, the nature of the control and yes / no are read
 * without case; dates as a date cell or `YYYY-MM-DD` text.
 *
 * @example
 * entriesFromCells(model, [{ sheet: 'Test matrix', cell: 'M4', value: 'x', field: { kind: 'mark', order: 1, key: 'CHG1', attribute: 'H' } }])
 * // { entries: { items: [{ order: 1, key: 'CHG1', marks: { H: 'X' }, overrides: {} }], … }, other: [], problems: [] }
 */
import { CONTROL_NATURES, emptyEntries, type ControlNature, type ExceptionWriteUp, type ItemEntry, type Mark, type TeamEntries, type WorkpaperFields } from '../../evaluation/entries.js';
import type { EntryCell } from './compare.js';
import type { OtherField } from './entry-fields.js';
import type { WorkbookModel } from './model.js';

export interface EntryProblem {
  sheet: string;
  cell: string;
  value: string;
  expected: string;
}

export interface ReadEntries {
  entries: TeamEntries;
  /** Inputs of the Lead and Population sheets that `TeamEntries` does not hold (client, control description, extraction…). */
  other: { field: OtherField; value: string }[];
  problems: EntryProblem[];
}

const TICKS = new Set(['✓', '✔', '√', '☑', '✅']);
const CROSSES = new Set(['x', '✗', '✘', '×', '❌']);
export const MARK_EXPECTED = '✓, X or N/A (also ✔ √, x ✗ ✘ ×, n/a NA N.A.)';

/** The mark a typed value stands for, or undefined. */
export function normalizeMark(text: string): Mark | undefined {
  const t = text.trim();
  if (TICKS.has(t)) return '✓';
  const flat = t.toLowerCase().replace(/[\s.]/g, '');
  if (CROSSES.has(flat)) return 'X';
  if (flat === 'n/a' || flat === 'na') return 'N/A';
  return undefined;
}

const DATE_ONLY = /^(\d{4}-\d{2}-\d{2})(?: 00:00:00)?$/;

/** A calendar date `YYYY-MM-DD` from a date cell, its serial, or ISO text. */
function calendarDateOf(text: string): string | undefined {
  const t = text.trim();
  const m = DATE_ONLY.exec(t);
  if (m) return m[1];
  const full = /^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}/.exec(t);
  if (full) return full[1];
  if (/^\d{5}(\.\d+)?$/.test(t)) return new Date(Math.round((Number(t) - 25569) * 86_400_000)).toISOString().slice(0, 10);
  return undefined;
}

function natureOf(text: string): ControlNature | undefined {
  const t = text.trim().toLowerCase().replace(/[-\s]+/g, ' ');
  return CONTROL_NATURES.find((n) => n.replace(/[-\s]+/g, ' ') === t);
}

function yesNo(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  return ['yes', 'y', 'true'].includes(t) ? true : ['no', 'n', 'false'].includes(t) ? false : undefined;
}

function isolated(text: string): 'isolated' | 'systemic' | undefined {
  const t = text.trim().toLowerCase();
  return t === 'isolated' || t === 'systemic' ? t : undefined;
}

/**
 * Read the entries out of the input cells' values.
 *
 * @example
 * entriesFromCells(model, cells).entries.workpaper.preparedBy // 'A. Auditor'
 */
export function entriesFromCells(model: WorkbookModel, cells: readonly EntryCell[]): ReadEntries {
  const entries = emptyEntries();
  const other: ReadEntries['other'] = [];
  const problems: EntryProblem[] = [];
  const problem = (c: EntryCell, expected: string): void => {
    problems.push({ sheet: c.sheet, cell: c.cell, value: c.value, expected });
  };
  const items = new Map<number, ItemEntry>();
  const item = (order: number, key: string): ItemEntry => {
    let e = items.get(order);
    if (!e) items.set(order, (e = { order, key, marks: {}, overrides: {} }));
    return e;
  };
  const reasons = new Map<number, string>();
  const overrideCells = new Map<number, EntryCell[]>();
  const writeUps = new Map<string, ExceptionWriteUp>();
  const writeUp = (order: number, key: string, attribute: string): ExceptionWriteUp => {
    const id = `${order}\u0000${attribute}`;
    let w = writeUps.get(id);
    if (!w) writeUps.set(id, (w = { order, key, attribute }));
    return w;
  };
  const added = new Map<number, { cells: EntryCell[]; item?: string; attribute?: string; description?: string; rootCause?: string; managementResponse?: string; nature?: 'isolated' | 'systemic' }>();
  const byOrder = new Map(model.items.map((i) => [i.order, i]));
  const byKey = new Map(model.items.map((i) => [i.key, i]));
  const letters = new Set(model.attributes.map((a) => a.attribute));

  for (const c of cells) {
    const value = c.value.trim();
    if (value === '') continue;
    const f = c.field;
    switch (f.kind) {
      case 'mark': {
        const mark = normalizeMark(value);
        if (mark) item(f.order, f.key).marks[f.attribute] = mark;
        else problem(c, MARK_EXPECTED);
        break;
      }
      case 'override': {
        const mark = normalizeMark(value);
        if (!mark) {
          problem(c, MARK_EXPECTED);
          break;
        }
        item(f.order, f.key).overrides[f.attribute] = { mark, reason: '' };
        overrideCells.set(f.order, [...(overrideCells.get(f.order) ?? []), c]);
        break;
      }
      case 'overrideReason':
        reasons.set(f.order, value);
        break;
      case 'evidence':
        item(f.order, f.key).evidence = value;
        break;
      case 'comment':
        item(f.order, f.key).comment = value;
        break;
      case 'writeUp': {
        const w = writeUp(f.order, f.key, f.attribute);
        if (f.field === 'nature') {
          const n = isolated(value);
          if (n) w.nature = n;
          else problem(c, 'Isolated or Systemic');
        } else w[f.field] = value;
        break;
      }
      case 'added': {
        const row = added.get(f.row) ?? { cells: [] };
        row.cells.push(c);
        if (f.field === 'nature') {
          const n = isolated(value);
          if (n) row.nature = n;
          else problem(c, 'Isolated or Systemic');
        } else row[f.field] = value;
        added.set(f.row, row);
        break;
      }
      case 'workpaper': {
        const wp = entries.workpaper as Record<keyof WorkpaperFields, unknown>;
        if (f.field === 'nature') {
          const n = natureOf(value);
          if (n) wp.nature = n;
          else problem(c, CONTROL_NATURES.join(', '));
        } else if (f.field === 'keyControl') {
          const yes = yesNo(value);
          if (yes !== undefined) wp.keyControl = yes;
          else problem(c, 'yes or no');
        } else if (f.field === 'preparedOn' || f.field === 'reviewedOn') {
          const date = calendarDateOf(value);
          if (date) wp[f.field] = date;
          else problem(c, 'a date (YYYY-MM-DD)');
        } else wp[f.field] = value;
        break;
      }
      case 'completeness':
        entries.completeness.push({ check: f.check, disposition: value });
        break;
      case 'other':
        other.push({ field: f.field, value: f.field === 'extractedAt' ? calendarDateOf(value) ?? value : value });
        break;
    }
  }

  for (const [order, list] of overrideCells) {
    const reason = reasons.get(order) ?? '';
    const e = items.get(order)!;
    for (const o of Object.values(e.overrides)) o.reason = reason;
    if (!reason) for (const c of list) problem(c, 'a reason under "Override reason" for the override');
  }
  for (const order of reasons.keys()) {
    if (!overrideCells.has(order)) {
      const c = cells.find((x) => x.field.kind === 'overrideReason' && x.field.order === order)!;
      problem(c, 'an override mark beside an automated result (a reason alone overrides nothing)');
    }
  }
  for (const [, row] of [...added].sort((a, b) => a[0] - b[0])) {
    const first = row.cells[0]!;
    const ref = row.item?.trim() ?? '';
    const target = /^\d+$/.test(ref) ? byOrder.get(Number(ref)) : byKey.get(ref);
    const attribute = row.attribute?.trim().toUpperCase() ?? '';
    if (!target) {
      problem(row.cells.find((c) => c.field.kind === 'added' && c.field.field === 'item') ?? first, "an item's # or key from the Test matrix");
      continue;
    }
    if (!letters.has(attribute)) {
      problem(row.cells.find((c) => c.field.kind === 'added' && c.field.field === 'attribute') ?? first, `an attribute letter (${[...letters].join(', ')})`);
      continue;
    }
    if (!row.description) {
      problem(first, 'a description of the exception');
      continue;
    }
    entries.addedExceptions.push({ order: target.order, key: target.key, attribute, description: row.description });
    if (row.rootCause || row.managementResponse || row.nature) {
      writeUps.set(`${target.order}\u0000${attribute}`, {
        order: target.order, key: target.key, attribute,
        ...(row.rootCause ? { rootCause: row.rootCause } : {}),
        ...(row.managementResponse ? { managementResponse: row.managementResponse } : {}),
        ...(row.nature ? { nature: row.nature } : {}),
      });
    }
  }
  entries.items = [...items.values()].filter((e) => Object.keys(e.marks).length || Object.keys(e.overrides).length || e.evidence !== undefined || e.comment !== undefined).sort((a, b) => a.order - b.order);
  entries.writeUps = [...writeUps.values()];
  return { entries, other, problems };
}
