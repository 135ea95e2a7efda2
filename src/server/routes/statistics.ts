/**
 * The evaluation of an attribute sample without a stored test run (`POST /v1/evaluations`): k
 * deviations in n items → the upper deviation limit and the conclusion; 95% confidence and a 5%
 * tolerable rate when not given, and the answer's `defaults` says which were used. A pure
 * computation: answered at once, no job. (Sample sizes: `POST /v1/plans`, routes/plans.ts.)
 *
 * @example
 * POST /v1/evaluations {"n":60,"deviations":1} → 200 { evaluation: { upperLimitPct: 7.7, … }, defaults: ['confidence 95%', 'tolerable rate 5%'] }
 */
import type { FastifyInstance } from 'fastify';
import { evaluateSample, type EvaluateInput } from '../../stats/evaluate.js';
import { errorResponses } from '../schemas/common.js';
import { evaluationBody, evaluationSchema } from '../schemas/statistics.js';

/** The usual attribute-sampling parameters when the request does not give them (as `tickmark evaluate`). */
const DEFAULT_CONFIDENCE = '95%';
const DEFAULT_TOLERABLE = '5%';

type EvaluationBody = Omit<EvaluateInput, 'confidence' | 'tolerable'> & Partial<Pick<EvaluateInput, 'confidence' | 'tolerable'>>;

export async function statisticsRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: EvaluationBody }>('/evaluations', {
    schema: {
      summary: 'Evaluate k deviations in a sample of n: the upper deviation limit and whether it supports the control (95% confidence and 5% tolerable unless given)', tags: ['statistics'],
      body: evaluationBody,
      response: {
        200: {
          type: 'object', required: ['evaluation', 'defaults'],
          properties: { evaluation: evaluationSchema, defaults: { type: 'array', items: { type: 'string' }, description: 'The parameters the request left out and the values used for them.' } },
        },
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { confidence, tolerable, ...rest } = request.body;
    const defaults = [...(confidence === undefined ? [`confidence ${DEFAULT_CONFIDENCE}`] : []), ...(tolerable === undefined ? [`tolerable rate ${DEFAULT_TOLERABLE}`] : [])];
    const evaluation = evaluateSample({ ...rest, confidence: confidence ?? DEFAULT_CONFIDENCE, tolerable: tolerable ?? DEFAULT_TOLERABLE });
    return { evaluation, defaults };
  });
}
