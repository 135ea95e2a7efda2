/** The golden workbook input: the bundled change log, a stratified sample, completeness and the built-in change tests. */
import { ingestFile } from '../../src/ingest/ingest.js';
import { checkCompleteness } from '../../src/operations/completeness.js';
import { drawSample, type SampleRequest } from '../../src/operations/sample.js';
import type { PopulationMeta } from '../../src/population/types.js';
import { ruleSetFromSpec } from '../../src/rules/index.js';
import type { TestJob } from '../../src/scan/test-job.js';
import type { Store } from '../../src/store/store.js';
import { ENGINE_VERSION } from '../../src/version.js';
import { loadSampledRows } from '../../src/export/sampled-rows.js';
import { runTestJob } from '../../src/export/run-tests.js';
import type { WorkbookInput } from '../../src/export/workbook/input.js';

export const CHANGES = 'fixtures/change/changes-2025.csv';
export const PERIOD = '2025-01-01..2025-12-31';
export const GOLDEN_REQUEST: SampleRequest = { seed: '20251231', size: 25, method: 'stratified', strata: 'month', period: PERIOD };

export function testJobFor(meta: PopulationMeta, records: number[], timeZone = 'UTC'): TestJob {
  return { rules: { kind: meta.kind, headers: meta.headers }, context: { scope: 'sample', sample: records, timeZone, key: meta.key, headers: meta.headers, mapping: meta.mapping } };
}

export async function workbookInputFor(store: Store, file: string, opts: { request?: SampleRequest; kind?: string; map?: Record<string, string>; tests?: boolean; completeness?: boolean } = {}): Promise<WorkbookInput> {
  const { population } = await ingestFile(store, file, { kind: opts.kind ?? 'change', workers: 0, ...(opts.map ? { map: opts.map } : {}) });
  const sample = await drawSample(store, population.id, opts.request ?? GOLDEN_REQUEST, { workers: 0 });
  const completeness = opts.completeness === false ? undefined : (await checkCompleteness(store, population.id, { period: PERIOD }, { workers: 0 })).report;
  const records = sample.selection.items.map((i) => i.record);
  const sampledRows = await loadSampledRows(store, population, records);
  const job = testJobFor(population, records);
  const tests = opts.tests === false ? undefined : await runTestJob(store, population, job);
  return {
    engagement: { client: 'Acme Payments Ltd', name: 'SOC 2 Type 2 dry run 2025' },
    control: { id: 'CC8.1-01', description: 'Changes to production are authorised, tested and approved before deployment.', frequency: 'many times a day' },
    period: { start: '2025-01-01', end: '2025-12-31', timeZone: 'UTC' },
    population,
    extraction: { system: 'ServiceNow', query: 'change_request where sys_created_on in 2025', extractedBy: 'j.doe', extractedAt: '2026-01-05T09:30:00Z' },
    ...(completeness ? { completeness } : {}),
    sample,
    sampledRows,
    ...(tests ? { tests, testJob: job, attributes: ruleSetFromSpec(job.rules).attributes } : {}),
    preparer: 'A. Auditor',
    engineVersion: ENGINE_VERSION,
    generatedAt: '2026-01-10T12:00:00Z',
  };
}
