/** The golden workbook input, built the way `tickmark pull` builds it: ingest, completeness, a stratified sample, the built-in change tests (`runTests`). */
import { ingestFile } from '../../src/ingest/ingest.js';
import { checkCompleteness } from '../../src/operations/completeness.js';
import { drawSample, type SampleRequest } from '../../src/operations/sample.js';
import type { Store } from '../../src/store/store.js';
import { ENGINE_VERSION } from '../../src/version.js';
import { loadSampledRows } from '../../src/operations/sampled-rows.js';
import { runTests } from '../../src/operations/test.js';
import type { WorkbookInput } from '../../src/export/workbook/input.js';

export const CHANGES = 'fixtures/change/changes-2025.csv';
export const PERIOD = '2025-01-01..2025-12-31';
export const GOLDEN_REQUEST: SampleRequest = { seed: '20251231', size: 25, method: 'stratified', strata: 'month', period: PERIOD };

export async function workbookInputFor(store: Store, file: string, opts: { request?: SampleRequest; kind?: string; map?: Record<string, string>; tests?: boolean; completeness?: boolean } = {}): Promise<WorkbookInput> {
  const { population } = await ingestFile(store, file, { kind: opts.kind ?? 'change', workers: 0, ...(opts.map ? { map: opts.map } : {}) });
  const sample = await drawSample(store, population.id, opts.request ?? GOLDEN_REQUEST, { workers: 0 });
  const completeness = opts.completeness === false ? undefined : (await checkCompleteness(store, population.id, { period: PERIOD }, { workers: 0 })).report;
  const sampledRows = await loadSampledRows(store, population, sample.selection.items.flatMap((i) => i.rows ?? [i.record]));
  const tested = opts.tests === false ? undefined : await runTests(store, population.id, { sampleId: sample.id, period: PERIOD }, { workers: 0 });
  return {
    engagement: { client: 'Acme Payments Ltd', name: 'SOC 2 Type 2 dry run 2025' },
    control: { id: 'CC8.1-01', description: 'Changes to production are authorised, tested and approved before deployment.', frequency: 'many times a day' },
    period: { start: '2025-01-01', end: '2025-12-31', timeZone: 'UTC' },
    population,
    extraction: { system: 'ServiceNow', query: 'change_request where sys_created_on in 2025', extractedBy: 'j.doe', extractedAt: '2026-01-05T09:30:00Z' },
    ...(completeness ? { completeness } : {}),
    sample,
    sampledRows,
    ...(tested ? { tests: tested.run, testJob: tested.job, testRunId: tested.id, ...(tested.evaluation ? { controlEvaluation: tested.evaluation } : {}) } : {}),
    preparer: 'A. Auditor',
    engineVersion: ENGINE_VERSION,
    generatedAt: '2026-01-10T12:00:00Z',
  };
}
