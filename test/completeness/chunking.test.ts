/**
 * The determinism contract: the same report for one chunk, many chunks, one row per chunk,
 * shuffled rows, a tree-shaped merge, and partials that crossed a structured clone (a worker).
 * Plus a contract every check honours: the empty partial is a merge identity and merge never
 * mutates its inputs.
 */
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/period/period.js';
import { checkIds, checkRegistry, checkTitles, completenessPlan, partialTransferList, runCompleteness, type CompletenessParams, type CompletenessPartial, type CompletenessPlan } from '../../src/completeness/index.js';
import type { PopulationChunk } from '../../src/population/types.js';
import { chunkOf, headersOf, metaOf, pickRows, rng, shuffled, splitChunk, type Row } from './helpers.js';

const period = parsePeriod('2025-01-01..2025-12-31', 'America/New_York');

function fixture(): { ours: Row[]; theirs: Row[] } {
  const r = rng(2025);
  const ours: Row[] = [];
  for (let i = 0; i < 420; i++) {
    const n = i < 200 ? i + 1 : i + 15 + (i > 300 ? 40 : 0); // gaps 201–214 and a second one later
    const day = Math.floor(r() * 365);
    const t = Date.UTC(2025, 0, 1, 5) + day * 86_400_000 + Math.floor(r() * 86_400_000);
    let deployed: string | null = new Date(t).toISOString();
    if (i % 97 === 5) deployed = '2024-12-31T23:59:59-05:00';
    if (i % 89 === 7) deployed = '2026-01-01T00:00:00-05:00';
    if (i % 113 === 9) deployed = null;
    if (i % 131 === 11) deployed = 'later';
    if (i >= 150 && i < 170) deployed = null; // many blanks so the cap bites
    ours.push({
      change_id: i % 151 === 3 ? 'NOPE' : `CHG${String(n).padStart(7, '0')}`,
      deployed_at: deployed,
      approver: r() < 0.05 ? null : `a${Math.floor(r() * 9)}`,
      approved_at: r() < 0.03 ? 'n/a' : new Date(t - 3_600_000).toISOString(),
      requester: 'req', implementer: r() < 0.02 ? null : 'impl',
      amount: (Math.floor(r() * 100000) / 100).toFixed(2),
      ticket_ref: r() < 0.1 ? `TCK${Math.floor(r() * 50)}` : `TCK${i % 300}`,
    });
  }
  ours.push({ ...ours[10]! }, { ...ours[20]! }, { ...ours[30]!, amount: '0.01' });
  const theirs: Row[] = Array.from({ length: 320 }, (_, i) => ({ change_id: i % 17 === 0 ? `tck${i}` : `TCK${i}`, deployed_at: '2025-06-01T00:00:00Z' }));
  return { ours, theirs };
}

const { ours: ourRows, theirs: theirRows } = fixture();
const meta = { ...metaOf('change', headersOf(ourRows)), id: 'deploys' };
const otherMeta = { ...metaOf('change', headersOf(theirRows)), id: 'tickets' };
const params: CompletenessParams = {
  evidenceCap: 7,
  expectCount: 423,
  expectSum: { field: 'amount', amount: '211111.11' },
  tieOut: { ourKey: 'ticket_ref', theirKey: 'change_id', caseFold: false },
  rollForward: { start: 40, removes: 3 },
  holidays: ['2025-07-04', '2025-12-25'],
};
const whole = chunkOf(ourRows, 'change');
const other = chunkOf(theirRows, 'change');

async function reportOf(chunks: PopulationChunk[], otherChunks: PopulationChunk[] = [other]) {
  return runCompleteness({ meta, chunks, period, params, other: { meta: otherMeta, chunks: otherChunks } });
}

describe('chunking and row-order invariance', () => {
  it('gives the same report for 1 chunk, 3 chunks, 1-row chunks and shuffled rows', async () => {
    const one = await reportOf([whole]);
    expect(one.status).toBe('fail');
    // The fixture exercises every check with capped evidence lists.
    expect(one.checks.filter((c) => c.ran).map((c) => c.id)).toEqual([...checkIds]);
    const outOfPeriod = one.checks.find((c) => c.id === 'out_of_period')!;
    expect(outOfPeriod.evidence).toMatchObject({ rows: { total: expect.any(Number) } });
    expect((outOfPeriod.evidence as { rows: { total: number; items: unknown[] } }).rows.items).toHaveLength(7);

    expect(await reportOf(splitChunk(whole, [100, 7]))).toEqual(one);
    expect(await reportOf(splitChunk(whole, Array(whole.rows).fill(1)), splitChunk(other, Array(other.rows).fill(1)))).toEqual(one);
    expect(await reportOf([pickRows(whole, shuffled(whole.rows, 1))], [pickRows(other, shuffled(other.rows, 2))])).toEqual(one);
    expect(await reportOf(splitChunk(pickRows(whole, shuffled(whole.rows, 3)), [50, 150, 100]), splitChunk(pickRows(other, shuffled(other.rows, 4)), [33]))).toEqual(one);
  });

  it('gives the same report for a tree-shaped merge of partials that crossed a structured clone', async () => {
    const one = await reportOf([whole]);
    const plan = completenessPlan({ meta, period, params, other: otherMeta });
    const worker = (p: CompletenessPartial) => structuredClone(p); // what postMessage does
    const parts = splitChunk(pickRows(whole, shuffled(whole.rows, 9)), [60, 60, 60, 60, 60, 60]).map((c) => worker(plan.map(c)));
    const otherParts = splitChunk(other, [100, 100]).map((c) => worker(plan.mapOther(c)));
    const tree = (list: CompletenessPartial[]): CompletenessPartial =>
      list.length === 1 ? list[0]! : plan.merge(tree(list.slice(0, list.length >> 1)), tree(list.slice(list.length >> 1)));
    const merged = worker(tree([...otherParts.slice(0, 1), ...parts, ...otherParts.slice(1)]));
    expect(plan.report(merged)).toEqual(one);
  });

  it('moves typed arrays with a transfer list, and the report is plain JSON', async () => {
    const one = await reportOf([whole]);
    const plan = completenessPlan({ meta, period, params, other: otherMeta });
    const mapped = plan.map(whole);
    const transfer = partialTransferList(mapped);
    expect(transfer.length).toBeGreaterThanOrEqual(7); // days, sequence numbers, records, hashes…
    const moved = structuredClone(mapped, { transfer });
    expect(transfer.every((b) => b.byteLength === 0)).toBe(true); // detached: moved, not copied
    const report = plan.report(plan.merge(moved, plan.mapOther(other)));
    expect(report).toEqual(one);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(Object.keys(checkTitles)).toEqual([...checkIds]);
  });

  it('rebuilds the identical plan from a cloned payload (meta, period, params)', () => {
    const a = completenessPlan({ meta, period, params, other: otherMeta });
    const b = completenessPlan(structuredClone({ meta, period, params, other: otherMeta }));
    expect(b.context.params).toEqual(a.context.params);
    expect(b.report(b.map(whole))).toEqual(a.report(a.map(whole)));
  });
});

describe('check contract (every check)', () => {
  const plan: CompletenessPlan = completenessPlan({ meta, period, params, other: otherMeta });
  const ctx = plan.context;
  const [c1, c2] = splitChunk(whole, [211]);

  for (const id of checkIds) {
    const check = checkRegistry[id] as unknown as {
      empty(c: typeof ctx): unknown; map(ch: PopulationChunk, c: typeof ctx): unknown; merge(a: unknown, b: unknown, c: typeof ctx): unknown; finish(p: unknown, c: typeof ctx): unknown;
    };
    it(`${id}: empty is a merge identity, merge does not mutate, order of merge does not matter`, () => {
      const a = check.map(c1!, ctx);
      const b = check.map(c2!, ctx);
      const snapshotA = structuredClone(a);
      const snapshotB = structuredClone(b);
      const ab = check.finish(check.merge(a, b, ctx), ctx);
      expect(a).toEqual(snapshotA);
      expect(b).toEqual(snapshotB);
      expect(check.finish(check.merge(check.empty(ctx), check.merge(a, b, ctx), ctx), ctx)).toEqual(ab);
      expect(check.finish(check.merge(b, a, ctx), ctx)).toEqual(ab);
      expect(check.finish(check.map(whole, ctx), ctx)).toEqual(ab);
    });
  }
});
