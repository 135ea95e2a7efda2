import { describe, it, expect } from 'vitest';
import { evaluateSample } from '../../src/stats/evaluate.js';
import { planSample } from '../../src/stats/plan.js';
import { TickmarkError } from '../../src/errors.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof TickmarkError ? err.code : 'not a TickmarkError';
  }
  return undefined;
}

describe('evaluateSample', () => {
  it('n = 60, k = 1 at 95%: UL 7.664%, printed 7.7% (AICPA Table A-3), not supported at TDR 5%', () => {
    const result = evaluateSample({ n: 60, deviations: 1, confidence: 0.95, tolerable: 0.05 });
    expect(result.upperLimit).toBeCloseTo(0.07664, 5);
    expect(result.upperLimitPct).toBe(7.7);
    expect(result.sampleRate).toBeCloseTo(1 / 60, 15);
    expect(result.allowanceForSamplingRisk).toBeCloseTo(0.07664 - 1 / 60, 5);
    expect(result.conclusion).toBe('not_supported');
    expect(result.distribution).toBe('binomial');
    expect(result.rationale).toBe(
      '1 deviation in 60 items (sample rate 1.667%); upper deviation limit 7.7% (exact 7.664%) at 95% confidence, binomial, exceeds the tolerable deviation rate of 5%: the sample does not support the control.',
    );
  });

  it('n = 100, k = 2 at 95%: 6.2%, supported at TDR 7% and not at 6%', () => {
    expect(evaluateSample({ n: 100, deviations: 2, confidence: '95%', tolerable: '7%' })).toMatchObject({ upperLimitPct: 6.2, conclusion: 'supported' });
    expect(evaluateSample({ n: 100, deviations: 2, confidence: '95%', tolerable: '6%' }).conclusion).toBe('not_supported');
  });

  // AICPA Tables A-3 (5% risk) and A-4 (10% risk), recomputed: the UL rounded up to 0.1%.
  const cells: Array<[confidence: number, n: number, k: number, pct: number]> = [
    [0.95, 20, 1, 21.7], [0.95, 50, 2, 12.1], [0.95, 80, 3, 9.5], [0.95, 150, 4, 6.0], [0.95, 200, 0, 1.5],
    [0.9, 40, 1, 9.4], [0.9, 60, 3, 10.8], [0.9, 80, 2, 6.6], [0.9, 150, 6, 7.0], [0.9, 200, 0, 1.2],
  ];
  it.each(cells)('confidence %f, n %i, k %i → %f%%', (confidence, n, k, pct) => {
    expect(evaluateSample({ n, deviations: k, confidence, tolerable: 0.1 }).upperLimitPct).toBe(pct);
  });

  it('k = 0: UL = 1 − α^(1/n); the planned 59 clean items support TDR 5%', () => {
    const result = evaluateSample({ n: 59, deviations: 0, confidence: 0.95, tolerable: 0.05, allowedDeviations: 0 });
    expect(result.upperLimit).toBeCloseTo(1 - 0.05 ** (1 / 59), 15);
    expect(result.upperLimitPct).toBe(5.0);
    expect(result.conclusion).toBe('supported');
    expect(result.allowedDeviations).toBe(0);
    expect(result.rationale).toContain('The plan allowed 0 deviations.');
  });

  it('k = n: UL is 100%', () => {
    expect(evaluateSample({ n: 5, deviations: 5, confidence: 0.95, tolerable: 0.05 })).toMatchObject({ upperLimit: 1, upperLimitPct: 100, sampleRate: 1, conclusion: 'not_supported' });
  });

  it('evaluates the planned sample at its allowance as supported, and one more deviation as not', () => {
    for (const distribution of ['binomial', 'poisson', 'hypergeometric'] as const) {
      for (const expected of ['0', '1%', '2%']) {
        const plan = planSample({ basis: 'statistical', confidence: 0.95, tolerable: 0.06, expected, distribution, population: 3000 });
        const at = evaluateSample({ n: plan.n, deviations: plan.allowedDeviations, confidence: 0.95, tolerable: 0.06, distribution, population: 3000 });
        const over = evaluateSample({ n: plan.n, deviations: plan.allowedDeviations + 1, confidence: 0.95, tolerable: 0.06, distribution, population: 3000 });
        expect(at.conclusion, `${distribution} ${expected}`).toBe('supported');
        expect(over.conclusion, `${distribution} ${expected}`).toBe('not_supported');
      }
    }
  });

  it('hypergeometric: exact K/N and its table figure', () => {
    const result = evaluateSample({ n: 57, deviations: 0, confidence: 0.95, tolerable: 0.05, distribution: 'hypergeometric', population: 1000 });
    expect(result.upperLimit).toBe(0.049);
    expect(result.upperLimitPct).toBe(4.9);
    expect(result.conclusion).toBe('supported');
    expect(result.population).toBe(1000);
    // K = 50 of 1000 would be exactly the TDR: still supported (UL ≤ TDR).
    const edge = evaluateSample({ n: 56, deviations: 0, confidence: 0.95, tolerable: 0.05, distribution: 'hypergeometric', population: 1000 });
    expect(edge.upperLimit).toBe(0.05);
    expect(edge.conclusion).toBe('supported');
  });

  it('Poisson: qgamma(0.95, 2) / 60', () => {
    const result = evaluateSample({ n: 60, deviations: 1, confidence: 0.95, tolerable: 0.1, distribution: 'poisson' });
    expect(result.upperLimit).toBeCloseTo(4.743865 / 60, 6);
    expect(result.upperLimitPct).toBe(8.0);
  });

  it('UL ≥ k / n and UL falls as n grows, for every distribution', () => {
    for (const distribution of ['binomial', 'poisson', 'hypergeometric'] as const) {
      for (const k of [0, 2]) {
        let previous = Infinity;
        for (const n of [25, 50, 100, 200]) {
          const { upperLimit, sampleRate } = evaluateSample({ n, deviations: k, confidence: 0.9, tolerable: 0.05, distribution, population: 5000 });
          expect(upperLimit).toBeGreaterThanOrEqual(sampleRate);
          expect(upperLimit).toBeLessThan(previous);
          previous = upperLimit;
        }
      }
    }
  });

  it('refuses bad input with TM_ERR_BAD_PLAN', () => {
    const base = { n: 60, deviations: 1, confidence: 0.95, tolerable: 0.05 };
    expect(codeOf(() => evaluateSample({ ...base, deviations: 61 }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => evaluateSample({ ...base, n: 0, deviations: 0 }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => evaluateSample({ ...base, deviations: -1 }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => evaluateSample({ ...base, n: 2.5 }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => evaluateSample({ ...base, confidence: 95 }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => evaluateSample({ ...base, distribution: 'hypergeometric' }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => evaluateSample({ ...base, population: 59 }))).toBe('TM_ERR_BAD_PLAN');
    expect(() => evaluateSample({ ...base, deviations: 61 })).toThrow('deviations (61) cannot exceed the items tested (60)');
  });
});
