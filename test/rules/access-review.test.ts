import { describe, expect, it } from 'vitest';
import { ruleSetFromSpec, testPopulation } from '../../src/rules/index.js';
import { chunkOf, ctxOf, splitChunk } from './helpers/chunk.js';
import { runAll, runRule, statuses } from './helpers/run.js';

const base = {
  review_id: 'R1', period: '2025-Q1', period_end: '2025-03-31', system: 'ERP', reviewer: 'Owner One', reviewed_user: 'jdoe', owner: 'Owner One',
  completed_at: '2025-04-10T12:00:00Z', revocations: '2', revoked_at: '2025-04-20T12:00:00Z',
};
const row = (over: Record<string, string>) => ({ ...base, ...over });

describe('access_review.one_per_period (population level)', () => {
  const rows = [
    row({}),
    row({ review_id: 'R2', period: '2025-Q2' }),
    row({ review_id: 'R3', period: '2025-q2 ', system: ' erp' }), // same group once case and spacing are ignored
    row({ review_id: 'R4', system: 'CRM' }),
    row({ review_id: 'R5', period: '' }),
  ];

  it('flags every review in a (system, period) with more than one review; N/A without a period', () => {
    const run = runAll('access_review', rows, { only: ['access_review.one_per_period'] });
    expect(run.items!.map((i) => i.outcomes[0]!.status)).toEqual(['pass', 'exception', 'exception', 'pass', 'not_applicable']);
    expect(run.items![1]!.outcomes[0]).toEqual({
      status: 'exception',
      message: '2 reviews of system "ERP" for period "2025-Q2" (records 2, 3; review ids R2, R3); one is expected.',
      observed: { system: 'ERP', period: '2025-Q2', reviews: 2, review_ids: 'R2; R3', signoffs: 'owner one on 2025-04-10' },
    });
    expect(run.attributes[0]).toMatchObject({ tested: 4, deviations: 2, notApplicable: 1, missing: 0 });
  });

  it('counts the lines of one review once: one row per reviewed account, whatever the line ids', () => {
    const lines = [
      // Per-line ids, one sign-off (the bundled fixture's shape): one review.
      row({ review_id: 'L1', reviewed_user: 'li.wei', completed_at: '2025-04-08T10:00:00Z' }),
      row({ review_id: 'L2', reviewed_user: 'tom.becker', completed_at: '2025-04-08T11:00:00Z' }),
      // One campaign id split among managers signing off on different days: one review.
      row({ review_id: 'C9', system: 'CRM', reviewer: 'mgr.a', reviewed_user: 'u1', completed_at: '2025-04-02T10:00:00Z' }),
      row({ review_id: 'C9', system: 'CRM', reviewer: 'mgr.b', reviewed_user: 'u2', completed_at: '2025-04-05T10:00:00Z' }),
      row({ review_id: 'C9', system: 'CRM', reviewer: 'mgr.b', reviewed_user: 'u2', completed_at: '2025-04-05T10:00:00Z' }), // a second entitlement of u2
      // Two campaigns of HR in Q1, different reviewers and days: two reviews.
      row({ review_id: 'H1', system: 'HR', reviewer: 'r1', reviewed_user: 'x', completed_at: '2025-04-02T10:00:00Z' }),
      row({ review_id: 'H2', system: 'HR', reviewer: 'r2', reviewed_user: 'y', completed_at: '2025-04-09T10:00:00Z' }),
    ];
    const run = runAll('access_review', lines, { only: ['access_review.one_per_period'] });
    expect(run.items!.map((i) => i.outcomes[0]!.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'exception', 'exception']);
    expect(run.items![5]!.outcomes[0]).toMatchObject({ observed: { system: 'HR', reviews: 2, review_ids: 'H1; H2' } });
  });

  it('lists expected periods without a review as missing-item findings', () => {
    const run = runAll('access_review', rows, { only: ['access_review.one_per_period'], params: ['expected_periods=2025-Q1|2025-Q2|2025-Q3'] });
    const missing = run.findings.filter((f) => f.type === 'missing');
    expect(missing.map((f) => f.message)).toEqual([
      'No review of system "CRM" for period "2025-Q2".',
      'No review of system "CRM" for period "2025-Q3".',
      'No review of system "ERP" for period "2025-Q3".',
    ]);
    expect(missing[0]).toMatchObject({ record: null, line: null, attribute: 'A', key: 'CRM\u001f2025-Q2' });
    expect(run.attributes[0]!.missing).toBe(3);
    expect(run.overall.missing).toBe(3);
    expect(run.findings.at(-1)!.type).toBe('missing');
  });

  it('counts duplicates outside the sample: a sampled review is an exception when its twin was not sampled', () => {
    const set = ruleSetFromSpec({ kind: 'access_review', only: ['access_review.one_per_period'] });
    const chunks = splitChunk(chunkOf(rows, 'access_review'), [2]);
    const run = testPopulation(set, chunks, ctxOf({ scope: 'sample', sample: [2, 4, 99] }));
    expect(run.items!.map((i) => [i.record, i.outcomes[0]!.status])).toEqual([[2, 'exception'], [4, 'pass']]);
    expect(run.unmatchedSample).toEqual([99]);
  });

  it('is manual when the period is not in the population', () => {
    const { period, ...rest } = base;
    void period;
    expect(statuses(runRule('access_review', 'access_review.one_per_period', [rest]))).toEqual(['manual']);
  });
});

describe('access_review.reviewer_independent', () => {
  it('flags a reviewer who is the reviewed user (case/space-insensitive); N/A with nothing to compare', () => {
    const out = runRule('access_review', 'access_review.reviewer_independent', [
      row({}),
      row({ review_id: 'R2', reviewer: 'JDoe ', reviewed_user: 'jdoe' }),
      row({ review_id: 'R3', reviewer: '' }),
      row({ review_id: 'R4', reviewed_user: '' }),
    ]);
    expect(statuses(out)).toEqual(['pass', 'exception', 'exception', 'not_applicable']);
  });

  it('also compares with the owner when reviewer_not lists it', () => {
    const out = runRule('access_review', 'access_review.reviewer_independent', [row({})], { params: ['reviewer_not=reviewed_user|owner'] });
    expect(out[0]).toMatchObject({ status: 'exception', message: 'The reviewer "Owner One" is also the owner "Owner One".' });
  });
});

describe('access_review.completed_on_time', () => {
  it('measures from the period end; handles blank, unparseable and early completion', () => {
    const out = runRule('access_review', 'access_review.completed_on_time', [
      row({}),
      row({ review_id: 'R2', completed_at: '2025-03-25T12:00:00Z' }),
      row({ review_id: 'R3', completed_at: '2025-05-01T00:00:00Z' }),
      row({ review_id: 'R4', completed_at: '' }),
      row({ review_id: 'R5', completed_at: '2025-02-30' }),
      row({ review_id: 'R6', period_end: '' }),
    ], { params: ['review_days=30'] });
    expect(statuses(out)).toEqual(['pass', 'pass', 'exception', 'exception', 'exception', 'not_applicable']);
    expect(out[2]).toMatchObject({ message: 'Completed 31 calendar days after the period end; the limit is 30 calendar days.' });
    expect(out[3]).toMatchObject({ message: 'The review is not completed (completed_at is blank).' });
  });

  it('uses business days across a weekend and a holiday when asked', () => {
    // Period end Monday 2025-03-31; Friday 2025-04-04 a holiday; limit 5 business days: Tue..Thu (3), Mon 7 (4), Tue 8 (5).
    const out = runRule('access_review', 'access_review.completed_on_time', [row({ completed_at: '2025-04-08T12:00:00Z' }), row({ review_id: 'R2', completed_at: '2025-04-09T12:00:00Z' })], { params: ['review_days=5bd'], holidays: ['2025-04-04'] });
    expect(statuses(out)).toEqual(['pass', 'exception']);
  });
});

describe('access_review.revocations_within_days', () => {
  it('times revocations from completion; N/A with no revocations', () => {
    const out = runRule('access_review', 'access_review.revocations_within_days', [
      row({}),
      row({ review_id: 'R2', revoked_at: '2025-05-20T12:00:00Z' }),
      row({ review_id: 'R3', revocations: '0', revoked_at: '' }),
      row({ review_id: 'R4', revocations: '', revoked_at: '' }),
      row({ review_id: 'R5', revocations: '3', revoked_at: '' }),
      row({ review_id: 'R6', revocations: 'some', revoked_at: '' }),
      row({ review_id: 'R7', completed_at: '' }),
    ], { params: ['revoke_days=10'] });
    expect(statuses(out)).toEqual(['pass', 'exception', 'not_applicable', 'not_applicable', 'exception', 'exception', 'exception']);
    expect(out[1]).toMatchObject({ message: 'Revocations carried out 40 calendar days after the review was completed; the limit is 10 calendar days.', observed: { revocations: 2, elapsed_days: 40 } });
    expect(out[4]).toMatchObject({ message: '3 revocations were requested but no revocation date is recorded.' });
    expect(out[6]).toMatchObject({ message: 'Revocations were requested but the review has no completion date (completed_at is blank).' });
  });
});

describe('access_review manual attribute', () => {
  it('is manual', () => {
    expect(statuses(runRule('access_review', 'access_review.evidence_complete', [row({})]))).toEqual(['manual']);
  });
});
