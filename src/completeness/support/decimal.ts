/**
 * Exact decimal arithmetic for control totals. Amounts are read from the raw source text (never
 * from the float the ingest typed), with the same grammar as ingest's `parseNumber`: an optional
 * sign, parentheses for negatives, a currency sign ($ € £ ¥) or trailing %, thousands commas,
 * a decimal point and an exponent. A value is an integer number of units at a decimal scale
 * (`12.30` = 1230 units at scale 2); sums are BigInt at the largest scale seen, so 0.1 + 0.2 is
 * exactly 0.3. While a running sum stays below 2^53 it is kept as a plain number per scale and
 * flushed to BigInt before it could lose a digit, so summing a million amounts stays cheap.
 *
 * @example
 * const acc = decimalAccumulator(); addDecimal(acc, '0.1'); addDecimal(acc, '0.2')
 * const total = decimalTotal(acc); formatDecimal(total.units, total.scale) // '0.3'
 */

export interface DecimalValue {
  units: bigint;
  scale: number;
}

/** Largest number of fraction digits accepted. */
export const MAX_SCALE = 30;

const PLAIN = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/;
const GROUPED = /^([-+]?)(\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/;
const CURRENCY_HEAD = /^[$€£¥]\s*/;
const CURRENCY_TAIL = /\s*[$€£¥%]$/;
const SAFE = 2 ** 53;

/** The digits of an amount (no sign, no separators), its sign and scale; null when not a number. */
interface ScannedDecimal {
  negative: boolean;
  digits: string;
  scale: number;
}

function scanDecimal(raw: string): ScannedDecimal | null {
  let s = raw.trim();
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  s = s.replace(CURRENCY_HEAD, '').replace(CURRENCY_TAIL, '');
  let m = PLAIN.exec(s);
  let intDigits: string;
  let exp = 0;
  if (m) {
    if (!m[2] && !m[3]) return null;
    intDigits = m[2] ?? '';
    if (m[4] !== undefined) {
      exp = Number(m[4]);
      if (Math.abs(exp) > 400) return null;
    }
  } else {
    m = GROUPED.exec(s);
    if (!m) return null;
    intDigits = m[2]!.replaceAll(',', '');
  }
  if (m[1] === '-') negative = !negative;
  const frac = m[3] ?? '';
  let scale = frac.length - exp;
  let digits = intDigits + frac;
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  if (scale > MAX_SCALE) return null;
  return { negative, digits: digits || '0', scale };
}

/** Parse one amount; null when it is not a number in the ingest grammar. */
export function parseDecimal(raw: string): DecimalValue | null {
  const d = scanDecimal(raw);
  if (!d) return null;
  const units = BigInt(d.digits);
  return { units: d.negative ? -units : units, scale: d.scale };
}

/** Running sum per scale: small exact numbers, flushed to BigInt before they pass 2^53. */
export interface DecimalAccumulator {
  small: number[];
  big: bigint[];
  /** Largest scale of any value added. */
  scale: number;
}

export function decimalAccumulator(): DecimalAccumulator {
  return { small: new Array<number>(MAX_SCALE + 1).fill(0), big: new Array<bigint>(MAX_SCALE + 1).fill(0n), scale: 0 };
}

/** Add one raw amount; false (and nothing added) when the text is not a number. */
export function addDecimal(acc: DecimalAccumulator, raw: string): boolean {
  if (addPlain(acc, raw)) return true;
  const d = scanDecimal(raw);
  if (!d) return false;
  const { scale } = d;
  if (scale > acc.scale) acc.scale = scale;
  if (d.digits.length <= 15) {
    const n = d.negative ? -Number(d.digits) : Number(d.digits); // < 10^15: exact
    const cur = acc.small[scale]!;
    if (Math.abs(cur) + Math.abs(n) >= SAFE) {
      acc.big[scale]! += BigInt(cur);
      acc.small[scale] = n;
    } else acc.small[scale] = cur + n;
  } else {
    const units = BigInt(d.digits);
    acc.big[scale]! += d.negative ? -units : units;
  }
  return true;
}

/**
 * Fast path for the common export form `[-]digits[.digits]` with at most 15 digits: read without
 * a regex or an allocation. False (nothing added) for anything else, which takes the full path.
 */
function addPlain(acc: DecimalAccumulator, raw: string): boolean {
  const len = raw.length;
  let i = 0;
  let negative = false;
  if (len > 0 && raw.charCodeAt(0) === 45) { negative = true; i = 1; }
  let n = 0, digits = 0, scale = -1;
  for (; i < len; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 && scale < 0) scale = 0;
    else return false;
  }
  if (digits === 0 || digits > 15) return false;
  if (scale < 0) scale = 0;
  if (scale > acc.scale) acc.scale = scale;
  if (negative) n = -n;
  const cur = acc.small[scale]!;
  if (Math.abs(cur) + Math.abs(n) >= SAFE) {
    acc.big[scale]! += BigInt(cur);
    acc.small[scale] = n;
  } else acc.small[scale] = cur + n;
  return true;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Bring two values to the same (larger) scale and add them. */
export function addDecimals(a: DecimalValue, b: DecimalValue): DecimalValue {
  const scale = Math.max(a.scale, b.scale);
  return { units: a.units * pow10(scale - a.scale) + b.units * pow10(scale - b.scale), scale };
}

export function subtractDecimals(a: DecimalValue, b: DecimalValue): DecimalValue {
  return addDecimals(a, { units: -b.units, scale: b.scale });
}

/** The accumulated sum at the largest scale of any value added (0 at scale 0 when empty). */
export function decimalTotal(acc: DecimalAccumulator): DecimalValue {
  let total: DecimalValue = { units: 0n, scale: acc.scale };
  for (let s = 0; s <= MAX_SCALE; s++) {
    const units = acc.big[s]! + BigInt(acc.small[s]!);
    if (units !== 0n) total = addDecimals(total, { units, scale: s });
  }
  return total;
}

/** `units` at `scale` as plain decimal text: formatDecimal(-1230n, 2) === '-12.30'. */
export function formatDecimal(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

/** Compare exactly, whatever the scales: -1, 0 or 1. */
export function compareDecimals(a: DecimalValue, b: DecimalValue): number {
  const d = subtractDecimals(a, b).units;
  return d === 0n ? 0 : d < 0n ? -1 : 1;
}
