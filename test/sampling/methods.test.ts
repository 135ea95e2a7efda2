/** Each method's draw, recomputed independently from the rows with prn(). */
import { describe, expect, it } from 'vitest';
import type { TickmarkError } from '../../src/errors.js';
import { parsePeriod } from '../../src/period/period.js';
import { checkSelectionSpec, prn, selectSample, stratumOf, type SelectionSpec } from '../../src/sampling/index.js';
import { baseSpec, changeChunk, changeRows } from './helpers/population.js';

const rows = changeRows(400, 'methods');
const chunk = changeChunk(rows);
const records = rows.map((r, i) => ({ ...r, type: r.type ?? null, change_id: r.change_id ?? null, record: i + 1, prn: prn('20251231', r.change_id!), t: r.deployed_at ? Date.parse(r.deployed_at) : NaN }));
const byPrn = <T extends { prn: number; change_id?: string | null; record: number }>(list: T[]) =>
  [...list].sort((a, b) => a.prn - b.prn || (a.change_id! < b.change_id! ? -1 : a.change_id! > b.change_id! ? 1 : a.record - b.record));

describe('random', () => {
  it('takes the n smallest PRNs, in ascending order, the duplicate row broken by record number', () => {
    const s = selectSample([chunk], baseSpec({ n: 25 }));
    expect(s.items.map((i) => i.record)).toEqual(byPrn(records).slice(0, 25).map((r) => r.record));
    const dup = selectSample([chunk], baseSpec({ n: 1000 })).items.filter((i) => i.key === rows[4]!.change_id);
    expect(dup.map((i) => i.record)).toEqual([5, rows.length - 1]);
    expect(dup[1]!.order).toBe(dup[0]!.order + 1);
  });
});

describe('stratified', () => {
  const period = parsePeriod('2025-01-01..2025-12-31', 'UTC');
  const spec = baseSpec({ method: 'stratified', n: 40, period, stratify: { by: 'quarter', allocation: 'proportional', timeZone: 'UTC' } });
  const s = selectSample([chunk], spec);

  it('allocates in proportion to the quarters and takes the smallest PRNs within each', () => {
    const inPeriod = records.filter((r) => r.t >= period.startMs && r.t < period.endExclusiveMs);
    const quarters = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'];
    const populations = quarters.map((q) => inPeriod.filter((r) => stratumOf(r.t, 'quarter', 'UTC') === q).length);
    expect(s.strata!.map((x) => x.id)).toEqual(quarters);
    expect(s.strata!.map((x) => x.population)).toEqual(populations);
    const shares = populations.map((p) => (40 * p) / inPeriod.length);
    s.strata!.forEach((x, h) => expect(Math.abs(x.allocated - shares[h]!)).toBeLessThan(1));
    for (const q of quarters) {
      const drawn = s.items.filter((i) => i.stratum === q).map((i) => i.record).sort((a, b) => a - b);
      const expected = byPrn(inPeriod.filter((r) => stratumOf(r.t, 'quarter', 'UTC') === q)).slice(0, drawn.length).map((r) => r.record).sort((a, b) => a - b);
      expect(drawn).toEqual(expected);
    }
  });

  it('lists empty months of the period with population 0', () => {
    const few = changeChunk(rows.filter((r) => r.deployed_at?.startsWith('2025-0')));
    const months = selectSample([few], { ...spec, stratify: { by: 'month', allocation: 'equal', timeZone: 'UTC' } }).strata!;
    expect(months.map((m) => m.id)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']);
    expect(months.slice(9).map((m) => [m.population, m.allocated])).toEqual([[0, 0], [0, 0], [0, 0]]);
  });

  it('puts records without an event time in the stratum "undated" when there is no period filter', () => {
    const all = selectSample([chunk], { ...spec, period: undefined, n: 1000 });
    const undated = records.filter((r) => Number.isNaN(r.t)).length;
    expect(undated).toBeGreaterThan(0);
    expect(all.strata!.at(-1)).toEqual({ id: 'undated', population: undated, allocated: undated, selected: undated });
  });
});

describe('key items', () => {
  it('takes every key item first, then the n smallest PRNs of the rest', () => {
    const spec = baseSpec({ method: 'key-items', n: 10, keyItems: { condition: 'type=emergency', rest: 'random' } });
    const s = selectSample([chunk], spec);
    const isKey = (r: (typeof records)[number]) => r.type === 'Emergency';
    const keys = byPrn(records.filter(isKey));
    expect(keys.length).toBeGreaterThan(5);
    expect(s.keyItems).toEqual({ condition: 'type=emergency', count: keys.length });
    expect(s.items.slice(0, keys.length).map((i) => [i.record, i.keyItem])).toEqual(keys.map((r) => [r.record, true]));
    expect(s.items.slice(keys.length).map((i) => [i.record, i.keyItem])).toEqual(byPrn(records.filter((r) => !isKey(r))).slice(0, 10).map((r) => [r.record, false]));
    expect(s.eligible).toBe(records.length);
  });
});

describe('selection spec checks', () => {
  const code = (spec: SelectionSpec): string => {
    try {
      checkSelectionSpec(spec);
      return 'ok';
    } catch (e) {
      return (e as TickmarkError).code + ': ' + (e as TickmarkError).message;
    }
  };

  it.each([
    [{ n: -1 }, 'TM_ERR_INVALID_OPTION: option n must be a non-negative integer; got -1'],
    [{ n: 2.5 }, 'TM_ERR_INVALID_OPTION: option n must be a non-negative integer; got 2.5'],
    [{ seed: '' }, 'TM_ERR_INVALID_OPTION: option seed must be a non-empty text or number; got ""'],
    [{ method: 'mus' }, 'TM_ERR_INVALID_OPTION: option method must be one of random, systematic, stratified, key-items; got "mus"'],
    [{ n: 5, extendFrom: 6 }, 'TM_ERR_INVALID_OPTION: option extendFrom must be an integer from 0 to n (5); got 6'],
    [{ method: 'stratified' }, 'TM_ERR_INVALID_OPTION: option stratify is required for a stratified selection ({ by, allocation, timeZone }); got undefined'],
    [{ method: 'key-items' }, 'TM_ERR_INVALID_OPTION: option keyItems is required for a key-items selection ({ condition, rest }); got undefined'],
    [{ filter: 'type' }, 'TM_ERR_BAD_EXPRESSION: invalid expression "type": clause "type" has no operator (=, !=, ~= or in)'],
  ] as [Partial<SelectionSpec>, string][])('refuses %j', (overrides, expected) => {
    expect(code(baseSpec(overrides as Partial<SelectionSpec>))).toBe(expected);
  });

  it('refuses an unknown zone and accepts a numeric seed as text', () => {
    expect(code(baseSpec({ method: 'stratified', stratify: { by: 'month', allocation: 'equal', timeZone: 'Mars/Olympus' } }))).toMatch(/^TM_ERR_BAD_TIMEZONE/);
    expect(checkSelectionSpec(baseSpec({ seed: 20251231 as unknown as string })).seed).toBe('20251231');
  });
});
