/**
 * Schema of a completeness report (src/completeness/types.ts): the population and period it
 * covers, the parameters used, and the eleven checks — each with its status, whether it ran, one
 * sentence, its parameters and its evidence. The evidence is a different shape per check id
 * (listed rows, gap ranges, duplicate groups, buckets per day/week/month, control totals, orphans):
 * see the README and `GET /v1/completeness/:id/evidence/:check` for it as a table.
 */
import { checkIds } from '../../completeness/types.js';

const num = { type: 'number' } as const;

export const checkResultSchema = {
  type: 'object', additionalProperties: true, required: ['id', 'status', 'ran', 'summary', 'parameters', 'evidence'],
  properties: {
    id: { type: 'string', enum: [...checkIds] },
    status: { type: 'string', enum: ['pass', 'warn', 'fail', 'not_run'] },
    ran: { type: 'boolean', description: 'False when the check could not or need not run (its status is then not_run).' },
    summary: { type: 'string', examples: ['5 row(s) outside the period or without a usable deployed_at: 2 before, 2 after, 1 blank, 0 invalid'] },
    parameters: { type: 'object', additionalProperties: true },
    evidence: { type: ['object', 'null'], additionalProperties: true, description: 'The check\'s evidence, shaped by its id; listings are `{ total, items }` capped at evidenceCap.' },
  },
} as const;

export const completenessReportSchema = {
  type: 'object', additionalProperties: true, required: ['status', 'population', 'period', 'parameters', 'checks'],
  properties: {
    status: { type: 'string', enum: ['pass', 'warn', 'fail', 'not_run'], description: 'The worst status of the checks.' },
    population: { type: 'object', additionalProperties: true, required: ['id', 'kind', 'sha256', 'rows'], properties: { id: { type: 'string' }, kind: { type: 'string' }, sha256: { type: 'string' }, rows: num } },
    period: { type: 'object', additionalProperties: true, required: ['start', 'end', 'timeZone'], properties: { start: { type: 'string' }, end: { type: 'string' }, timeZone: { type: 'string' }, startMs: num, endExclusiveMs: num } },
    parameters: { type: 'object', additionalProperties: true, description: 'Every threshold used, resolved (defaults written out).' },
    checks: { type: 'array', items: checkResultSchema },
  },
} as const;
