/**
 * Value checks: before a column is accepted for a canonical field, its first data rows (the ones
 * the header sniff already read) are checked against what the field holds. A date field whose
 * column mostly does not parse as dates, an id that is mostly blank, a person field holding mostly
 * numbers, a login holding display names, an enum mostly outside its values — each fails with the
 * check's name, the counts and examples, so the mapping can take the next candidate or stop and
 * say why. Fewer than `MIN_VALUES` non-blank values are too few to judge: the column passes.
 *
 * @example
 * checkColumn(kindSpec('change').fields[7]!, ['Last name', 'Smith', 'Jones', 'Brown', 'Lee', 'Khan'], { timeZone: 'UTC' })
 * // { ok: false, check: 'dates', … }
 */
import type { FieldSpec } from '../../population/kinds.js';
import type { TypingOptions } from '../../population/types.js';
import { parseBoolean, parseNumber } from '../typing/scalar.js';
import { lastWasAmbiguous, timestampMs } from '../../kernels/timestamp/parse.js';

/** Non-blank values needed before a column is judged. */
export const MIN_VALUES = 5;
/** A check fails when more than this share of the non-blank values (or, for blanks, of all values) fails it. */
export const MOSTLY = 0.5;
/** A one-field key fails when its distinct values are fewer than this share of its non-blank values. */
export const MIN_DISTINCT_SHARE = 0.5;

export type CheckName = 'dates' | 'numbers' | 'booleans' | 'values' | 'blank' | 'repeated' | 'people' | 'logins';

export type CheckResult =
  | { ok: true }
  | { ok: false; check: CheckName; failed: number; of: number; message: string; examples: string[] };

export interface CheckOptions extends TypingOptions {
  /** Epoch numbers are dates in this unit (a per-field format hint). */
  epoch?: 's' | 'ms';
  /** The field is the population's only key field: its values must not mostly repeat. */
  soleKey?: boolean;
  /** Enum spellings accepted besides the values (lower case → value). */
  aliases?: Readonly<Record<string, string>>;
  /** Person fields holding several people: the separators (split before the check). */
  separators?: readonly string[];
}

const isBlank = (v: string | undefined) => v == null || v.trim() === '';
const NUMERIC = /^[-+]?[\d\s.,:/]+$/;
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;

function fail(check: CheckName, failed: number, of: number, message: string, examples: string[]): CheckResult {
  return { ok: false, check, failed, of, message, examples: [...new Set(examples)].slice(0, 3) };
}

/** Does a non-blank cell read as a date? Bare numbers only as epoch (with a hint) or a plausible Excel serial. */
function looksLikeDate(v: string, opts: CheckOptions): boolean {
  const t = v.trim();
  if (PLAIN_NUMBER.test(t)) {
    if (opts.epoch) return /^\d+$/.test(t);
    const n = Number(t);
    return n >= 20_000 && n < 80_000; // 1954–2119 as an Excel serial
  }
  const ms = timestampMs(t, opts);
  return !Number.isNaN(ms) || lastWasAmbiguous();
}

function split(v: string, separators: readonly string[] | undefined): string[] {
  if (!separators?.length) return [v];
  let parts = [v.trim()];
  if (parts[0]!.startsWith('[')) {
    try {
      const arr = JSON.parse(parts[0]!) as unknown;
      if (Array.isArray(arr)) return arr.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    } catch { /* not JSON: split below */ }
  }
  for (const sep of separators) parts = parts.flatMap((p) => p.split(sep));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Check a candidate column's sampled cells (blanks included) against the field. */
export function checkColumn(field: FieldSpec, cells: readonly (string | undefined)[], opts: CheckOptions): CheckResult {
  const values = cells.filter((v): v is string => !isBlank(v));
  if ((field.role === 'id' || (field.required && field.type === 'enum')) && cells.length >= MIN_VALUES) {
    const blank = cells.length - values.length;
    if (blank / cells.length > MOSTLY) return fail('blank', blank, cells.length, `${blank} of ${cells.length} sampled cells are blank`, []);
  }
  if (values.length < MIN_VALUES) return { ok: true };
  const n = values.length;
  const count = (bad: (v: string) => boolean) => {
    const failed = values.filter(bad);
    return { failed: failed.length, examples: failed.slice(0, 10) };
  };
  const judge = (check: CheckName, bad: (v: string) => boolean, what: string): CheckResult => {
    const { failed, examples } = count(bad);
    return failed / n > MOSTLY ? fail(check, failed, n, `${failed} of ${n} sampled values ${what}`, examples) : { ok: true };
  };
  switch (field.type) {
    case 'timestamp':
      return judge('dates', (v) => !looksLikeDate(v, opts), 'do not read as dates');
    case 'number':
      return judge('numbers', (v) => Number.isNaN(parseNumber(v)), 'are not numbers');
    case 'boolean':
      return judge('booleans', (v) => Number.isNaN(parseBoolean(v)), 'are not true/false, yes/no or 1/0');
    case 'enum': {
      const allowed = new Set(field.values ?? []);
      const aliases = opts.aliases ?? field.aliases ?? {};
      return judge('values', (v) => { const t = v.trim().toLowerCase(); return !allowed.has(t) && !Object.hasOwn(aliases, t); }, `are not one of ${[...allowed].join(', ')}`);
    }
    default:
      break;
  }
  if (field.role === 'id' && opts.soleKey) {
    const distinct = new Set(values.map((v) => v.trim())).size;
    if (distinct / n < MIN_DISTINCT_SHARE) {
      const seen = new Map<string, number>();
      for (const v of values) seen.set(v.trim(), (seen.get(v.trim()) ?? 0) + 1);
      const repeated = [...seen].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([v, k]) => `${v} (×${k})`);
      return fail('repeated', n - distinct, n, `only ${distinct} distinct values in ${n} sampled rows: the column repeats (a line-item export? name the unit's key)`, repeated);
    }
  }
  if (field.role === 'person') {
    const people = values.flatMap((v) => split(v, opts.separators));
    const numeric = people.filter((p) => NUMERIC.test(p));
    if (people.length >= MIN_VALUES && numeric.length / people.length > MOSTLY) return fail('people', numeric.length, people.length, `${numeric.length} of ${people.length} sampled values are numbers or dates, not people`, numeric);
  }
  if (field.role === 'login') return judge('logins', (v) => /\s/.test(v.trim()), 'contain spaces: display names, not logins');
  return { ok: true };
}
