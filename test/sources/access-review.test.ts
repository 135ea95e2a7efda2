/**
 * Access reviews exported one row per reviewed account: the bundled clean fixture has no
 * deviation, and the GRC line-item export is keyed and sampled by its unit (the reviewed account
 * line), with its known defects found and nothing else.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { tickmark, tickmarkJson } from './cli.js';

describe('access reviews, one row per reviewed account', () => {
  it('the bundled clean fixture gives no deviation', async () => {
    const dir = tempDir();
    const r = await tickmark('test', 'fixtures/access_review/good.csv', '--kind', 'access_review', '--all', '--data-dir', join(dir, 'data'), '--workers', '0', '--json');
    expect(r.code).toBe(0);
    const run = JSON.parse(r.out);
    expect([run.overall.items, run.overall.deviations, run.findings]).toEqual([16, 0, []]);
    expect(run.attributes[0]).toMatchObject({ rule: 'access_review.one_per_period', tested: 16, deviations: 0 });
  });

  it('the GRC export: its unit is the reviewed account line, its defects are found', async () => {
    const dir = tempDir();
    const data = ['--data-dir', join(dir, 'data'), '--workers', '0'];
    const file = 'fixtures/sources/grc-access-review/access-review.csv';
    const pop = await tickmarkJson('ingest', file, ...data);
    expect([pop.key, pop.unit]).toEqual([['review_id', 'reviewed_user'], 'item']);
    const run = await tickmarkJson('test', pop.id, '--all', '--period', '2025-01-01..2025-12-31', ...data);
    const byRule = Object.fromEntries(run.attributes.map((a: { rule: string; tested: number; deviations: number }) => [a.rule, [a.tested, a.deviations]]));
    expect(byRule).toMatchObject({ 'access_review.one_per_period': [72, 0], 'access_review.reviewer_independent': [72, 1], 'access_review.completed_on_time': [72, 0], 'access_review.revocations_within_days': [8, 2] });
    expect(run.findings.map((f: { key: string; rule: string }) => `${f.key} ${f.rule}`)).toEqual([
      'UAR-2025-Q1-LEDGER\u001fnina.ramos@acme.example access_review.revocations_within_days', // 45 days after completion
      'UAR-2025-Q2-LEDGER\u001fzoe.liu@acme.example access_review.revocations_within_days', // decided Revoke, never revoked
      'UAR-2025-Q2-LEDGER\u001fsam.okafor@acme.example access_review.reviewer_independent', // the reviewer reviewed himself
    ]);
    const sample = await tickmarkJson('sample', pop.id, '--seed', '7', '--size', '10', ...data);
    const keys = sample.items.map((i: { key: string }) => i.key);
    expect(new Set(keys).size).toBe(10);
    for (const k of keys) expect(k).toMatch(/^UAR-2025-Q\d-(PAYMENTS|LEDGER)\u001f[a-z]+\.[a-z]+@acme\.example$/);
  });
});
