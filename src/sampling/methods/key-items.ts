/**
 * Key items plus a sample of the rest: eligible records matching the key-item condition (e.g.
 * `type=emergency`) are all taken and listed first (orders 1..K, ascending PRN); the rest of the
 * eligible population is sampled by `random` or `stratified` with n draws (orders K+1..K+n).
 * n counts only the drawn items: key items come on top. For a stratified rest, key items carry
 * their stratum but do not count in the strata's populations.
 *
 * Partial: all key-item candidates (ascending) + the rest's random/stratified partial.
 *
 * @example
 * keyItems.finish(partial, { ...spec, n: 25, keyItems: { condition: 'type=emergency', rest: 'random' } }).keyItems
 * // { condition: 'type=emergency', count: 14 }
 */
import { mergeBottomK } from '../bottom-k.js';
import { compareCandidates, type Candidate } from '../candidate.js';
import { bindSelectionCondition } from '../condition/bind.js';
import { parseSelectionCondition } from '../condition/parse.js';
import { addCounts, emptyCounts, type EligibilityCounts } from '../eligibility.js';
import type { SamplingMethod } from '../method.js';
import { prnOfInput } from '../prn.js';
import { selectionOf } from '../result.js';
import { scanChunk, DRAWABLE, KEY_ITEM } from '../scan.js';
import { selectedItem } from '../selection.js';
import type { KeyItemsOptions, SelectionSpec } from '../spec.js';
import { mapRandomScan, randomItems, random, type RandomPartial } from './random.js';
import { mapStratifiedScan, mergeStratified, rowStrata, stratifiedDraw, stratified, type StratifiedPartial } from './stratified.js';

export interface KeyItemsPartial {
  method: 'key-items';
  /** Eligibility of the whole population (key items included). */
  counts: EligibilityCounts;
  /** Every key item, ascending by (PRN, key, record). */
  keyItems: Candidate[];
  /** Partial of the rest (counts.eligible = the rest's size). */
  rest: RandomPartial | StratifiedPartial;
}

function optionsOf(spec: SelectionSpec): KeyItemsOptions {
  return spec.keyItems ?? { condition: '', rest: 'random' };
}

const restCounts = (counts: EligibilityCounts, keyItems: number): EligibilityCounts => ({ ...counts, eligible: counts.eligible - keyItems });

export const keyItems: SamplingMethod<KeyItemsPartial> = {
  name: 'key-items',
  empty: (spec) => ({
    method: 'key-items',
    counts: emptyCounts(),
    keyItems: [],
    rest: optionsOf(spec).rest === 'stratified' ? stratified.empty(spec) : random.empty(spec),
  }),
  map(chunk, spec) {
    const options = optionsOf(spec);
    const scan = scanChunk(chunk, spec);
    const isKey = bindSelectionCondition(parseSelectionCondition(options.condition), chunk);
    const strata = options.rest === 'stratified' ? rowStrata(scan, spec) : undefined;
    const found: Candidate[] = [];
    for (let i = 0; i < chunk.rows; i++) {
      if (scan.eligible[i] !== DRAWABLE || !isKey(i)) continue;
      scan.eligible[i] = KEY_ITEM;
      const key = scan.key(i);
      found.push({
        prn: prnOfInput(scan.prefix + key), key, record: chunk.record[i]!, line: chunk.line[i]!, eventTime: scan.times[i]!,
        ...(strata ? { stratum: strata[i]! } : {}),
      });
    }
    found.sort(compareCandidates);
    const rest = restCounts(scan.counts, found.length);
    return {
      method: 'key-items',
      counts: scan.counts,
      keyItems: found,
      rest: options.rest === 'stratified' ? mapStratifiedScan(scan, spec, rest) : mapRandomScan(scan, spec, rest),
    };
  },
  merge(a, b, spec) {
    const rest = a.rest.method === 'stratified' && b.rest.method === 'stratified'
      ? mergeStratified(a.rest, b.rest, spec)
      : random.merge(a.rest as RandomPartial, b.rest as RandomPartial, spec);
    return { method: 'key-items', counts: addCounts(a.counts, b.counts), keyItems: mergeBottomK(a.keyItems, b.keyItems, Infinity), rest };
  },
  finish(partial, spec) {
    const options = optionsOf(spec);
    const items = partial.keyItems.map((c, i) => selectedItem(c, i + 1, true, false));
    const K = items.length;
    const keyItemsRecord = { condition: parseSelectionCondition(options.condition).text, count: K };
    if (partial.rest.method === 'stratified') {
      const draw = stratifiedDraw(partial.rest, spec, K);
      return selectionOf(spec, partial.counts, { items: [...items, ...draw.items], strata: draw.strata, keyItems: keyItemsRecord, allSelected: spec.n >= draw.population });
    }
    return selectionOf(spec, partial.counts, {
      items: [...items, ...randomItems(partial.rest, spec, K)],
      keyItems: keyItemsRecord,
      allSelected: spec.n >= partial.rest.counts.eligible,
    });
  },
};
