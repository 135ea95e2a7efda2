/**
 * A sample request checked as the job would check it, before a job exists: size or plan (not
 * both), the plan computed, the selection spec built, and the filter and key-item conditions
 * bound to the population's fields and headers (an unknown field is a 400 now, not a failed job).
 *
 * @example
 * checkSampleRequest(meta, { seed: 's', size: 25, filter: 'environment=prod' }) // the plan, or throws
 */
import { tickmarkError } from '../../errors.js';
import { planFor, selectionSpec, type SampleRequest } from '../../operations/sample.js';
import type { PopulationMeta } from '../../population/types.js';
import { parseSelectionCondition } from '../../sampling/condition/parse.js';
import type { SamplePlan } from '../../stats/index.js';

export function checkSampleRequest(meta: PopulationMeta, req: SampleRequest): SamplePlan {
  if (req.size !== undefined && req.plan !== undefined) throw tickmarkError('TM_ERR_USAGE', { message: 'give either size or plan, not both' });
  const plan = planFor(meta, req);
  selectionSpec(meta, req, plan.basis === 'all' ? Math.max(1, meta.rows.accepted) : plan.n);
  const names = { fields: Object.keys(meta.mapping), headers: meta.headers };
  if (req.filter !== undefined) parseSelectionCondition(req.filter, names);
  if (req.keyItems !== undefined) parseSelectionCondition(req.keyItems, names);
  return plan;
}
