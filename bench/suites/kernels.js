/**
 * `npm run bench -- kernels`: how long the pure computations whose cost depends on their input
 * take, in this process (milliseconds, median of 5): sample sizes near the tolerable rate, plans
 * refused beyond 100,000 items, hypergeometric plans for N = 10,000,000, business days between
 * instants centuries apart, screening a 1,000-character regex, refusing hostile rule files.
 * These were timed assertions in the tests once; timings belong here, never in `npm test`.
 */
import { join } from 'node:path';
import { root, table } from '../lib.js';

const lib = (p) => import(join(root, 'dist/src', p));

function ms(fn, runs = 5) {
  const all = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    try {
      fn();
    } catch {
      // a refusal is the measured outcome for some cases
    }
    all.push(performance.now() - t0);
  }
  all.sort((a, b) => a - b);
  return all[Math.floor(all.length / 2)];
}

export async function run() {
  const { planSample } = await lib('stats/plan.js');
  const { makeCalendar, businessDaysBetween } = await lib('period/calendar.js');
  const { regexHazard } = await lib('rules/custom/regex-safety.js');
  const { compileCustomRules } = await lib('rules/custom/compile-custom-rules.js');
  const cal = makeCalendar({ timeZone: 'UTC', holidays: ['2025-12-25'] });
  const deep = { rules: [{ id: 'deep', attribute: 'Deep', test: JSON.parse(`${'{"not":'.repeat(40)}{"present":"approver"}${'}'.repeat(40)}`) }] };
  const rows = [
    ['binomial plan, EDR 4.5% vs TDR 5% (n > 4,000)', () => planSample({ basis: 'statistical', confidence: 0.95, tolerable: '5%', expected: '4.5%' })],
    ['binomial plan refused beyond 100,000 (EDR 4.999%)', () => planSample({ basis: 'statistical', confidence: 0.95, tolerable: '5%', expected: '4.999%' })],
    ['hypergeometric plan, N = 10,000,000, EDR 3%', () => planSample({ basis: 'statistical', confidence: 0.95, tolerable: '5%', expected: '3%', distribution: 'hypergeometric', population: 10_000_000 })],
    ['hypergeometric plan refused, N = 10,000,000, EDR 4.999%', () => planSample({ basis: 'statistical', confidence: 0.95, tolerable: '5%', expected: '4.999%', distribution: 'hypergeometric', population: 10_000_000 })],
    ['business days 0001-01-01 .. 2999-01-01', () => businessDaysBetween(cal, Date.parse('0001-01-01T00:00:00Z'), Date.parse('2999-01-01T00:00:00Z'))],
    ['regex screen, 1,000-character pattern', () => regexHazard('(?:ab|cd)'.repeat(111), '')],
    ['hostile rule file refused (nesting 41 deep)', () => compileCustomRules(deep, { kind: 'change', headers: [] })],
  ].map(([what, fn]) => ({ what, 'ms (median of 5)': ms(fn).toFixed(2) }));
  console.log('\nkernels: pure computations, timed in this process\n');
  table(rows);
}
