import { describe, it, expect } from 'vitest';
import hypergeometricCdf from '@stdlib/stats-base-dists-hypergeometric-cdf';
import { binomialLowerTailAtLeast, binomialSampleSize, binomialUpperLimit } from '../../src/stats/binomial.js';
import { hypergeometricSampleSize, hypergeometricUpperDeviations, hypergeometricUpperLimit } from '../../src/stats/hypergeometric.js';
import { parseRate } from '../../src/stats/rate.js';
import { TickmarkError } from '../../src/errors.js';

const expectedRate = (edr: string) => ({ kind: 'rate' as const, rate: parseRate(edr, 'expected', { allowZero: true }) });
const size = (alpha: number, tdr: string, edr: string, population: number) =>
  hypergeometricSampleSize({ alpha, tolerable: parseRate(tdr, 'tolerable'), expected: expectedRate(edr), population });

describe('hypergeometric planning', () => {
  it('meets the anchor: N = 1000, 95%, TDR 5%, none expected → 57 (K* = 50)', () => {
    expect(size(0.05, '5%', '0', 1000)).toEqual({ n: 57, allowedDeviations: 0, intolerableDeviations: 50 });
    expect(hypergeometricCdf(0, 1000, 50, 57)).toBeLessThanOrEqual(0.05);
    expect(hypergeometricCdf(0, 1000, 50, 56)).toBeGreaterThan(0.05);
  });

  it('matches an independent computation (SciPy, linear scan) on small populations', () => {
    expect(size(0.05, '5%', '0', 100)).toMatchObject({ n: 45, allowedDeviations: 0 });
    expect(size(0.05, '5%', '1%', 100)).toMatchObject({ n: 65, allowedDeviations: 1 });
    expect(size(0.1, '6%', '2%', 100)).toMatchObject({ n: 66, allowedDeviations: 2 });
    expect(size(0.05, '5%', '1%', 500)).toMatchObject({ n: 87, allowedDeviations: 1 });
    expect(size(0.05, '5%', '1%', 2000)).toMatchObject({ n: 92, allowedDeviations: 1 });
    expect(size(0.1, '6%', '2%', 2000)).toMatchObject({ n: 86, allowedDeviations: 2 });
  });

  it('returns the same n as a brute-force scan over every n', () => {
    for (const N of [20, 60, 150]) {
      for (const [alpha, tdr, edr] of [[0.05, '10%', '0'], [0.05, '10%', '2%'], [0.1, '8%', '3%']] as const) {
        const K = Math.ceil((Number.parseFloat(tdr) / 100) * N - 1e-9);
        let expected: number | undefined;
        for (let n = 1; n <= N && expected === undefined; n += 1) {
          const x = Math.ceil((Number.parseFloat(edr) / 100) * n - 1e-9);
          if (x < K && hypergeometricCdf(x, N, K, n) <= alpha) expected = n;
        }
        if (expected === undefined) expect(() => size(alpha, tdr, edr, N)).toThrow(TickmarkError);
        else expect(size(alpha, tdr, edr, N).n, `N ${N} ${tdr} ${edr}`).toBe(expected);
      }
    }
  });

  it('is never larger than the binomial size (finite-population saving) over a grid', () => {
    for (const N of [50, 200, 1000, 10_000, 250_000]) {
      for (const alpha of [0.05, 0.1]) {
        for (const tdr of ['3%', '5%', '8%', '10%']) {
          for (const edr of ['0', '0.5%', '1%', '1.5%']) {
            let hyper: number;
            try {
              hyper = size(alpha, tdr, edr, N).n;
            } catch (err) {
              expect((err as TickmarkError).code).toBe('TM_ERR_BAD_PLAN');
              continue;
            }
            const binomial = binomialSampleSize({ alpha, tolerable: parseRate(tdr, 't'), expected: expectedRate(edr) }).n;
            expect(hyper, `N ${N} α ${alpha} ${tdr} ${edr}`).toBeLessThanOrEqual(binomial);
          }
        }
      }
    }
  });

  it('converges to the binomial size for N = 10,000,000 (timed in bench: kernels)', () => {
    const none = size(0.05, '5%', '0', 10_000_000);
    const one = size(0.05, '5%', '1%', 10_000_000);
    const near = size(0.05, '5%', '3%', 10_000_000);
    expect(none).toEqual({ n: 59, allowedDeviations: 0, intolerableDeviations: 500_000 });
    expect(one.n).toBe(93);
    expect(near.n).toBe(binomialSampleSize({ alpha: 0.05, tolerable: parseRate('5%', 't'), expected: expectedRate('3%') }).n);
  });

  it('refuses plans beyond 100,000 items, even for N = 10,000,000', () => {
    for (const edr of ['4.99%', '4.999%']) {
      expect(() => size(0.05, '5%', edr, 10_000_000)).toThrow(/no sample size up to 100,000/);
    }
    expect(() => size(0.05, '5%', '4.95%', 300_000)).toThrow(/no sample size up to 100,000/);
  });

  it('skips a size only when the binomial bound proves P(X ≤ x | N, K*, n) ≥ α', () => {
    const atLeast = binomialLowerTailAtLeast(0.05)!;
    let skipped = 0;
    for (const [N, K] of [[1000, 50], [5000, 100], [200, 20]] as [number, number][]) {
      for (const n of [20, 60, 150]) {
        for (let x = 0; x <= 12; x += 1) {
          if (!atLeast(n, x, K / (N - n + 1))) continue;
          skipped += 1;
          expect(hypergeometricCdf(x, N, K, n), `N ${N} K ${K} n ${n} x ${x}`).toBeGreaterThanOrEqual(0.05);
        }
      }
    }
    expect(skipped).toBeGreaterThan(20);
  });

  it('refuses a plan where the expected deviations already reach K*', () => {
    // N = 10, TDR 5% → K* = 1, and ceil(1% · n) = 1 for every n: nothing can support the control.
    expect(() => size(0.05, '5%', '1%', 10)).toThrow(/1 deviation\(s\) intolerable/);
  });
});

describe('hypergeometric upper deviation limit', () => {
  it('is the largest K with P(X ≤ k | N, K, n) > α, over N (SciPy cross-check)', () => {
    expect(hypergeometricUpperDeviations(57, 0, 0.05, 1000)).toBe(49);
    expect(hypergeometricUpperDeviations(60, 1, 0.05, 1000)).toBe(74);
    expect(hypergeometricUpperDeviations(100, 2, 0.05, 5000)).toBe(306);
    expect(hypergeometricUpperDeviations(20, 0, 0.05, 50)).toBe(5);
    expect(hypergeometricUpperDeviations(93, 1, 0.05, 10_000_000)).toBe(499_937);
    expect(hypergeometricUpperLimit(57, 0, 0.05, 1000)).toBe(0.049);
  });

  it('agrees with a linear scan over K', () => {
    for (const [n, k, N] of [[10, 0, 30], [25, 3, 80], [40, 1, 200], [30, 30, 30], [5, 5, 100]] as [number, number, number][]) {
      let K = k;
      while (K + 1 <= N - (n - k) && hypergeometricCdf(k, N, K + 1, n) > 0.05) K += 1;
      expect(hypergeometricUpperDeviations(n, k, 0.05, N), `n ${n} k ${k} N ${N}`).toBe(K);
    }
  });

  it('is 1 when every item deviates, and 0 when the whole population was tested clean', () => {
    expect(hypergeometricUpperLimit(30, 30, 0.05, 100)).toBe(1);
    expect(hypergeometricUpperLimit(100, 0, 0.05, 100)).toBe(0);
  });

  it('never rises as n grows for a fixed k (it moves in steps of 1/N), stays at or above k / n and below the binomial limit', () => {
    for (const k of [0, 1, 3]) {
      let previous = Infinity;
      for (let n = k + 5; n <= 300; n += 15) {
        const ul = hypergeometricUpperLimit(n, k, 0.05, 1000);
        expect(ul).toBeLessThanOrEqual(previous);
        expect(ul).toBeGreaterThanOrEqual(k / n);
        expect(ul).toBeLessThanOrEqual(binomialUpperLimit(n, k, 0.05));
        previous = ul;
      }
      expect(previous).toBeLessThan(hypergeometricUpperLimit(k + 5, k, 0.05, 1000) / 2);
    }
  });
});
