/**
 * Parameters of the completeness checks: what the user may set, the defaults per kind, and the
 * resolved, fully explicit form recorded in the report (so a reviewer sees every threshold used).
 * Invalid options throw TM_ERR_INVALID_OPTION naming the option.
 *
 * @example
 * resolveParams(meta, { expectCount: 1204, calendar: 'business', holidays: ['2025-12-25'] }).edgeWarnDays // 7 for a change log
 */
import { tickmarkError } from '../errors.js';
import { kindSpec } from '../population/kinds.js';
import type { PopulationMeta } from '../population/types.js';
import { makeCalendar } from '../period/calendar.js';
import { DEFAULT_EVIDENCE_CAP, DEFAULT_LOW_ALPHA, DEFAULT_LOW_RATIO, defaultEdgeDays, defaultRequiredFields } from './defaults.js';
import { parseDecimal, formatDecimal } from './support/decimal.js';

export type RollForwardInput = number | 'count';

export interface CompletenessParams {
  /** Timestamp field that places a row in the period (default: the population's / kind's event time). */
  eventField?: string;
  /** Most rows (or ranges, groups) listed per evidence list; counts stay complete. Default 100. */
  evidenceCap?: number;
  /** Daily activity judged on business days (weekends + holidays off) or on all days. Default 'business'. */
  calendar?: 'business' | 'all';
  /** Holidays (YYYY-MM-DD, local dates) for the business calendar. */
  holidays?: string[];
  /** period_coverage: days without activity at either end that warn / fail (strictly more than). */
  edgeWarnDays?: number;
  edgeFailDays?: number;
  /** empty_periods: a bucket is low below lowRatio × expected (default 0.25)… */
  lowRatio?: number;
  /** …and when the Poisson probability of so few events is below lowAlpha (default 0.001). */
  lowAlpha?: number;
  /** sequence_gaps: the key field whose trailing digits form the sequence (default: the single key field). */
  sequenceField?: string;
  /** 'yearly': numbering restarts each year; sequences are taken per prefix and local year of the event time. */
  sequenceRestart?: 'none' | 'yearly';
  /** blank_required: the fields to check (default per kind, plus the key and event fields). */
  requiredFields?: string[];
  /** control_total: the record count the system owner gave. */
  expectCount?: number;
  /** control_total: the sum of an amount field the system owner gave (exact decimal; a string keeps every digit). */
  expectSum?: { field: string; amount: string | number };
  /** control_total: count/sum all accepted rows (default) or only rows in the period. */
  controlScope?: 'all' | 'in_period';
  /** tie_out against the second population. */
  tieOut?: { ourKey?: string; theirKey?: string; caseFold?: boolean; require?: 'both' | 'ours' | 'theirs' };
  /** roll_forward: each term a number given by the user or 'count' (counted from the population). */
  rollForward?: {
    start?: RollForwardInput;
    adds?: RollForwardInput;
    removes?: RollForwardInput;
    end?: RollForwardInput;
    /** Timestamp of the addition (default: the event field). */
    addedField?: string;
    /** Timestamp of the removal (no default; without it, removes must be given). */
    removedField?: string;
  };
}

export interface ResolvedCompletenessParams {
  eventField: string | null;
  evidenceCap: number;
  calendar: 'business' | 'all';
  holidays: string[];
  edgeWarnDays: number;
  edgeFailDays: number;
  lowRatio: number;
  lowAlpha: number;
  sequenceField: string | null;
  sequenceRestart: 'none' | 'yearly';
  requiredFields: string[];
  expectCount: number | null;
  expectSum: { field: string; header: string; amount: string } | null;
  controlScope: 'all' | 'in_period';
  tieOut: { ourKey: string; ourHeader: string; theirKey: string; theirHeader: string; caseFold: boolean; require: 'both' | 'ours' | 'theirs' } | null;
  rollForward: {
    start: RollForwardInput;
    adds: RollForwardInput;
    removes: RollForwardInput;
    end: RollForwardInput;
    addedField: string | null;
    removedField: string | null;
  } | null;
}

function invalid(option: string, expected: string, got: unknown): never {
  throw tickmarkError('TM_ERR_INVALID_OPTION', { option, expected, got });
}

function intOption(name: string, value: unknown, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) invalid(name, `must be an integer from ${min} to ${max}`, value);
  return value;
}

function ratioOption(name: string, value: unknown, fallback: number, maxInclusive: boolean): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || (maxInclusive ? value > 1 : value >= 1)) invalid(name, `must be a number in (0, 1${maxInclusive ? ']' : ')'}`, value);
  return value;
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) invalid(name, `must be one of ${allowed.join(', ')}`, value);
  return value as T;
}

/** The source header of a canonical field or header name of a population, or undefined. */
export function headerOf(meta: Pick<PopulationMeta, 'mapping' | 'headers'>, name: string): string | undefined {
  if (meta.mapping[name] !== undefined) return meta.mapping[name];
  if (meta.headers.includes(name)) return name;
  return undefined;
}

function mappedField(meta: PopulationMeta, option: string, name: unknown): string {
  if (typeof name !== 'string' || !name) invalid(option, 'must name a field', name);
  if (meta.mapping[name] === undefined) invalid(option, `must name a mapped field of population ${meta.id} (mapped: ${Object.keys(meta.mapping).join(', ')})`, name);
  return name;
}

function timestampField(meta: PopulationMeta, option: string, name: unknown): string {
  const field = mappedField(meta, option, name);
  const spec = kindSpec(meta.kind).fields.find((f) => f.name === field);
  if (spec && spec.type !== 'timestamp') invalid(option, `must name a timestamp field; ${field} is ${spec.type}`, name);
  return field;
}

function rollTerm(name: string, value: unknown): RollForwardInput {
  if (value === undefined || value === 'count') return 'count';
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) invalid(name, 'must be a non-negative integer or "count"', value);
  return value;
}

/**
 * Validate the user's parameters against the population (and the second population of a tie-out)
 * and fill every default.
 */
export function resolveParams(meta: PopulationMeta, params: CompletenessParams = {}, other?: PopulationMeta): ResolvedCompletenessParams {
  const spec = kindSpec(meta.kind);
  const p = params ?? {};

  let eventField: string | null;
  if (p.eventField !== undefined) eventField = timestampField(meta, 'eventField', p.eventField);
  else {
    const candidate = meta.eventTime ?? spec.eventTime;
    eventField = candidate !== undefined && meta.mapping[candidate] !== undefined ? candidate : null;
  }

  const calendar = oneOf('calendar', p.calendar, ['business', 'all'] as const, 'business');
  if (p.holidays !== undefined && (!Array.isArray(p.holidays) || p.holidays.some((h) => typeof h !== 'string'))) invalid('holidays', 'must be a list of dates (YYYY-MM-DD)', p.holidays);
  const holidays = [...new Set(p.holidays ?? [])].sort();
  makeCalendar({ holidays }); // validates the dates

  const edge = defaultEdgeDays[meta.kind];
  const edgeWarnDays = intOption('edgeWarnDays', p.edgeWarnDays, edge.warn, 0);
  const edgeFailDays = intOption('edgeFailDays', p.edgeFailDays, Math.max(edge.fail, edgeWarnDays), 0);
  if (edgeFailDays < edgeWarnDays) invalid('edgeFailDays', `must be at least edgeWarnDays (${edgeWarnDays})`, edgeFailDays);

  let sequenceField: string | null;
  if (p.sequenceField !== undefined) sequenceField = mappedField(meta, 'sequenceField', p.sequenceField);
  else sequenceField = meta.key.length === 1 && meta.mapping[meta.key[0]!] !== undefined ? meta.key[0]! : null;

  let requiredFields: string[];
  if (p.requiredFields !== undefined) {
    if (!Array.isArray(p.requiredFields)) invalid('requiredFields', 'must be a list of field names', p.requiredFields);
    const known = new Set([...spec.fields.map((f) => f.name), ...Object.keys(meta.mapping)]);
    for (const f of p.requiredFields) if (typeof f !== 'string' || !known.has(f)) invalid('requiredFields', `must list fields of kind ${meta.kind} or mapped fields (${[...known].join(', ')})`, f);
    requiredFields = [...new Set(p.requiredFields)];
  } else {
    requiredFields = [...new Set([...meta.key, ...(eventField ? [eventField] : []), ...defaultRequiredFields[meta.kind]])];
  }

  let expectCount: number | null = null;
  if (p.expectCount !== undefined) expectCount = intOption('expectCount', p.expectCount, 0, 0);

  let expectSum: ResolvedCompletenessParams['expectSum'] = null;
  if (p.expectSum !== undefined) {
    const s = p.expectSum as { field?: unknown; amount?: unknown } | null;
    if (!s || typeof s !== 'object') invalid('expectSum', 'must be { field, amount }', p.expectSum);
    if (typeof s.field !== 'string' || headerOf(meta, s.field) === undefined) invalid('expectSum.field', `must name a field or header of population ${meta.id}`, s.field);
    const text = typeof s.amount === 'number' && Number.isFinite(s.amount) ? String(s.amount) : s.amount;
    const amount = typeof text === 'string' ? parseDecimal(text) : null;
    if (!amount) invalid('expectSum.amount', 'must be a decimal amount such as "1234567.89"', s.amount);
    expectSum = { field: s.field, header: headerOf(meta, s.field)!, amount: formatDecimal(amount.units, amount.scale) };
  }
  const controlScope = oneOf('controlScope', p.controlScope, ['all', 'in_period'] as const, 'all');
  if (controlScope === 'in_period' && !eventField) invalid('controlScope', 'can be "in_period" only when the population has an event field', controlScope);

  let tieOut: ResolvedCompletenessParams['tieOut'] = null;
  if (other) {
    const t = p.tieOut ?? {};
    const ourKey = t.ourKey ?? (meta.key.length === 1 ? meta.key[0] : undefined);
    const theirKey = t.theirKey ?? (other.key.length === 1 ? other.key[0] : undefined);
    if (typeof ourKey !== 'string' || headerOf(meta, ourKey) === undefined) invalid('tieOut.ourKey', `must name a field or header of population ${meta.id}`, ourKey);
    if (typeof theirKey !== 'string' || headerOf(other, theirKey) === undefined) invalid('tieOut.theirKey', `must name a field or header of population ${other.id}`, theirKey);
    if (t.caseFold !== undefined && typeof t.caseFold !== 'boolean') invalid('tieOut.caseFold', 'must be true or false', t.caseFold);
    tieOut = {
      ourKey, ourHeader: headerOf(meta, ourKey)!, theirKey, theirHeader: headerOf(other, theirKey)!,
      caseFold: t.caseFold ?? false, require: oneOf('tieOut.require', t.require, ['both', 'ours', 'theirs'] as const, 'both'),
    };
  }

  let rollForward: ResolvedCompletenessParams['rollForward'] = null;
  if (p.rollForward !== undefined) {
    const r = p.rollForward;
    if (!r || typeof r !== 'object') invalid('rollForward', 'must be { start?, adds?, removes?, end?, addedField?, removedField? }', r);
    const terms = { start: rollTerm('rollForward.start', r.start), adds: rollTerm('rollForward.adds', r.adds), removes: rollTerm('rollForward.removes', r.removes), end: rollTerm('rollForward.end', r.end) };
    const removedField = r.removedField !== undefined ? timestampField(meta, 'rollForward.removedField', r.removedField) : null;
    const needsAdded = terms.start === 'count' || terms.adds === 'count' || terms.end === 'count';
    let addedField: string | null = r.addedField !== undefined ? timestampField(meta, 'rollForward.addedField', r.addedField) : eventField;
    if (needsAdded && !addedField) invalid('rollForward.addedField', 'must name the timestamp of the addition to count start, adds or end', r.addedField);
    if (!needsAdded && r.addedField === undefined) addedField = null;
    if (terms.removes === 'count' && !removedField) invalid('rollForward.removes', 'must be a number unless rollForward.removedField names the timestamp of the removal', r.removes);
    rollForward = { ...terms, addedField, removedField };
  }

  return {
    eventField,
    evidenceCap: intOption('evidenceCap', p.evidenceCap, DEFAULT_EVIDENCE_CAP, 1, 100_000),
    calendar,
    holidays,
    edgeWarnDays,
    edgeFailDays,
    lowRatio: ratioOption('lowRatio', p.lowRatio, DEFAULT_LOW_RATIO, true),
    lowAlpha: ratioOption('lowAlpha', p.lowAlpha, DEFAULT_LOW_ALPHA, false),
    sequenceField,
    sequenceRestart: oneOf('sequenceRestart', p.sequenceRestart, ['none', 'yearly'] as const, 'none'),
    requiredFields,
    expectCount,
    expectSum,
    controlScope,
    tieOut,
    rollForward,
  };
}
