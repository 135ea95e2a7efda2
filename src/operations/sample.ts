/**
 * Plan and draw a seeded sample from a stored population on the pool, extend it, verify it.
 * The selection is a pure function of (population content, design, seed, algorithm): the
 * manifest records all of it and the SHA-256 of the ordered selection.
 *
 * @example
 * const { manifest } = await drawSample(store, 'pop_…', { seed: '20251231', size: 25, method: 'stratified', strata: 'month' })
 */
import { tickmarkError } from '../errors.js';
import type { PopulationMeta } from '../population/types.js';
import {
  buildManifest, checkSelectionSpec, finishSelection, parseManifest, verifySelection,
  type PopulationRef, type Selection, type SelectionSpec, type SelectionVerification,
} from '../sampling/index.js';
import { planFor, selectionSpec, type SampleRecord, type SampleRequest } from '../sampling/request.js';
import { scanPopulation } from '../scan/scan-population.js';
import { extendPlan, type SamplePlan } from '../stats/index.js';
import { unitIndexFor, withUnitMembers, withUnitRows } from './units.js';
import type { Store } from '../store/store.js';
import { ENGINE_VERSION } from '../version.js';
import { grouped } from '../text/grouped.js';
import { scanOptions, type OperationOptions } from './options.js';

export { planFor, selectionSpec, type SampleRecord, type SampleRequest } from '../sampling/request.js';

/** Draw by the spec's sampling unit: units of several rows are drawn once, by their representative row. */
async function select(store: Store, meta: PopulationMeta, spec: SelectionSpec, opts: OperationOptions): Promise<Selection> {
  const index = await unitIndexFor(store, meta, spec.unit ?? { by: 'item', key: spec.key }, opts);
  const drawn = withUnitMembers(spec, index);
  const scanned = await scanPopulation(store, meta, { selection: drawn }, scanOptions(opts));
  return withUnitRows(finishSelection(scanned.selection, drawn), index);
}

/** Draw a sample and keep it (with its manifest) in the catalog. */
export async function drawSample(store: Store, populationId: string, req: SampleRequest, opts: OperationOptions = {}): Promise<SampleRecord> {
  const meta = store.requirePopulation(populationId);
  const plan = planFor(meta, req);
  const n = plan.basis === 'all' ? Math.max(1, meta.rows.accepted) : plan.n;
  const spec = selectionSpec(meta, req, n);
  const selection = await select(store, meta, spec, opts);
  return keepSample(store, meta, req, plan, selection, opts);
}

/** The population as a manifest names it: id, fingerprint, rows, and the source profile it was read with. */
export function populationRef(meta: PopulationMeta): PopulationRef {
  return {
    id: meta.id, sha256: meta.source.sha256, rows: meta.rows.total,
    ...(meta.source.fingerprint ? { fingerprint: meta.source.fingerprint } : {}),
    ...(meta.profile ? { profile: { id: meta.profile.id, reason: meta.profile.reason } } : {}),
  };
}

/** Keep a drawn selection with its manifest in the catalog; a selection with nothing eligible is refused, naming what excluded everything. */
export function keepSample(store: Store, meta: PopulationMeta, req: SampleRequest, plan: SamplePlan, selection: Selection, opts: OperationOptions, parentId?: string): SampleRecord {
  if (selection.eligible === 0) {
    throw tickmarkError('TM_ERR_NOTHING_ELIGIBLE', { ...selection.counts, ...(req.filter ? { filter: req.filter } : {}), ...(req.period ? { period: req.period } : {}) });
  }
  const manifest = buildManifest(selection, { population: populationRef(meta), plan, engineVersion: ENGINE_VERSION, createdAt: new Date().toISOString() });
  const body = { populationId: meta.id, request: req, plan, manifest, selection };
  const saved = store.saveArtefact({ type: 'sample', populationId: meta.id, engagementId: opts.engagementId ?? null, ...(parentId ? { parentId } : {}), body }, opts.actor);
  return { id: saved.id, ...body };
}

export function getSample(store: Store, sampleId: string): SampleRecord {
  const a = store.artefact<Omit<SampleRecord, 'id'>>(sampleId, 'sample');
  if (!a) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'sample', id: sampleId });
  return { id: a.id, ...a.body };
}

/** Extend a stored sample to `size` items with the same seed: every earlier item is kept. */
export async function extendSample(store: Store, sampleId: string, size: number, opts: OperationOptions = {}): Promise<SampleRecord> {
  const earlier = getSample(store, sampleId);
  const meta = store.requirePopulation(earlier.populationId);
  if (!Number.isInteger(size) || size <= earlier.selection.n) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'size', expected: `must be an integer larger than the sample's ${earlier.selection.n}`, got: size });
  }
  const spec = selectionSpec(meta, earlier.request, size, earlier.selection.n);
  const selection = await select(store, meta, spec, opts);
  const plan = extendPlan(earlier.plan, size);
  return keepSample(store, meta, { ...earlier.request, size }, plan, selection, opts, earlier.id);
}

/** Re-derive a selection from a population and a manifest; identical, or each difference. */
export async function verifySample(store: Store, populationId: string, manifestJson: unknown, opts: OperationOptions = {}): Promise<SelectionVerification> {
  const manifest = parseManifest(manifestJson);
  const meta = store.requirePopulation(populationId);
  const spec = checkSelectionSpec({ ...manifest.design, headers: meta.headers } as SelectionSpec);
  const selection = await select(store, meta, spec, opts);
  const result = verifySelection(manifest, selection, { id: meta.id, sha256: meta.source.sha256, rows: meta.rows.total });
  store.log({ actor: opts.actor ?? 'cli', action: 'sample.verify', target: meta.id, params: { selectionSha256: manifest.selectionSha256, identical: result.identical } });
  return result;
}

/** When the size asked for is more than the eligible items: every eligible item is selected, and it says so. */
export function sizeWarnings(sample: SampleRecord): string[] {
  const m = sample.manifest;
  const drawn = m.selected - (m.keyItems?.count ?? 0);
  const asked = sample.plan.basis === 'fixed' ? sample.plan.parameters.requested : sample.plan.n;
  if (sample.plan.basis === 'all' || !m.allSelected || drawn >= asked) return [];
  return [`${grouped(asked)} items were asked for but only ${grouped(drawn)} are eligible: every eligible item is selected (100% of the eligible population)`];
}
