/**
 * The selection spec: everything a selection depends on besides the population and the seed's
 * PRNs — method, size, key and event-time fields, filters, strata, key items, extension.
 * A plain object (structured-cloneable), sent as-is to every worker with each chunk.
 *
 * @example
 * checkSelectionSpec({ method: 'random', seed: '20251231', n: 25, key: ['change_id'], headers, eventTime: 'deployed_at' })
 */
import { tickmarkError } from '../errors.js';
import type { AuditPeriod } from '../period/period.js';
import { assertTimeZone } from '../time/zone.js';
import { parseSelectionCondition } from './condition/parse.js';
import type { SamplingUnit } from './units.js';

export const methodNames = ['random', 'systematic', 'stratified', 'key-items'] as const;
export type MethodName = (typeof methodNames)[number];

/** Period buckets a stratified design uses. */
export type StratumBucket = 'month' | 'quarter';
/** How n is spread over strata (see allocation.ts for the exact rule). */
export type AllocationRule = 'proportional' | 'equal';

export interface StratifyOptions {
  by: StratumBucket;
  allocation: AllocationRule;
  /** IANA zone in which months/quarters are cut (normally the period's zone). */
  timeZone: string;
}

export interface KeyItemsOptions {
  /** Condition (see condition/parse.ts) selecting the items taken in full, e.g. `type=emergency`. */
  condition: string;
  /** How the rest of the population is sampled. */
  rest: 'random' | 'stratified';
}

export interface SelectionSpec {
  method: MethodName;
  /** The seed, as text (`20251231`). */
  seed: string;
  /** Sample size: the items drawn (for key-items: drawn from the rest, key items come on top). */
  n: number;
  /** Key fields of the sampling unit (the population's key for an item unit); empty → content keys. */
  key: string[];
  /** The sampling unit (recorded); absent: by item on `key`. */
  unit?: SamplingUnit;
  /**
   * Records that travel with another row's unit (units.ts) — only this chunk's share when sent
   * with a chunk's task. Never recorded in the design: the unit index is derived from the content.
   */
  members?: Int32Array;
  /** Source headers in file order (used for content keys). */
  headers: string[];
  /** Canonical event-time field (PopulationMeta.eventTime). */
  eventTime?: string;
  /** Eligibility condition (`--filter`), e.g. `environment=production`. */
  filter?: string;
  /** Keep only records whose event time falls in the audit period. */
  period?: AuditPeriod | undefined;
  /** Required for `stratified` (and key-items with rest `stratified`). */
  stratify?: StratifyOptions;
  /** Required for `key-items`. */
  keyItems?: KeyItemsOptions;
  /**
   * Size of the earlier sample this one extends (same seed). Random and stratified samples are
   * nested by construction, so it changes nothing but the record; for systematic it keeps the
   * systematic draw of `extendFrom` items and adds the rest by smallest PRN.
   */
  extendFrom?: number;
}

function invalid(option: string, expected: string, got: unknown): never {
  throw tickmarkError('TM_ERR_INVALID_OPTION', { option, expected, got });
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Check a spec and return it normalised (seed as text, zone checked, conditions parsed for
 * syntax). Throws TM_ERR_INVALID_OPTION / TM_ERR_BAD_EXPRESSION with what was wrong.
 *
 * @example
 * checkSelectionSpec({ ...spec, n: -1 }) // throws: option n must be a non-negative integer
 */
export function checkSelectionSpec(spec: SelectionSpec): SelectionSpec {
  if (!methodNames.includes(spec.method)) invalid('method', `must be one of ${methodNames.join(', ')}`, spec.method);
  const seed = typeof spec.seed === 'number' ? String(spec.seed) : spec.seed;
  if (typeof seed !== 'string' || seed === '') invalid('seed', 'must be a non-empty text or number', spec.seed);
  if (seed.includes('\u001f')) invalid('seed', 'must not contain the U+001F separator', seed);
  if (!isCount(spec.n)) invalid('n', 'must be a non-negative integer', spec.n);
  if (!Array.isArray(spec.key) || !Array.isArray(spec.headers)) invalid('key', 'and headers must be arrays of names', spec.key);
  if (spec.extendFrom !== undefined && (!isCount(spec.extendFrom) || spec.extendFrom > spec.n)) {
    invalid('extendFrom', `must be an integer from 0 to n (${spec.n})`, spec.extendFrom);
  }
  if (spec.filter !== undefined) parseSelectionCondition(spec.filter);
  if (spec.period && !spec.eventTime) invalid('period', 'needs an event-time field to filter on', spec.period.start);
  const stratified = spec.method === 'stratified' || (spec.method === 'key-items' && spec.keyItems?.rest === 'stratified');
  let stratify = spec.stratify;
  if (stratified) {
    if (!stratify) invalid('stratify', 'is required for a stratified selection ({ by, allocation, timeZone })', stratify);
    if (stratify.by !== 'month' && stratify.by !== 'quarter') invalid('stratify.by', 'must be month or quarter', stratify.by);
    if (stratify.allocation !== 'proportional' && stratify.allocation !== 'equal') {
      invalid('stratify.allocation', 'must be proportional or equal', stratify.allocation);
    }
    if (!spec.eventTime) invalid('stratify', 'needs an event-time field to place records in periods', spec.eventTime);
    stratify = { ...stratify, timeZone: assertTimeZone(stratify.timeZone ?? 'UTC') };
  }
  if (spec.method === 'key-items') {
    if (!spec.keyItems) invalid('keyItems', 'is required for a key-items selection ({ condition, rest })', spec.keyItems);
    if (spec.keyItems.rest !== 'random' && spec.keyItems.rest !== 'stratified') invalid('keyItems.rest', 'must be random or stratified', spec.keyItems.rest);
    parseSelectionCondition(spec.keyItems.condition);
  }
  return { ...spec, seed, ...(stratify ? { stratify } : {}) };
}
