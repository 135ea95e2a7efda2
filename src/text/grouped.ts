/**
 * Whole numbers with thousands separators, as `n.toLocaleString('en-US')` writes them, without
 * Intl for the common case: the first locale call loads ICU's number data, which a process that
 * only writes whole numbers never needs. Fractions, -0 and huge values still go to Intl.
 *
 * @example
 * grouped(20000) // '20,000'
 * grouped(-1234567) // '-1,234,567'
 */
export function grouped(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}
