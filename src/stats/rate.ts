/**
 * Exact decimal rates. Audit rates ('0.035', '3.5%', 0.035) are held as reduced BigInt
 * fractions so that `ceil(EDR·n)` is exact: 0.035 × 400 is 14, never 15 (the binary
 * floating-point product is 14.000000000000002). Parsing failures are `TM_ERR_BAD_PLAN` errors.
 *
 * @example
 * const edr = parseRate('3.5%', 'expected', { allowZero: true });
 * ceilTimes(edr, 400); // 14
 */
import { tickmarkError } from '../errors.js';

/** An exact, non-negative rational rate `num / den` in lowest terms (den > 0). */
export interface Rate {
  readonly num: bigint;
  readonly den: bigint;
}

/** What callers may pass for a rate: a decimal number, or a string such as '0.05', '5%', '.5e-1'. */
export type RateInput = number | string;

export interface ParseRateOptions {
  /** Accept 0 (e.g. an expected deviation rate of none). Default false: the rate must be > 0. */
  allowZero?: boolean;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * Build a rate from integer parts, reduced to lowest terms.
 *
 * @example
 * rate(35n, 1000n); // { num: 7n, den: 200n }
 */
export function rate(num: bigint, den: bigint): Rate {
  if (den <= 0n) throw new RangeError('rate denominator must be positive');
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

function badRate(field: string, got: unknown, allowZero: boolean): never {
  const range = allowZero ? 'at least 0 and below 1' : 'above 0 and below 1';
  throw tickmarkError('TM_ERR_BAD_PLAN', {
    message: `${field} must be a rate ${range} (e.g. 0.05 or 5%); got ${JSON.stringify(got)}`,
    field,
    got,
  });
}

/**
 * Parse a decimal or percentage into an exact rate strictly inside (0, 1) (or [0, 1) with
 * `allowZero`). Numbers are read through their shortest decimal form, so 0.035 is 35/1000.
 *
 * @example
 * parseRate('95%', 'confidence'); // { num: 19n, den: 20n }
 * parseRate(0.035, 'expected');   // { num: 7n, den: 200n }
 */
export function parseRate(input: RateInput, field: string, options: ParseRateOptions = {}): Rate {
  const allowZero = options.allowZero ?? false;
  if (typeof input === 'number' && !Number.isFinite(input)) badRate(field, input, allowZero);
  if (typeof input !== 'number' && typeof input !== 'string') badRate(field, input, allowZero);
  let text = String(input).trim();
  let percent = false;
  if (text.endsWith('%')) {
    percent = true;
    text = text.slice(0, -1).trim();
  }
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) badRate(field, input, allowZero);
  const [, sign, whole, frac = '', exp = '0'] = m;
  const expValue = Number(exp);
  if (!Number.isSafeInteger(expValue) || Math.abs(expValue) > 400) badRate(field, input, allowZero);
  let num = BigInt((whole || '0') + frac);
  const scale = frac.length - expValue + (percent ? 2 : 0);
  if (sign === '-') num = -num;
  let den = 1n;
  if (scale >= 0) den = 10n ** BigInt(scale);
  else num *= 10n ** BigInt(-scale);
  const r = rate(num, den);
  if (r.num < 0n || r.num >= r.den || (r.num === 0n && !allowZero)) badRate(field, input, allowZero);
  return r;
}

/**
 * The nearest double to the rate (for distribution functions, which take floating point).
 *
 * @example
 * rateToNumber(parseRate('5%', 'tolerable')); // 0.05
 */
export function rateToNumber(r: Rate): number {
  // Dividing two doubles that are exact integers gives the correctly rounded quotient.
  if (r.den <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(r.num) / Number(r.den);
  return Number((r.num * 10n ** 20n) / r.den) / 1e20;
}

/**
 * `1 − r`, exactly (e.g. α = 1 − confidence).
 *
 * @example
 * complement(parseRate('0.95', 'confidence')); // { num: 1n, den: 20n }
 */
export function complement(r: Rate): Rate {
  return rate(r.den - r.num, r.den);
}

/**
 * `ceil(r · n)` in exact integer arithmetic.
 *
 * @example
 * ceilTimes(parseRate('0.035', 'expected'), 400); // 14
 */
export function ceilTimes(r: Rate, n: number): number {
  const p = r.num * BigInt(n);
  return Number((p + r.den - 1n) / r.den);
}

/**
 * `floor(r · n)` in exact integer arithmetic.
 *
 * @example
 * floorTimes(parseRate('0.035', 'expected'), 399); // 13
 */
export function floorTimes(r: Rate, n: number): number {
  return Number((r.num * BigInt(n)) / r.den);
}

/**
 * Compare two rates exactly: negative, zero or positive as a < b, a = b, a > b.
 *
 * @example
 * compareRates(parseRate('1%', 'a'), parseRate('0.01', 'b')); // 0
 */
export function compareRates(a: Rate, b: Rate): number {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/**
 * The rate as a percentage string, exact when the decimal terminates (every parsed rate
 * does), otherwise to 6 decimals: 7/200 → '3.5%'.
 *
 * @example
 * formatPercent(parseRate('0.035', 'expected')); // '3.5%'
 */
export function formatPercent(r: Rate): string {
  const scaled = rate(r.num * 100n, r.den);
  let den = scaled.den;
  let digits = 0;
  while (den % 10n === 0n || den % 2n === 0n || den % 5n === 0n) {
    if (den % 10n === 0n) den /= 10n;
    else if (den % 2n === 0n) den /= 2n;
    else den /= 5n;
    digits += 1;
  }
  const terminating = den === 1n;
  const places = terminating ? digits : 6;
  const factor = 10n ** BigInt(places);
  const value = (scaled.num * factor + (terminating ? 0n : scaled.den / 2n)) / scaled.den;
  const whole = value / factor;
  let frac = places === 0 ? '' : (value % factor).toString().padStart(places, '0');
  if (!terminating) frac = frac.replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}
