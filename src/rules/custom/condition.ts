/**
 * Custom-rule conditions: validated from JSON and compiled by our own code into closures (never
 * eval / new Function). Evaluation is three-valued — true, false, or unknown when a value it needs
 * is blank or unparseable — so `{"not": {"=": ["approver", "requester"]}}` with a blank approver is
 * unknown, not a pass (Kleene logic: and/or/not propagate unknown).
 *
 * Operators (one per object):
 *   {"and": [c…]} {"or": [c…]} {"not": c}
 *   {"present": f} {"blank": f}
 *   {"=" | "!=" | "<" | "<=" | ">" | ">=": [a, b], "normalize"?: bool}
 *   {"in": [f, [literal…]], "normalize"?: bool}
 *   {"matches": [f, "pattern"], "flags"?: "i" | "u" | "iu"}
 *   {"daysBetween" | "businessDaysBetween" | "hoursBetween": [a, b], "min"?: n, "max"?: n}
 *
 * @example
 * const c = parseCondition({ '<=': ['approved_at', 'deployed_at'] }, catalog, site)
 * c.bind(chunk, ctx)(0) // TRUE, FALSE or UNKNOWN
 */
import type { PopulationChunk } from '../../population/types.js';
import { calendarDaysBetween } from '../../period/calendar.js';
import { businessDays } from '../read/window.js';
import { normaliseName } from '../read/person.js';
import type { TestContext } from '../types.js';
import { badRule, pathOf } from './bad-rule.js';
import { resolveField, type FieldCatalog, type FieldRef, type Site, type ValueType } from './field-catalog.js';
import { customRuleLimits } from './limits.js';
import { bindField, bindOperand, checkLiteral, isDateLiteral, parseOperand, type Literal, type Operand } from './operand.js';
import { regexHazard } from './regex-safety.js';

export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;
export type Tri = 0 | 1 | 2;

export interface Condition {
  /** Fields the condition reads (for the observed values of a finding). */
  fields: FieldRef[];
  /** Human-readable form, used in messages: `approved_at ≤ deployed_at`. */
  text: string;
  bind(chunk: PopulationChunk, ctx: TestContext): (row: number) => Tri;
}

const COMPARE = ['=', '!=', '<', '<=', '>', '>='] as const;
type CompareOp = (typeof COMPARE)[number];
const SYMBOL: Record<CompareOp, string> = { '=': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥' };
const SPANS = ['daysBetween', 'businessDaysBetween', 'hoursBetween'] as const;
type Span = (typeof SPANS)[number];

/** Allowed option keys per operator. */
const OPTIONS: Record<string, readonly string[]> = Object.assign(Object.create(null), {
  and: [], or: [], not: [], present: [], blank: [],
  '=': ['normalize'], '!=': ['normalize'], '<': ['normalize'], '<=': ['normalize'], '>': ['normalize'], '>=': ['normalize'],
  in: ['normalize'], matches: ['flags'],
  daysBetween: ['min', 'max'], businessDaysBetween: ['min', 'max'], hoursBetween: ['min', 'max'],
});

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(site: Site, message: string, path = site.path): never {
  throw badRule(site.rule, path, message);
}

function uniqueFields(list: FieldRef[]): FieldRef[] {
  const seen = new Map<string, FieldRef>();
  for (const f of list) if (!seen.has(f.name)) seen.set(f.name, f);
  return [...seen.values()];
}

function literalText(v: Literal): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function operandText(op: Operand): string {
  return op.kind === 'field' ? op.field.name : literalText(op.value);
}

export function parseCondition(raw: unknown, catalog: FieldCatalog, site: Site): Condition {
  if (!isPlainObject(raw)) fail(site, 'expected a condition object such as {"present": "approver"}');
  const keys = Object.keys(raw);
  const operators = keys.filter((k) => Object.hasOwn(OPTIONS, k));
  if (operators.length !== 1) {
    const unknown = keys.filter((k) => !Object.hasOwn(OPTIONS, k));
    fail(site, operators.length === 0
      ? `no operator in the condition${unknown.length ? ` (unknown key ${JSON.stringify(unknown[0])})` : ''}; use one of ${Object.keys(OPTIONS).join(', ')}`
      : `a condition has exactly one operator; found ${operators.join(', ')}`);
  }
  const op = operators[0]!;
  const allowed = OPTIONS[op]!;
  for (const k of keys) {
    if (k !== op && !allowed.includes(k)) fail(site, `unknown key ${JSON.stringify(k)} in a "${op}" condition${allowed.length ? `; allowed: ${allowed.join(', ')}` : ''}`, pathOf(site.path, k));
  }
  const at = (key: string | number, base = pathOf(site.path, op)): Site => ({ rule: site.rule, path: typeof key === 'number' ? `${base}[${key}]` : pathOf(base, key) });
  const arg = raw[op];

  if (op === 'and' || op === 'or') {
    if (!Array.isArray(arg) || arg.length === 0) fail(at(op, site.path), `"${op}" takes a non-empty list of conditions`);
    const parts = arg.map((c, i) => parseCondition(c, catalog, at(i)));
    return logical(op, parts);
  }
  if (op === 'not') {
    const inner = parseCondition(arg, catalog, at(op, site.path));
    return {
      fields: inner.fields,
      text: `not (${inner.text})`,
      bind(chunk, ctx) {
        const f = inner.bind(chunk, ctx);
        return (row) => {
          const v = f(row);
          return v === UNKNOWN ? UNKNOWN : v === TRUE ? FALSE : TRUE;
        };
      },
    };
  }
  if (op === 'present' || op === 'blank') {
    const field = typeof arg === 'string' ? resolveField(catalog, arg, at(op, site.path)) : parseOperandField(arg, catalog, at(op, site.path));
    const want = op === 'present';
    return {
      fields: [field],
      text: `${field.name} is ${op}`,
      bind(chunk) {
        const read = bindField(field, chunk);
        return (row) => ((read(row) !== null) === want ? TRUE : FALSE);
      },
    };
  }
  if ((COMPARE as readonly string[]).includes(op)) return compare(op as CompareOp, arg, raw.normalize, catalog, site, at);
  if (op === 'in') return membership(arg, raw.normalize, catalog, site, at);
  if (op === 'matches') return matches(arg, raw.flags, catalog, site, at);
  return span(op as Span, arg, raw.min, raw.max, catalog, site, at);
}

function parseOperandField(raw: unknown, catalog: FieldCatalog, site: Site): FieldRef {
  const op = parseOperand(raw, catalog, site);
  if (op.kind !== 'field') fail(site, 'expected a field, not a literal');
  return op.field;
}

function logical(op: 'and' | 'or', parts: Condition[]): Condition {
  const stop = op === 'and' ? FALSE : TRUE;
  return {
    fields: uniqueFields(parts.flatMap((p) => p.fields)),
    text: parts.length === 1 ? parts[0]!.text : `(${parts.map((p) => p.text).join(` ${op} `)})`,
    bind(chunk, ctx) {
      const fs = parts.map((p) => p.bind(chunk, ctx));
      return (row) => {
        let unknown = false;
        for (const f of fs) {
          const v = f(row);
          if (v === stop) return stop;
          if (v === UNKNOWN) unknown = true;
        }
        return unknown ? UNKNOWN : stop === FALSE ? TRUE : FALSE;
      };
    },
  };
}

function pair(arg: unknown, catalog: FieldCatalog, at: (k: number) => Site, site: Site, op: string): [Operand, Operand] {
  if (!Array.isArray(arg) || arg.length !== 2) fail({ ...site, path: pathOf(site.path, op) }, `"${op}" takes a list of two operands`);
  return [parseOperand(arg[0], catalog, at(0)), parseOperand(arg[1], catalog, at(1))];
}

/** The common type of two operands, checking literals against the field's type. */
function commonType(a: Operand, b: Operand, at: (k: number) => Site, site: Site, op: string): ValueType {
  if (a.kind === 'literal' && b.kind === 'literal') fail({ ...site, path: pathOf(site.path, op) }, 'compares two literals; one side must be a field');
  if (a.kind === 'field' && b.kind === 'field') {
    if (a.field.type !== b.field.type) fail({ ...site, path: pathOf(site.path, op) }, `compares ${a.field.name} (${a.field.type}) with ${b.field.name} (${b.field.type}); both sides must have the same type`);
    return a.field.type;
  }
  const [field, literal, i] = a.kind === 'field' ? [a.field, b, 1] as const : [(b as { field: FieldRef }).field, a, 0] as const;
  checkLiteral((literal as { value: Literal }).value, field.type, at(i));
  return field.type;
}

function compare(op: CompareOp, arg: unknown, normalizeRaw: unknown, catalog: FieldCatalog, site: Site, at: (k: number) => Site): Condition {
  const [a, b] = pair(arg, catalog, at, site, op);
  const type = commonType(a, b, at, site, op);
  if (normalizeRaw !== undefined && typeof normalizeRaw !== 'boolean') fail(site, '"normalize" is true or false', pathOf(site.path, 'normalize'));
  const normalize = normalizeRaw === true;
  if (normalize && type !== 'string') fail(site, '"normalize" applies to text comparisons only', pathOf(site.path, 'normalize'));
  if (type === 'boolean' && op !== '=' && op !== '!=') fail(site, `true/false values compare with = or != only, not ${op}`, pathOf(site.path, op));
  const anyEnum = (a.kind === 'field' && a.field.isEnum) || (b.kind === 'field' && b.field.isEnum);
  const test = comparator(op);
  return {
    fields: uniqueFields([a, b].flatMap((o) => (o.kind === 'field' ? [o.field] : []))),
    text: `${operandText(a)} ${SYMBOL[op]} ${operandText(b)}${normalize ? ' (ignoring case and spacing)' : ''}`,
    bind(chunk, ctx) {
      const ra = bindOperand(a, type, chunk, ctx, anyEnum);
      const rb = bindOperand(b, type, chunk, ctx, anyEnum);
      return (row) => {
        let x = ra(row);
        let y = rb(row);
        if (x === null || y === null) return UNKNOWN;
        if (normalize) { x = normaliseName(x as string); y = normaliseName(y as string); }
        return test(x, y) ? TRUE : FALSE;
      };
    },
  };
}

function comparator(op: CompareOp): (x: string | number | boolean, y: string | number | boolean) => boolean {
  switch (op) {
    case '=': return (x, y) => x === y;
    case '!=': return (x, y) => x !== y;
    case '<': return (x, y) => x < y;
    case '<=': return (x, y) => x <= y;
    case '>': return (x, y) => x > y;
    case '>=': return (x, y) => x >= y;
  }
}

function membership(arg: unknown, normalizeRaw: unknown, catalog: FieldCatalog, site: Site, at: (k: number) => Site): Condition {
  if (!Array.isArray(arg) || arg.length !== 2 || !Array.isArray(arg[1])) fail({ ...site, path: pathOf(site.path, 'in') }, '"in" takes [field, [value, …]]');
  const field = parseOperandField(arg[0], catalog, at(0));
  if (field.type !== 'string' && field.type !== 'number') fail(at(0), `"in" applies to text or number fields; ${field.name} is a ${field.type}`);
  const list = arg[1] as unknown[];
  if (list.length === 0 || list.length > customRuleLimits.maxListEntries) fail(at(1), `the list has 1 to ${customRuleLimits.maxListEntries} values`);
  if (normalizeRaw !== undefined && typeof normalizeRaw !== 'boolean') fail(site, '"normalize" is true or false', pathOf(site.path, 'normalize'));
  const normalize = normalizeRaw === true;
  if (normalize && field.type !== 'string') fail(site, '"normalize" applies to text only', pathOf(site.path, 'normalize'));
  const values = list.map((v, i) => {
    const s: Site = { rule: site.rule, path: `${at(1).path}[${i}]` };
    if (field.type === 'number') { if (typeof v !== 'number') fail(s, `${field.name} is a number; list numbers`); return v; }
    if (typeof v !== 'string') fail(s, `${field.name} is text; list text values`);
    if (v.length > customRuleLimits.maxText) fail(s, `values are at most ${customRuleLimits.maxText} characters`);
    return normalize ? normaliseName(v) : field.isEnum ? v.toLowerCase() : v;
  });
  const set = new Set<string | number>(values);
  return {
    fields: [field],
    text: `${field.name} is one of ${list.map((v) => literalText(v as Literal)).join(', ')}${normalize ? ' (ignoring case and spacing)' : ''}`,
    bind(chunk) {
      const read = bindField(field, chunk);
      return (row) => {
        const v = read(row);
        if (v === null) return UNKNOWN;
        return set.has(normalize ? normaliseName(v as string) : (v as string | number)) ? TRUE : FALSE;
      };
    },
  };
}

function matches(arg: unknown, flagsRaw: unknown, catalog: FieldCatalog, site: Site, at: (k: number) => Site): Condition {
  if (!Array.isArray(arg) || arg.length !== 2) fail({ ...site, path: pathOf(site.path, 'matches') }, '"matches" takes [field, "pattern"]');
  const field = parseOperandField(arg[0], catalog, at(0));
  if (field.type !== 'string') fail(at(0), `"matches" applies to text fields; ${field.name} is a ${field.type}`);
  const pattern = arg[1];
  if (typeof pattern !== 'string') fail(at(1), 'the pattern is a string');
  if (pattern.length > customRuleLimits.maxPatternLength) fail(at(1), `the pattern is ${pattern.length} characters; the limit is ${customRuleLimits.maxPatternLength}`);
  const flags = flagsRaw === undefined ? '' : flagsRaw;
  if (typeof flags !== 'string' || !/^(?:i|u|iu|ui)?$/.test(flags)) fail(site, 'flags are "i", "u" or "iu"', pathOf(site.path, 'flags'));
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags);
  } catch (err) {
    fail(at(1), `invalid pattern: ${(err as Error).message}`);
  }
  const hazard = regexHazard(pattern, flags);
  if (hazard) fail(at(1), `the pattern is refused as a backtracking hazard: ${hazard}`);
  const limit = customRuleLimits.maxMatchInput;
  return {
    fields: [field],
    text: `${field.name} matches /${pattern}/${flags}`,
    bind(chunk) {
      const read = bindField(field, chunk);
      return (row) => {
        const v = read(row) as string | null;
        if (v === null) return UNKNOWN;
        return regex.test(v.length > limit ? v.slice(0, limit) : v) ? TRUE : FALSE;
      };
    },
  };
}

function span(op: Span, arg: unknown, minRaw: unknown, maxRaw: unknown, catalog: FieldCatalog, site: Site, at: (k: number) => Site): Condition {
  const [a, b] = pair(arg, catalog, at, site, op);
  for (const [o, i] of [[a, 0], [b, 1]] as const) {
    if (o.kind === 'field' && o.field.type !== 'timestamp') fail(at(i), `"${op}" needs timestamps; ${o.field.name} is a ${o.field.type}`);
    if (o.kind === 'literal' && !(typeof o.value === 'string' && isDateLiteral(o.value))) fail(at(i), 'a date literal is {"value": "2025-06-30"} (ISO 8601)');
  }
  if (a.kind === 'literal' && b.kind === 'literal') fail({ ...site, path: pathOf(site.path, op) }, 'both sides are literals; one side must be a field');
  for (const [name, v] of [['min', minRaw], ['max', maxRaw]] as const) {
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) fail(site, `"${name}" is a number`, pathOf(site.path, name));
  }
  if (minRaw === undefined && maxRaw === undefined) fail(site, `"${op}" needs "min", "max" or both`);
  const min = (minRaw as number | undefined) ?? -Infinity;
  const max = (maxRaw as number | undefined) ?? Infinity;
  if (min > max) fail(site, '"min" is greater than "max"', pathOf(site.path, 'min'));
  const unit = op === 'hoursBetween' ? 'hours' : op === 'businessDaysBetween' ? 'business days' : 'calendar days';
  const bound = minRaw !== undefined && maxRaw !== undefined ? `between ${min} and ${max}` : maxRaw !== undefined ? `at most ${max}` : `at least ${min}`;
  return {
    fields: uniqueFields([a, b].flatMap((o) => (o.kind === 'field' ? [o.field] : []))),
    text: `${unit} from ${operandText(a)} to ${operandText(b)} ${bound}`,
    bind(chunk, ctx) {
      const ra = bindOperand(a, 'timestamp', chunk, ctx);
      const rb = bindOperand(b, 'timestamp', chunk, ctx);
      const cal = ctx.calendar;
      const elapsed = op === 'hoursBetween' ? (x: number, y: number) => (y - x) / 3_600_000
        : op === 'businessDaysBetween' ? (x: number, y: number) => businessDays(cal, x, y)
        : (x: number, y: number) => calendarDaysBetween(cal, x, y);
      return (row) => {
        const x = ra(row) as number | null;
        const y = rb(row) as number | null;
        if (x === null || y === null) return UNKNOWN;
        const d = elapsed(x, y);
        return d >= min && d <= max ? TRUE : FALSE;
      };
    },
  };
}
