/** The test matrix as data: rows in draw order with their outcomes, cells in words, exceptions now. */
import { describe, expect, it } from 'vitest';
import type { AttributeSummary, SampleView, TestRunView } from '../../src/web/api/types.js';
import { setMark, setOverride, addException, emptyEntries } from '../../src/web/model/entries.js';
import { cellView, exceptionsOf, matrixRows, outcomeReason } from '../../src/web/model/matrix.js';

const attributes = [
  { attribute: 'A', mode: 'automated' },
  { attribute: 'B', mode: 'automated' },
  { attribute: 'H', mode: 'manual' },
] as AttributeSummary[];

const late = { status: 'exception' as const, message: 'Approved 11 hours after the deployment', observed: { approved_at: '2025-01-28T10:58:43Z' } };
const run = { run: { items: [
  { key: 'CHG0000041', record: 39, line: 40, outcomes: [{ status: 'pass' }, late, { status: 'manual', evidence: 'Inspect the test evidence' }], deviation: true },
  { key: 'CHG0000317', record: 307, line: 310, outcomes: [{ status: 'not_applicable', reason: 'standard change' }, { status: 'pass' }, { status: 'manual', evidence: 'Inspect' }], deviation: false },
] } } as unknown as TestRunView;
const sample = { selection: { items: [{ order: 2, key: 'CHG0000041', record: 39 }, { order: 1, key: 'CHG0000317', record: 307 }] } } as unknown as SampleView;

describe('the matrix', () => {
  it('lists the items in draw order with the outcomes of their record and key', () => {
    const rows = matrixRows(run, sample);
    expect(rows.map((r) => [r.order, r.key, r.outcomes[0]!.status])).toEqual([[1, 'CHG0000317', 'not_applicable'], [2, 'CHG0000041', 'pass']]);
  });

  it('says what a cell holds in words: the rule, an override beside it, a mark or nothing yet', () => {
    expect(cellView(late, 'automated', undefined, undefined)).toEqual({ symbol: 'X', text: 'exception', tone: 'bad' });
    expect(cellView(late, 'automated', undefined, { mark: '✓', reason: 'approved by e-mail first' }).text).toBe('exception, overridden to ticked: approved by e-mail first');
    expect(cellView(undefined, 'manual', undefined, undefined)).toEqual({ symbol: '·', text: 'not marked yet', tone: 'pending' });
    expect(cellView(undefined, 'manual', 'N/A', undefined).text).toBe('not applicable');
    expect(outcomeReason(late)).toBe('Approved 11 hours after the deployment');
    expect(outcomeReason({ status: 'not_applicable', reason: 'standard change' })).toBe('standard change');
  });

  it("names an item's exceptions now: the rule's unless overridden away, a mark X, an added one", () => {
    const [, second] = matrixRows(run, sample);
    const ref = { order: 2, key: 'CHG0000041' };
    expect(exceptionsOf(second!, attributes, emptyEntries())).toEqual(['B']);
    expect(exceptionsOf(second!, attributes, setOverride(emptyEntries(), ref, 'B', { mark: '✓', reason: 'e-mail approval' }))).toEqual([]);
    expect(exceptionsOf(second!, attributes, setMark(emptyEntries(), ref, 'H', 'X'))).toEqual(['B', 'H']);
    expect(exceptionsOf(second!, attributes, addException(emptyEntries(), ref, 'A', 'approval missing in the tool'))).toEqual(['B', 'A']);
  });
});
