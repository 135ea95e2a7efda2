/**
 * Sample-size plans without drawing anything: the size a sample or pull would take for a basis
 * (frequency table, statistical attribute plan, fixed size, all items) and its parameters. Given a
 * population, its accepted rows are the population size — exactly as drawing from it would plan.
 *
 * @example
 * POST /v1/plans {"populationId":"pop_…","plan":{"basis":"frequency","frequency":"daily","risk":"higher"}} → { plan: { n: 40, … } }
 */
import type { FastifyInstance } from 'fastify';
import { planFor } from '../../operations/sample.js';
import { planSample, type PlanInput } from '../../stats/plan.js';
import { tokenOf } from '../auth/authenticate.js';
import { visiblePopulation } from '../auth/scope.js';
import { errorResponses } from '../schemas/common.js';
import { planBody, planResponse } from '../schemas/plan.js';

export async function planRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.tickmark;

  app.post<{ Body: { plan: PlanInput; populationId?: string } }>('/plans', {
    schema: { summary: 'Plan a sample size (nothing is drawn or stored)', tags: ['samples'], body: planBody, response: { 200: planResponse, ...errorResponses } },
  }, async (request) => {
    const { plan, populationId } = request.body;
    if (!populationId) return { plan: planSample(plan) };
    const meta = visiblePopulation(store, tokenOf(request), populationId);
    return { plan: planFor(meta, { seed: 'plan', plan }) };
  });
}
