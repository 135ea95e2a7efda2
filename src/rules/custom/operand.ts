/**
 * Operands of custom-rule conditions: a field (`"approved_at"` or `{"field": "approved_at"}`) or a
 * literal (a number, `true`/`false`, or `{"value": …}` for text and dates). Each binds to a chunk
 * as a reader `(row) => value | null` (null = blank or unparseable). Date literals are ISO 8601;
 * without an offset they are read in the calendar's zone.
 *
 * @example
 * bindOperand({ kind: 'field', field }, chunk, ctx)(0) // 1735812000000 or null
 */
import type { PopulationChunk } from '../../population/types.js';
import { parseDate } from '../../period/period.js';
import { zonedToUtc } from '../../time/zone.js';
import { fieldColumn, sourceColumn } from '../read/columns.js';
import type { TestContext } from '../types.js';
import { badRule } from './bad-rule.js';
import { resolveField, type FieldCatalog, type FieldRef, type Site, type ValueType } from './field-catalog.js';
import { customRuleLimits } from './limits.js';

export type Literal = string | number | boolean;

export type Operand =
  | { kind: 'field'; field: FieldRef }
  | { kind: 'literal'; value: Literal };

export type Value = string | number | boolean | null;
export type Reader = (row: number) => Value;

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseOperand(raw: unknown, catalog: FieldCatalog, site: Site): Operand {
  if (typeof raw === 'string') return { kind: 'field', field: resolveField(catalog, raw, site) };
  if (typeof raw === 'number' || typeof raw === 'boolean') return { kind: 'literal', value: raw };
  if (isPlainObject(raw)) {
    const keys = Object.keys(raw);
    if (keys.length === 1 && keys[0] === 'field') return { kind: 'field', field: resolveField(catalog, raw.field, { ...site, path: `${site.path}.field` }) };
    if (keys.length === 1 && keys[0] === 'value') {
      const v = raw.value;
      if (typeof v === 'string') {
        if (v.length > customRuleLimits.maxText) throw badRule(site.rule, `${site.path}.value`, `text literals are at most ${customRuleLimits.maxText} characters`);
        return { kind: 'literal', value: v };
      }
      if (typeof v === 'number' || typeof v === 'boolean') return { kind: 'literal', value: v };
      throw badRule(site.rule, `${site.path}.value`, 'a literal is text, a number or true/false');
    }
  }
  throw badRule(site.rule, site.path, 'expected an operand: a field name, a number, true/false, {"field": name} or {"value": literal}');
}

/** The type an operand has when compared with `other`; literals take the field's type. */
export function operandType(op: Operand): ValueType | 'literal' {
  return op.kind === 'field' ? op.field.type : 'literal';
}

/** Check a literal against the type it is compared with; dates must be ISO 8601. */
export function checkLiteral(value: Literal, type: ValueType, site: Site): void {
  const ok =
    type === 'timestamp' ? typeof value === 'string' && isDateLiteral(value)
    : type === 'number' ? typeof value === 'number'
    : type === 'boolean' ? typeof value === 'boolean'
    : typeof value === 'string';
  if (!ok) {
    const want = type === 'timestamp' ? 'an ISO 8601 date such as {"value": "2025-06-30"} or {"value": "2025-06-30T17:00:00Z"}' : type === 'string' ? 'text ({"value": "…"})' : type === 'number' ? 'a number' : 'true or false';
    throw badRule(site.rule, site.path, `compared with a ${type} field, the literal ${JSON.stringify(value)} must be ${want}`);
  }
}

export function isDateLiteral(text: string): boolean {
  const m = DATE_TIME.exec(text);
  return m !== null && parseDate(m[1]!) !== undefined && Number(m[2] ?? 0) < 24 && Number(m[3] ?? 0) < 60 && Number(m[4] ?? 0) < 60;
}

/** Date literal → UTC ms; naive forms are wall-clock time in `zone`. */
export function dateLiteralMs(text: string, zone: string): number {
  const m = DATE_TIME.exec(text)!;
  const wall = parseDate(m[1]!)! + Number(m[2] ?? 0) * 3_600_000 + Number(m[3] ?? 0) * 60_000 + Number(m[4] ?? 0) * 1000 + Number((m[5] ?? '0').padEnd(3, '0'));
  const offset = m[6];
  if (offset === undefined) return zonedToUtc(wall, zone);
  if (offset === 'Z') return wall;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return wall - sign * (Number(digits.slice(0, 2)) * 3_600_000 + Number(digits.slice(2)) * 60_000);
}

/** Bind an operand to a chunk. Text values are trimmed by ingest; blank text reads as null. */
export function bindOperand(op: Operand, type: ValueType, chunk: PopulationChunk, ctx: TestContext, lowerLiteral = false): Reader {
  if (op.kind === 'literal') {
    const v = type === 'timestamp' ? dateLiteralMs(op.value as string, ctx.calendar.timeZone) : lowerLiteral && typeof op.value === 'string' ? op.value.toLowerCase() : op.value;
    return () => v;
  }
  return bindField(op.field, chunk);
}

export function bindField(field: FieldRef, chunk: PopulationChunk): Reader {
  if (field.source === 'header') {
    const values = sourceColumn(chunk, field.name);
    if (!values) return () => null;
    return (row) => {
      const v = values[row];
      return v == null || v.trim() === '' ? null : v;
    };
  }
  const column = fieldColumn(chunk, field.name);
  if (!column) return () => null;
  if (column.type === 'string' || column.type === 'enum') {
    if (field.type !== 'string') return () => null;
    const values = column.values;
    return (row) => {
      const v = values[row];
      return v == null || v === '' ? null : v;
    };
  }
  if (field.type === 'string') return () => null;
  const values = column.values;
  if (column.type === 'boolean') return (row) => (Number.isNaN(values[row]!) ? null : values[row] === 1);
  return (row) => (Number.isNaN(values[row]!) ? null : values[row]!);
}
