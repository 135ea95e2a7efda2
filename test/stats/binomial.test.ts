import { describe, it, expect } from 'vitest';
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import { binomialSampleSize, binomialSurelyRejects, binomialUpperLimit } from '../../src/stats/binomial.js';
import { parseRate, type RateInput } from '../../src/stats/rate.js';

const size = (alpha: number, tdr: string, edr: RateInput) =>
  binomialSampleSize({ alpha, tolerable: parseRate(tdr, 'tolerable'), expected: { kind: 'rate', rate: parseRate(edr, 'expected', { allowZero: true }) } });
const sizeForCount = (alpha: number, tdr: string, count: number) =>
  binomialSampleSize({ alpha, tolerable: parseRate(tdr, 'tolerable'), expected: { kind: 'count', count } });
const tablePct = (ul: number) => Math.ceil(ul * 1000 - 1e-9) / 10;

describe('binomial planning', () => {
  it('meets the anchors in statistics.md', () => {
    expect([0, 1, 2, 3].map((x) => sizeForCount(0.05, '5%', x))).toEqual([
      { n: 59, allowedDeviations: 0 },
      { n: 93, allowedDeviations: 1 },
      { n: 124, allowedDeviations: 2 },
      { n: 153, allowedDeviations: 3 },
    ]);
    expect(size(0.1, '5%', '0')).toEqual({ n: 45, allowedDeviations: 0 });
  });

  // AICPA Audit Sampling guide, Table A-1 (5% risk of overreliance): "n (x)" cells, recomputed.
  const tableA1: Array<[edr: string, tdr: string, n: number, x: number]> = [
    ['0', '2%', 149, 0], ['0', '3%', 99, 0], ['0', '4%', 74, 0], ['0', '6%', 49, 0], ['0', '7%', 42, 0],
    ['0', '8%', 36, 0], ['0', '9%', 32, 0], ['0', '10%', 29, 0], ['0', '15%', 19, 0], ['0', '20%', 14, 0],
    ['0.25%', '5%', 93, 1], ['0.5%', '3%', 157, 1], ['0.5%', '5%', 93, 1], ['1%', '4%', 156, 2], ['1%', '5%', 93, 1],
    ['1.5%', '4%', 192, 3], ['1.5%', '5%', 124, 2], ['1.5%', '6%', 103, 2], ['1.5%', '7%', 66, 1], ['1.75%', '5%', 153, 3],
    ['2%', '5%', 181, 4], ['2%', '6%', 127, 3], ['2%', '7%', 88, 2], ['2%', '10%', 46, 1], ['2.5%', '6%', 150, 4],
    ['3%', '6%', 195, 6], ['3%', '10%', 61, 2], ['4%', '8%', 146, 6], ['5%', '10%', 116, 6], ['6%', '10%', 179, 11],
    ['7%', '15%', 68, 5], ['7%', '20%', 37, 3],
  ];
  it.each(tableA1)('Table A-1 (5%%): EDR %s, TDR %s → %i (%i)', (edr, tdr, n, x) => {
    expect(size(0.05, tdr, edr)).toEqual({ n, allowedDeviations: x });
  });

  // Table A-2 (10% risk of overreliance).
  const tableA2: Array<[edr: string, tdr: string, n: number, x: number]> = [
    ['0', '2%', 114, 0], ['0', '3%', 76, 0], ['0', '4%', 57, 0], ['0', '6%', 38, 0], ['0', '10%', 22, 0], ['0', '20%', 11, 0],
    ['0.5%', '5%', 77, 1], ['1%', '3%', 176, 2], ['1%', '5%', 77, 1], ['1.5%', '4%', 132, 2], ['1.5%', '5%', 105, 2],
    ['2%', '4%', 198, 4], ['2%', '5%', 132, 3], ['2%', '6%', 88, 2], ['2%', '7%', 75, 2], ['2%', '10%', 38, 1],
    ['3%', '6%', 132, 4], ['3%', '10%', 52, 2], ['4%', '6%', 274, 11], ['5%', '10%', 78, 4], ['7%', '15%', 52, 4],
  ];
  it.each(tableA2)('Table A-2 (10%%): EDR %s, TDR %s → %i (%i)', (edr, tdr, n, x) => {
    expect(size(0.1, tdr, edr)).toEqual({ n, allowedDeviations: x });
  });

  it('gets the floating-point cell right: Table A-2, EDR 3.5%, TDR 5% → 400 (14)', () => {
    // 0.035 * 400 = 14.000000000000002 in floating point; Math.ceil would make x = 15 at n = 400
    // and the search would overshoot to a larger n.
    expect(size(0.1, '5%', '3.5%')).toEqual({ n: 400, allowedDeviations: 14 });
    expect(size(0.1, '5%', 0.035)).toEqual({ n: 400, allowedDeviations: 14 });
    expect(binomialCdf(14, 400, 0.05)).toBeLessThan(0.1);
    expect(binomialCdf(15, 400, 0.05)).toBeGreaterThan(0.1);
  });

  it('with none expected equals n = ceil(ln α / ln(1 − TDR)) over a grid', () => {
    for (const alpha of [0.01, 0.025, 0.05, 0.1, 0.2]) {
      for (const t of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25]) {
        const expected = Math.ceil(Math.log(alpha) / Math.log(1 - t / 100));
        expect(size(alpha, `${t}%`, '0').n, `α ${alpha}, TDR ${t}%`).toBe(expected);
      }
    }
  });

  it('returns the smallest n: n − 1 fails the strict inequality and n meets it', () => {
    for (const [edr, tdr] of [['1%', '5%'], ['2%', '6%'], ['0.5%', '2%'], ['3.5%', '5%'], ['4.5%', '5%']] as const) {
      const { n, allowedDeviations: x } = size(0.05, tdr, edr);
      const p = parseFloat(tdr) / 100;
      expect(binomialCdf(x, n, p)).toBeLessThan(0.05);
      const prevX = Math.ceil((parseFloat(edr) / 100) * (n - 1) - 1e-12);
      expect(binomialCdf(prevX, n - 1, p)).toBeGreaterThanOrEqual(0.05);
    }
  });

  it('plans when the expected rate is close to the tolerable rate (timed in bench: kernels)', () => {
    const plan = size(0.05, '5%', '4.5%');
    expect(plan.n).toBeGreaterThan(4000);
    expect(plan.allowedDeviations).toBe(Math.ceil((plan.n * 45) / 1000));
  });

  it('refuses a plan that needs more than 100,000 items', () => {
    expect(() => size(0.05, '5%', '4.999%')).toThrow(/no sample size up to 100,000/);
    expect(() => size(0.05, '5%', '4.99%')).toThrow(/no sample size up to 100,000/);
  });

  it('skips steps only where the Zubkov–Serov bound proves P(X ≤ x) ≥ α', () => {
    for (const alpha of [0.01, 0.05, 0.1, 0.25]) {
      const rejects = binomialSurelyRejects(0.05, alpha)!;
      let skipped = 0;
      for (const n of [10, 59, 93, 400, 5000]) {
        for (let x = 0; x <= Math.min(n, 260); x += 3) {
          if (!rejects(n, x)) continue;
          skipped += 1;
          expect(binomialCdf(x, n, 0.05), `n ${n} x ${x} α ${alpha}`).toBeGreaterThanOrEqual(alpha);
        }
      }
      expect(skipped).toBeGreaterThan(50);
    }
    expect(binomialSurelyRejects(0.05, 0.5)).toBeUndefined();
  });
});

describe('binomial upper deviation limit', () => {
  // AICPA Table A-3 (5% risk) and A-4 (10% risk): upper limits rounded up to 0.1%.
  const cells: Array<[alpha: number, n: number, k: number, pct: number]> = [
    [0.05, 25, 0, 11.3], [0.05, 30, 1, 14.9], [0.05, 50, 1, 9.2], [0.05, 60, 0, 4.9], [0.05, 60, 1, 7.7],
    [0.05, 60, 2, 10.2], [0.05, 100, 0, 3.0], [0.05, 100, 2, 6.2], [0.05, 100, 3, 7.6], [0.05, 125, 5, 8.3],
    [0.05, 200, 4, 4.6], [0.1, 20, 0, 10.9], [0.1, 50, 2, 10.3], [0.1, 60, 0, 3.8], [0.1, 60, 1, 6.4],
    [0.1, 100, 1, 3.9], [0.1, 100, 2, 5.3], [0.1, 200, 3, 3.4],
  ];
  it.each(cells)('α %f, n %i, k %i → %f%%', (alpha, n, k, pct) => {
    const ul = binomialUpperLimit(n, k, alpha);
    expect(tablePct(ul)).toBe(pct);
    // The limit is the p at which k or fewer deviations has probability exactly α.
    expect(binomialCdf(k, n, ul)).toBeCloseTo(alpha, 9);
  });

  it('n = 60, k = 1 at 5% risk is 7.664%, printed 7.7% (not 7.8%)', () => {
    expect(binomialUpperLimit(60, 1, 0.05)).toBeCloseTo(0.07664, 5);
  });

  it('k = 0 gives 1 − α^(1/n); k = n gives 1', () => {
    expect(binomialUpperLimit(59, 0, 0.05)).toBeCloseTo(1 - 0.05 ** (1 / 59), 15);
    expect(binomialUpperLimit(59, 0, 0.05)).toBeLessThan(0.05);
    expect(binomialUpperLimit(58, 0, 0.05)).toBeGreaterThan(0.05);
    expect(binomialUpperLimit(10, 10, 0.05)).toBe(1);
  });

  it('falls as n grows for a fixed k, and never falls below k / n', () => {
    for (const alpha of [0.05, 0.1]) {
      for (const k of [0, 1, 3, 8]) {
        let previous = 1;
        for (let n = k + 1; n <= 400; n += 13) {
          const ul = binomialUpperLimit(n, k, alpha);
          expect(ul).toBeLessThan(previous);
          expect(binomialUpperLimit(n + 1, k, alpha)).toBeLessThan(ul);
          expect(ul).toBeGreaterThanOrEqual(k / n);
          previous = ul;
        }
      }
    }
  });

  it('agrees with planning: at the planned n, x deviations stay below the TDR and x + 1 do not', () => {
    for (const [edr, tdr] of [['0', '5%'], ['1%', '5%'], ['2%', '7%'], ['3%', '10%']] as const) {
      const { n, allowedDeviations: x } = size(0.05, tdr, edr);
      const p = parseFloat(tdr) / 100;
      expect(binomialUpperLimit(n, x, 0.05)).toBeLessThan(p);
      expect(binomialUpperLimit(n, x + 1, 0.05)).toBeGreaterThan(p);
    }
  });
});
