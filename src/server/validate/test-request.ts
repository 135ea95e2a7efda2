/**
 * A test-run request checked as the job would check it, before a job exists: the rule set
 * compiled (built-in parameters, custom rules), the holidays read as real dates, the period and
 * zone parsed, and the evaluation's confidence and tolerable rate planned.
 *
 * @example
 * checkTestRequest(meta, { sampleId: 'samp_…', params: ['disable_days=2bd'], holidays: ['2025-12-25'] })
 */
import { makeCalendar } from '../../period/calendar.js';
import { parsePeriod } from '../../period/period.js';
import type { TestRequest } from '../../operations/test.js';
import type { PopulationMeta } from '../../population/types.js';
import { ruleSetFromSpec } from '../../rules/evaluate/rule-set.js';
import { planSample } from '../../stats/index.js';
import { assertTimeZone } from '../../time/zone.js';

export function checkTestRequest(meta: PopulationMeta, req: Omit<TestRequest, 'sampleId' | 'all'>): void {
  ruleSetFromSpec({
    kind: meta.kind, headers: meta.headers,
    ...(req.params ? { params: req.params } : {}),
    ...(req.rules !== undefined ? { custom: req.rules } : {}),
    ...(req.builtins === false ? { builtins: false } : {}),
    ...(req.joins ? { joins: Object.keys(req.joins) } : {}),
  });
  const timeZone = req.timeZone === undefined ? meta.typing.timeZone : assertTimeZone(req.timeZone);
  makeCalendar({ timeZone, holidays: req.holidays ?? [] });
  if (req.period !== undefined) parsePeriod(req.period, timeZone);
  const e = req.evaluation;
  if (e) planSample({ basis: 'statistical', confidence: e.confidence, tolerable: e.tolerable, ...(e.distribution && e.distribution !== 'hypergeometric' ? { distribution: e.distribution } : {}) });
}
