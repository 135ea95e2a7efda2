/** Schema of a stored pull: its request, the ids of what it made, the conclusion and warnings, links. */
import { idSchema } from './common.js';

export const pullViewSchema = {
  type: 'object', additionalProperties: true,
  required: ['id', 'populationId', 'createdAt', 'request', 'completenessId', 'sampleId', 'testRunId', 'conclusion', 'warnings', 'links'],
  properties: {
    id: idSchema, populationId: idSchema, createdAt: { type: 'string' },
    request: { type: 'object', additionalProperties: true, description: 'The pull as asked (period and zone filled from the engagement).' },
    completenessId: idSchema, sampleId: idSchema, testRunId: idSchema,
    conclusion: { type: 'string', description: "The evaluation's sentence when the pull ran (the team's results since: /v1/test-runs/:id/results)." },
    warnings: { type: 'array', items: { type: 'string' } },
    links: { type: 'object', additionalProperties: true, properties: { workbook: { type: 'string' }, sample: { type: 'string' }, testRun: { type: 'string' }, completeness: { type: 'string' } } },
  },
  examples: [{ id: 'pull_I-RAoyS6RHqo', populationId: 'pop_4e6175feef57bf5de7d97559', completenessId: 'comp_IGAl3N39mm2X', sampleId: 'samp_VIUMS1T6uzN_', testRunId: 'test_Y1YTq0BlV2kV', conclusion: 'Incomplete — …', warnings: [], links: { workbook: '/v1/pulls/pull_I-RAoyS6RHqo/workbook' } }],
} as const;
