import { describe, it, expect } from 'vitest';
import { planSample, type Distribution, type SamplePlan, type StatisticalPlanInput } from '../../src/stats/plan.js';
import { TickmarkError } from '../../src/errors.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof TickmarkError ? err.code : 'not a TickmarkError';
  }
  return undefined;
}

const statistical = (fields: Omit<StatisticalPlanInput, 'basis'>) => planSample({ basis: 'statistical', ...fields });

describe('planSample: statistical', () => {
  it('writes the rationale sentence and normalised parameters', () => {
    const plan = statistical({ confidence: 0.95, tolerable: 0.05, expectedCount: 1 });
    expect(plan).toMatchObject({
      basis: 'statistical',
      n: 93,
      allowedDeviations: 1,
      distribution: 'binomial',
      statistical: true,
      parameters: { confidence: 0.95, riskOfOverreliance: 0.05, tolerable: 0.05, expected: null, expectedCount: 1, population: null, computedSize: 93, allTested: false },
    });
    expect(plan.rationale).toBe(
      'Statistical attribute sample: binomial, 95% confidence (5% risk of overreliance), tolerable deviation rate 5%, expected 1 deviation → n = 93, up to 1 deviation allowed.',
    );
  });

  it('accepts rates as strings or percentages and states the EDR rounding in the conventions', () => {
    const plan = statistical({ confidence: '90%', tolerable: '5%', expected: '3.5%' });
    expect(plan.n).toBe(400);
    expect(plan.allowedDeviations).toBe(14);
    expect(plan.rationale).toContain('expected deviation rate 3.5% → n = 400, up to 14 deviations allowed');
    expect(plan.conventions).toContain('P(X ≤ x | n, TDR) < α');
    expect(plan.conventions).toContain('x = ceil(EDR·n) in exact rational arithmetic (EDR = 3.5% held as the fraction 7/200');
    expect(plan.conventions).toContain('treated as infinite');
    expect(plan.conventions).toContain('not looked up in printed tables');
  });

  it('plans with Poisson and hypergeometric, stating N as finite for the latter', () => {
    const poisson = statistical({ confidence: 0.95, tolerable: 0.05, distribution: 'poisson' });
    expect([poisson.n, poisson.allowedDeviations, poisson.distribution]).toEqual([60, 0, 'poisson']);
    expect(poisson.conventions).toContain('qgamma(1−α, shape = 1 + EDR·n, rate = n) < TDR');
    const hyper = statistical({ confidence: 0.95, tolerable: 0.05, distribution: 'hypergeometric', population: 1000 });
    expect([hyper.n, hyper.allowedDeviations]).toEqual([57, 0]);
    expect(hyper.parameters).toMatchObject({ population: 1000, intolerableDeviations: 50 });
    expect(hyper.rationale).toContain('hypergeometric (population 1,000, 50 deviations intolerable)');
    expect(hyper.rationale).toContain('no deviations expected → n = 57, no deviations allowed');
    expect(hyper.conventions).toContain('treated as finite (N = 1,000');
    expect(hyper.conventions).toContain('P(X ≤ x | N, K*, n) ≤ α');
  });

  it('tests all items when the computed size reaches the population', () => {
    const plan = statistical({ confidence: 0.95, tolerable: 0.05, expectedCount: 1, population: 80 });
    expect(plan).toMatchObject({ n: 80, allowedDeviations: 1, parameters: { computedSize: 93, allTested: true, population: 80 } });
    expect(plan.rationale).toContain('n = 93 exceeds the population of 80: all items tested (n = 80)');
  });

  it('refuses bad input with TM_ERR_BAD_PLAN', () => {
    expect(codeOf(() => statistical({ confidence: 1, tolerable: 0.05 }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => statistical({ confidence: 0.95, tolerable: '0%' }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => statistical({ confidence: 0.95, tolerable: 0.05, expected: 0.05 }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => statistical({ confidence: 0.95, tolerable: 0.05, expected: 0.01, expectedCount: 1 }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => statistical({ confidence: 0.95, tolerable: 0.05, expectedCount: 1.5 }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => statistical({ confidence: 0.95, tolerable: 0.05, distribution: 'hypergeometric' }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => statistical({ confidence: 0.95, tolerable: 0.05, distribution: 'normal' as Distribution }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => statistical({ confidence: 0.95, tolerable: 0.05, population: -3 }))).toBe('TM_ERR_BAD_PLAN');
    expect(() => statistical({ confidence: 0.95, tolerable: '2%', expected: '2.5%' })).toThrow(
      'the expected deviation rate (2.5%) must be below the tolerable deviation rate (2%)',
    );
    expect(() => statistical({ confidence: 0.95, tolerable: 0.05, distribution: 'hypergeometric' })).toThrow(/needs the population size/);
  });
});

describe('planSample: properties over a grid', () => {
  const confidences = [0.8, 0.85, 0.9, 0.95, 0.975, 0.99];
  const tolerables = ['2%', '3%', '5%', '7%', '10%'];
  const expecteds = ['0', '0.25%', '0.5%', '1%', '1.5%'];
  const distributions: Array<[Distribution, number | undefined]> = [
    ['binomial', undefined],
    ['poisson', undefined],
    ['hypergeometric', 2500],
  ];
  const n = (distribution: Distribution, population: number | undefined, confidence: number, tolerable: string, expected: string) =>
    statistical({ confidence, tolerable, expected, distribution, population }).n;
  const feasible = (tolerable: string, expected: string) => Number.parseFloat(expected) < Number.parseFloat(tolerable) / 2;

  it.each(distributions)('%s: n does not fall as confidence rises', (distribution, population) => {
    for (const tolerable of tolerables) {
      for (const expected of expecteds.filter((e) => feasible(tolerable, e))) {
        const sizes = confidences.map((c) => n(distribution, population, c, tolerable, expected));
        for (let i = 1; i < sizes.length; i += 1) expect(sizes[i], `${tolerable} ${expected}`).toBeGreaterThanOrEqual(sizes[i - 1] as number);
      }
    }
  });

  it.each(distributions)('%s: n does not fall as the expected rate rises', (distribution, population) => {
    for (const confidence of [0.9, 0.95]) {
      for (const tolerable of tolerables) {
        const sizes = expecteds.filter((e) => feasible(tolerable, e)).map((e) => n(distribution, population, confidence, tolerable, e));
        for (let i = 1; i < sizes.length; i += 1) expect(sizes[i]).toBeGreaterThanOrEqual(sizes[i - 1] as number);
      }
    }
  });

  it.each(distributions)('%s: n does not rise as the tolerable rate rises', (distribution, population) => {
    for (const confidence of [0.9, 0.95]) {
      for (const expected of ['0', '0.5%']) {
        const sizes = tolerables.filter((t) => feasible(t, expected)).map((t) => n(distribution, population, confidence, t, expected));
        for (let i = 1; i < sizes.length; i += 1) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1] as number);
      }
    }
  });
});

describe('planSample: non-statistical bases', () => {
  it('frequency: from the table, labelled non-statistical, all items when N is small', () => {
    const plan = planSample({ basis: 'frequency', frequency: 'daily', risk: 'higher' });
    expect(plan).toMatchObject({ basis: 'frequency', n: 40, allowedDeviations: 0, statistical: false, distribution: null });
    expect(plan.rationale).toBe("Non-statistical sample from the firm's frequency table: daily control (table 20–40), higher risk → n = 40.");
    expect(plan.conventions).toMatch(/^Non-statistical/);
    const small = planSample({ basis: 'frequency', frequency: 'weekly', risk: 'higher', population: 12 });
    expect(small.n).toBe(12);
    expect(small.rationale).toContain('population smaller than the table size: all items tested');
    const firm = planSample({ basis: 'frequency', frequency: 'daily', risk: 'lower', table: { daily: [30, 45] } });
    expect(firm.n).toBe(30);
    expect(codeOf(() => planSample({ basis: 'frequency', frequency: 'daily', risk: 'lower', table: { daily: 'x' } }))).toBe('TM_ERR_BAD_PLAN');
  });

  it('fixed and all: sizes as given, capped at the population', () => {
    expect(planSample({ basis: 'fixed', n: 25 })).toMatchObject({ basis: 'fixed', n: 25, statistical: false, allowedDeviations: 0 });
    expect(planSample({ basis: 'fixed', n: 25, population: 10 })).toMatchObject({ n: 10, parameters: { requested: 25, allTested: true } });
    expect(planSample({ basis: 'all', population: 312 })).toMatchObject({ basis: 'all', n: 312, statistical: false });
    expect(codeOf(() => planSample({ basis: 'fixed', n: 0 }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => planSample({ basis: 'all', population: 2.5 }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => planSample({ basis: 'sometimes' } as never))).toBe('TM_ERR_BAD_PLAN');
  });

  it('every plan is plain JSON (no BigInt, no undefined distribution)', () => {
    const plans: SamplePlan[] = [
      planSample({ basis: 'statistical', confidence: 0.95, tolerable: 0.05, expected: 0.01 }),
      planSample({ basis: 'frequency', frequency: 'monthly', risk: 'lower' }),
      planSample({ basis: 'fixed', n: 5 }),
      planSample({ basis: 'all', population: 7 }),
    ];
    for (const plan of plans) {
      const json = JSON.parse(JSON.stringify(plan)) as Record<string, unknown>;
      expect(json).toEqual(plan);
      expect(Object.keys(json)).toEqual(expect.arrayContaining(['n', 'allowedDeviations', 'distribution', 'rationale', 'conventions']));
    }
  });
});
