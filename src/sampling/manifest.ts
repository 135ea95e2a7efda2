/**
 * The manifest of a sample: everything a reviewer needs to re-perform it — engine and algorithm
 * versions, method and design, seed, the population's fingerprint, filters with their counts,
 * strata, key items, the systematic start, the plan (opaque, from the planner), the items, and
 * `selectionSha256` over the canonical selection text (canonical.ts). `createdAt` is informative
 * only: it is in neither hash.
 *
 * @example
 * const manifest = buildManifest(selection, { population: { id: 'pop_1', sha256, rows: 1000 }, plan, engineVersion: '0.1.0' });
 * manifest.selectionSha256 // 64 hex digits
 */
import { createHash } from 'node:crypto';
import { tickmarkError } from '../errors.js';
import { ENGINE_VERSION } from '../version.js';
import { selectionSha256 } from './canonical.js';
import type { EligibilityCounts, FilterRecord } from './eligibility.js';
import type { PrnAlgorithm } from './prn.js';
import type { Selection, SelectionDesign, SelectionUnits, StratumSummary, SystematicDraw } from './selection.js';
import { methodNames, type MethodName } from './spec.js';

/** The population a sample was drawn from (PopulationMeta id, source SHA-256, accepted rows). */
export interface PopulationRef {
  id: string;
  sha256: string;
  rows: number;
  /** The content fingerprint (population/content-fingerprint.ts), when known. */
  fingerprint?: string;
  /** The source profile the export was read with (its id), and why it was chosen. */
  profile?: { id: string; reason: string };
}

/** One selected item as the manifest lists it. */
export interface ManifestItem {
  order: number;
  key: string;
  prnHex: string;
  stratum?: string;
  record: number;
  keyItem: boolean;
  addedByExtension: boolean;
  /** Every record of the item's unit, when it has more than one row. */
  rows?: number[];
}

export interface SelectionManifest {
  engine: { name: 'tickmark'; version: string };
  algorithm: PrnAlgorithm;
  method: MethodName;
  seed: string;
  population: PopulationRef;
  design: SelectionDesign;
  filters: FilterRecord[];
  counts: EligibilityCounts;
  strata?: StratumSummary[];
  keyItems?: { condition: string; count: number };
  systematic?: SystematicDraw;
  /** The sampling unit and the units of several rows. */
  units?: SelectionUnits;
  /** The sample-size plan, as the planner produced it (opaque here). */
  plan: unknown;
  /**
   * How the sample was drawn when not by this engine over a stored population: by SQL, where the
   * population lives (src/sql) — the engine, the dialect and the SHA-256 of the statements that ran.
   */
  extraction?: { method: 'sql'; engine: string; dialect: string; sqlSha256: string };
  n: number;
  extendFrom?: number;
  eligible: number;
  selected: number;
  allSelected: boolean;
  items: ManifestItem[];
  selectionSha256: string;
  createdAt?: string;
}

export interface ManifestContext {
  population: PopulationRef;
  plan: unknown;
  /** Defaults to the running engine's version. */
  engineVersion?: string;
  createdAt?: string;
}

/** The items of a selection as the manifest lists them. */
export function manifestItems(selection: Selection): ManifestItem[] {
  return selection.items.map((item) => ({
    order: item.order,
    key: item.key,
    prnHex: item.prnHex,
    ...(item.stratum !== undefined ? { stratum: item.stratum } : {}),
    record: item.record,
    keyItem: item.keyItem,
    addedByExtension: item.addedByExtension,
    ...(item.rows ? { rows: item.rows } : {}),
  }));
}

/**
 * Build the manifest of a selection.
 *
 * @example
 * buildManifest(selection, { population, plan: { kind: 'fixed', n: 25 }, engineVersion: '0.1.0' }).algorithm
 * // 'tickmark-prn-sha256-52/1'
 */
export function buildManifest(selection: Selection, context: ManifestContext): SelectionManifest {
  const items = manifestItems(selection);
  return {
    engine: { name: 'tickmark', version: context.engineVersion ?? ENGINE_VERSION },
    algorithm: selection.algorithm,
    method: selection.method,
    seed: selection.seed,
    population: { ...context.population },
    design: selection.design,
    filters: selection.filters,
    counts: selection.counts,
    ...(selection.strata ? { strata: selection.strata } : {}),
    ...(selection.keyItems ? { keyItems: selection.keyItems } : {}),
    ...(selection.systematic ? { systematic: selection.systematic } : {}),
    ...(selection.units ? { units: selection.units } : {}),
    plan: context.plan ?? null,
    n: selection.n,
    ...(selection.extendFrom !== undefined ? { extendFrom: selection.extendFrom } : {}),
    eligible: selection.eligible,
    selected: items.length,
    allSelected: selection.allSelected,
    items,
    selectionSha256: selectionSha256(items),
    ...(context.createdAt !== undefined ? { createdAt: context.createdAt } : {}),
  };
}

/** JSON with object keys sorted, no spaces: the canonical form used for manifest hashing. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * SHA-256 of the whole manifest in canonical JSON, `createdAt` excluded (for the audit log).
 *
 * @example
 * manifestSha256({ ...manifest, createdAt: 'later' }) === manifestSha256(manifest) // true
 */
export function manifestSha256(manifest: SelectionManifest): string {
  const { createdAt: _createdAt, ...rest } = manifest;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

const fail = (reason: string): never => {
  throw tickmarkError('TM_ERR_MANIFEST', { reason });
};

/**
 * Check that a parsed JSON value is a selection manifest (throws TM_ERR_MANIFEST naming the
 * first problem).
 *
 * @example
 * parseManifest(JSON.parse(text)).seed // '20251231'
 */
export function parseManifest(value: unknown): SelectionManifest {
  if (!value || typeof value !== 'object' || Array.isArray(value)) fail('not a JSON object');
  const m = value as Record<string, any>;
  if (m.engine?.name !== 'tickmark') fail('engine.name is not "tickmark"');
  // Another algorithm id is accepted here; verify reports it as a difference.
  if (typeof m.algorithm !== 'string') fail('algorithm is missing');
  if (!methodNames.includes(m.method)) fail(`method must be one of ${methodNames.join(', ')}`);
  if (typeof m.seed !== 'string' || m.seed === '') fail('seed is missing');
  if (typeof m.population?.sha256 !== 'string' || typeof m.population?.rows !== 'number') fail('population.sha256 and population.rows are required');
  if (!m.design || typeof m.design !== 'object') fail('design is missing');
  if (!Number.isSafeInteger(m.n) || m.n < 0) fail('n must be a non-negative integer');
  if (!Array.isArray(m.items)) fail('items must be an array');
  m.items.forEach((item: any, i: number) => {
    if (!Number.isSafeInteger(item?.order) || typeof item?.key !== 'string' || typeof item?.prnHex !== 'string') {
      fail(`items[${i}] needs order, key and prnHex`);
    }
  });
  if (typeof m.selectionSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.selectionSha256)) fail('selectionSha256 must be 64 lower-case hex digits');
  return m as SelectionManifest;
}
