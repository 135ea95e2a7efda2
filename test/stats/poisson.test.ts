import { describe, it, expect } from 'vitest';
import poissonCdf from '@stdlib/stats-base-dists-poisson-cdf';
import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import { poissonSampleSize, poissonUpperLimit } from '../../src/stats/poisson.js';
import { parseRate } from '../../src/stats/rate.js';

const size = (alpha: number, tdr: string, edr: string) =>
  poissonSampleSize({ alpha, tolerable: parseRate(tdr, 'tolerable'), expected: { kind: 'rate', rate: parseRate(edr, 'expected', { allowZero: true }) } });

describe('Poisson planning', () => {
  it('meets the anchor: 95%, TDR 5%, none expected → 60 (binomial gives 59)', () => {
    expect(size(0.05, '5%', '0')).toEqual({ n: 60, allowedDeviations: 0 });
    // −ln 0.05 = 2.9957: 59 × 5% = 2.95 is short of it, 60 × 5% = 3 clears it.
    expect(gammaQuantile(0.95, 1, 1)).toBeCloseTo(-Math.log(0.05), 12);
  });

  it('keeps EDR·n fractional; allowed deviations are floor(EDR·n)', () => {
    // Cross-checked against an independent implementation (SciPy, linear scan over n).
    expect(size(0.05, '5%', '1%')).toEqual({ n: 93, allowedDeviations: 0 });
    expect(size(0.05, '5%', '2%')).toEqual({ n: 162, allowedDeviations: 3 });
    expect(size(0.1, '5%', '1%')).toEqual({ n: 69, allowedDeviations: 0 });
    expect(size(0.05, '7%', '2.5%')).toEqual({ n: 101, allowedDeviations: 2 });
    expect(size(0.05, '10%', '3.5%')).toEqual({ n: 70, allowedDeviations: 2 });
  });

  it('with an expected count agrees with the Poisson CDF: smallest n with P(Y ≤ x | TDR·n) < α', () => {
    for (const alpha of [0.05, 0.1]) {
      for (const t of [2, 5, 7, 10]) {
        for (const x of [0, 1, 2, 4]) {
          let n = 1;
          while (!(poissonCdf(x, (t / 100) * n) < alpha)) n += 1;
          const plan = poissonSampleSize({ alpha, tolerable: parseRate(`${t}%`, 'tolerable'), expected: { kind: 'count', count: x } });
          expect(plan, `α ${alpha}, TDR ${t}%, x ${x}`).toEqual({ n, allowedDeviations: x });
        }
      }
    }
  });

  it('finds the first n, the same as a linear scan', () => {
    for (const [alpha, tdr, edr] of [[0.05, 0.05, 0.01], [0.1, 0.06, 0.02], [0.05, 0.04, 0.005]] as const) {
      let n = 1;
      while (!(gammaQuantile(1 - alpha, 1 + edr * n, n) < tdr)) n += 1;
      expect(size(alpha, String(tdr), String(edr)).n).toBe(n);
    }
  });
});

describe('Poisson upper deviation limit', () => {
  it('is qgamma(1−α, k+1) / n: k = 0 gives −ln α / n', () => {
    expect(poissonUpperLimit(60, 0, 0.05)).toBeCloseTo(2.995732 / 60, 6);
    expect(poissonUpperLimit(60, 1, 0.05)).toBeCloseTo(4.743865 / 60, 6);
    expect(poissonUpperLimit(100, 2, 0.1)).toBeCloseTo(5.322320 / 100, 6);
  });

  it('is above the binomial limit for the same sample (it is conservative)', async () => {
    const { binomialUpperLimit } = await import('../../src/stats/binomial.js');
    for (const [n, k] of [[60, 1], [100, 2], [25, 0], [200, 5]] as [number, number][]) {
      expect(poissonUpperLimit(n, k, 0.05)).toBeGreaterThan(binomialUpperLimit(n, k, 0.05));
    }
  });

  it('falls as n grows for a fixed k, stays at or above k / n and is capped at 1', () => {
    for (const k of [0, 1, 4]) {
      let previous = Infinity;
      for (let n = Math.max(1, k); n <= 300; n += 11) {
        const ul = poissonUpperLimit(n, k, 0.05);
        expect(ul).toBeLessThan(previous);
        expect(ul).toBeGreaterThanOrEqual(k / n);
        previous = ul;
      }
    }
    expect(poissonUpperLimit(2, 2, 0.05)).toBe(1);
  });
});
