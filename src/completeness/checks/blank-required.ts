/**
 * blank_required: blank or invalid values in the fields the kind's tests depend on, per field
 * (defaults per kind in defaults.ts, plus the key and event fields; `requiredFields` replaces
 * the list). Blank = no text in the source cell (or an empty typed string); invalid = text that
 * did not type: a timestamp/number/boolean that is NaN with raw text present, an enum value
 * outside its list. A field the mapping does not carry counts every row as blank (mapped: false).
 * Problems in the kind's required fields, the key or the event field fail; in the other listed
 * fields (approver, approved_at…) they warn — the attribute tests will turn those rows into
 * deviations, the auditor should know before sampling.
 *
 * @example
 * // change log, 3 rows without approver → fields[approver] = { blank: 3, required: false, … }, status warn
 */
import type { PopulationChunk } from '../../population/types.js';
import { columnsOf } from '../../population/vectors.js';
import { notRun, type CompletenessCheck } from '../check.js';
import type { CheckContext } from '../context.js';
import { cappedRows, finishCapped, mergeCapped, offer, type CappedRows } from '../support/capped.js';
import { keyReader, rawCell } from '../support/columns.js';
import type { BlankFieldRow, BlankRequiredResult, BlankValueRow } from '../types.js';

export interface BlankFieldPartial {
  field: string;
  /** False when some chunk did not carry the field. */
  mapped: boolean;
  type: string | null;
  blank: number;
  invalid: number;
  rows: CappedRows<BlankValueRow>;
}

export interface BlankRequiredPartial {
  rows: number;
  fields: BlankFieldPartial[];
}

const emptyField = (field: string): BlankFieldPartial => ({ field, mapped: true, type: null, blank: 0, invalid: 0, rows: cappedRows() });

function map(chunk: PopulationChunk, ctx: CheckContext): BlankRequiredPartial {
  const key = keyReader(chunk, ctx.keyFields);
  const columns = columnsOf(chunk);
  const cap = ctx.cap;
  const fields = ctx.params.requiredFields.map((field): BlankFieldPartial => {
    const out = emptyField(field);
    const column = columns.field(field);
    if (!column) {
      out.mapped = false;
      out.blank = chunk.rows;
      return out;
    }
    const raw = rawCell(chunk, ctx.meta.mapping[field]);
    const note = (i: number, problem: 'blank' | 'invalid') => {
      out[problem]++;
      offer(out.rows, chunk.record[i]!, cap, () => ({ record: chunk.record[i]!, line: chunk.line[i]!, key: key(i), problem, value: raw?.(i) ?? null }));
    };
    // Blank = null, '' or NaN.
    const type = column.type;
    const rows = column.blankRows();
    out.type = type;
    const textual = type === 'string' || type === 'enum';
    for (const i of rows) {
      const text = raw?.(i);
      const invalid = textual ? type === 'enum' && text != null && text.trim() !== '' : text != null;
      note(i, invalid ? 'invalid' : 'blank');
    }
    return out;
  });
  return { rows: chunk.rows, fields };
}

function merge(a: BlankRequiredPartial, b: BlankRequiredPartial, ctx: CheckContext): BlankRequiredPartial {
  return {
    rows: a.rows + b.rows,
    fields: a.fields.map((fa, i) => {
      const fb = b.fields[i]!;
      return {
        field: fa.field, mapped: fa.mapped && fb.mapped, type: fa.type ?? fb.type,
        blank: fa.blank + fb.blank, invalid: fa.invalid + fb.invalid, rows: mergeCapped(fa.rows, fb.rows, ctx.cap),
      };
    }),
  };
}

function finish(p: BlankRequiredPartial, ctx: CheckContext): BlankRequiredResult {
  const parameters = { requiredFields: ctx.params.requiredFields, evidenceCap: ctx.cap };
  if (p.fields.length === 0) return notRun('blank_required', 'no fields to check (set requiredFields)', parameters);
  const strict = new Set([...ctx.spec.fields.filter((f) => f.required).map((f) => f.name), ...ctx.keyFields, ...(ctx.event ? [ctx.event.field] : [])]);
  const fields: BlankFieldRow[] = p.fields.map((f) => ({
    field: f.field,
    header: ctx.meta.mapping[f.field] ?? null,
    type: f.type ?? ctx.spec.fields.find((s) => s.name === f.field)?.type ?? 'unknown',
    required: strict.has(f.field),
    mapped: f.mapped && (p.rows === 0 ? ctx.meta.mapping[f.field] !== undefined : true),
    blank: f.blank,
    invalid: f.invalid,
    rows: finishCapped(f.rows, ctx.cap),
  }));
  const problems = fields.filter((f) => f.blank + f.invalid > 0 || !f.mapped);
  const status = problems.some((f) => f.required) ? 'fail' : problems.length ? 'warn' : 'pass';
  const describe = (f: BlankFieldRow) => (f.mapped ? `${f.field} ${f.blank} blank${f.invalid ? `, ${f.invalid} invalid` : ''}` : `${f.field} not mapped`);
  const summary = problems.length === 0
    ? `no blank or invalid values in ${fields.length} field(s) (${fields.map((f) => f.field).join(', ')})`
    : `${problems.map(describe).join('; ')}`;
  return { id: 'blank_required', status, ran: true, summary, parameters, evidence: { rows: p.rows, fields } };
}

export const blankRequired: CompletenessCheck<'blank_required', BlankRequiredPartial> = {
  id: 'blank_required',
  empty: (ctx) => ({ rows: 0, fields: ctx.params.requiredFields.map(emptyField) }),
  map,
  merge,
  finish,
};
