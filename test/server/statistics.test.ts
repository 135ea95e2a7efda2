/** POST /v1/plans (routes/plans.ts) and /v1/evaluations: the CLI's plan and evaluate over HTTP, refused up front when bad. */
import { describe, expect, it } from 'vitest';
import { evaluateSample } from '../../src/stats/evaluate.js';
import { planSample } from '../../src/stats/plan.js';
import { bearer, json, world } from './helpers.js';

const shared = world();
const post = async (url: string, payload: unknown) => {
  const w = await shared;
  return w.app.inject({ method: 'POST', url, headers: bearer(w.a.secret), payload: payload as object });
};

describe('POST /v1/plans', () => {
  it('gives the size of a statistical plan, as planSample does', async () => {
    const res = await post('/v1/plans', { plan: { basis: 'statistical', confidence: 0.95, tolerable: 0.05, expectedCount: 1 } });
    expect(res.statusCode).toBe(200);
    expect(json(res).plan).toEqual(JSON.parse(JSON.stringify(planSample({ basis: 'statistical', confidence: 0.95, tolerable: 0.05, expectedCount: 1 }))));
    expect(json(res).plan).toMatchObject({ n: 93, allowedDeviations: 1, distribution: 'binomial' });
  });

  it('gives the frequency table size', async () => {
    const res = await post('/v1/plans', { plan: { basis: 'frequency', frequency: 'daily', risk: 'higher' } });
    expect(json(res).plan).toMatchObject({ basis: 'frequency', statistical: false, parameters: { frequency: 'daily', risk: 'higher' } });
  });

  it.each([
    [{ basis: 'statistical', confidence: 5, tolerable: 0.05 }, 'TM_ERR_BAD_PLAN'],
    [{ basis: 'statistical', confidence: 0.95, tolerance: 0.05 }, 'TM_ERR_UNKNOWN_FIELD'],
    [{ basis: 'all' }, 'TM_ERR_BAD_PLAN'],
  ])('refuses %j with 400 %s', async (payload, code) => {
    const res = await post('/v1/plans', { plan: payload });
    expect(res.statusCode).toBe(400);
    expect(json(res).code).toBe(code);
  });
});

describe('POST /v1/evaluations', () => {
  it('evaluates k in n at 95% and 5% when not given, and says so', async () => {
    const res = await post('/v1/evaluations', { n: 60, deviations: 1 });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ evaluation: JSON.parse(JSON.stringify(evaluateSample({ n: 60, deviations: 1, confidence: '95%', tolerable: '5%' }))), defaults: ['confidence 95%', 'tolerable rate 5%'] });
    expect(json(res).evaluation).toMatchObject({ upperLimitPct: 7.7, conclusion: 'not_supported' });
  });

  it('uses the rates given, and lists no defaults', async () => {
    const res = await post('/v1/evaluations', { n: 100, deviations: 2, confidence: '95%', tolerable: '7%' });
    expect(json(res)).toMatchObject({ evaluation: { upperLimitPct: 6.2, conclusion: 'supported' }, defaults: [] });
  });

  it.each([
    [{ n: 5, deviations: 6 }, 'TM_ERR_BAD_PLAN'],
    [{ n: 5, deviations: 1, distribution: 'hypergeometric' }, 'TM_ERR_BAD_PLAN'],
    [{ n: 5, deviation: 1 }, 'TM_ERR_USAGE'],
  ])('refuses %j with 400 %s', async (payload, code) => {
    const res = await post('/v1/evaluations', payload);
    expect(res.statusCode).toBe(400);
    expect(json(res).code).toBe(code);
  });
});
