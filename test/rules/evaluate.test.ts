import { describe, expect, it } from 'vitest';
import {
  emptyPartial, finishTest, mergeTestPartials, ruleSetFromSpec, testChunk, testPopulation, type RuleSet, type TestContext, type TestRun,
} from '../../src/rules/index.js';
import type { PopulationChunk } from '../../src/population/types.js';
import { chunkOf, ctxOf, splitChunk, type Row } from './helpers/chunk.js';

/** A small deterministic generator (mulberry32), so the populations are the same on every run. */
function rng(seed: number) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function changeRows(n: number): Row[] {
  const r = rng(7);
  const people = ['Ann', 'ann ', 'Bob', 'Cy', 'J.Smith', 'j.smith'];
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const deployed = Date.UTC(2025, 0, 1) + Math.floor(r() * 300) * 86_400_000 + Math.floor(r() * 86_400_000);
    const approvedOffset = (r() - 0.8) * 3 * 86_400_000;
    return {
      change_id: `CHG${String(i + 1).padStart(4, '0')}`,
      type: pick(['normal', 'normal', 'standard', 'emergency', '']),
      requester: pick(people), approver: r() < 0.1 ? '' : pick(people), implementer: pick(people),
      approved_at: r() < 0.05 ? 'garbage' : new Date(deployed + approvedOffset).toISOString(),
      deployed_at: r() < 0.03 ? '' : new Date(deployed).toISOString(),
      test_evidence: r() < 0.1 ? '' : 'TST', pir_at: r() < 0.5 ? '' : new Date(deployed + Math.floor(r() * 10) * 86_400_000).toISOString(),
      ticket_ref: r() < 0.1 ? '' : `JIRA-${i}`,
    };
  });
}

const custom = { rules: [{ id: 'cab-window', attribute: 'Approved within 2 days before deployment', when: { present: 'approved_at' }, test: { daysBetween: ['approved_at', 'deployed_at'], min: 0, max: 2 } }] };

/** Map each chunk (through structuredClone, as a worker would return it), merge in order, finish. */
function viaWorkers(set: RuleSet, chunks: PopulationChunk[], ctx: TestContext): TestRun {
  const partials = chunks.map((c) => structuredClone(testChunk(set, c, structuredClone(ctx))));
  const merged = partials.reduce((a, b) => mergeTestPartials(a, b), emptyPartial(set, ctx.scope, ctx.items ?? ctx.scope === 'sample'));
  return finishTest(set, structuredClone(merged), ctx);
}

describe('chunking invariance', () => {
  const set = ruleSetFromSpec({ kind: 'change', params: ['preapproved_types=standard', 'pir_days=3bd'], custom });
  const whole = chunkOf(changeRows(120), 'change');

  it('one chunk and three chunks give the same findings, counts and items (population scope)', () => {
    const ctx = ctxOf({ items: true }, 'UTC', ['2025-07-04']);
    const one = testPopulation(set, [whole], ctx);
    const three = viaWorkers(set, splitChunk(whole, [17, 61]), ctx);
    expect(three).toEqual(one);
    expect(one.findings.length).toBeGreaterThan(30);
    expect(one.overall.items).toBe(120);
    // per attribute: tested + N/A + manual covers every item
    for (const a of one.attributes) expect(a.tested + a.notApplicable + a.manual).toBe(120);
  });

  it('the same holds for a sample, whatever the chunking', () => {
    const ctx = ctxOf({ scope: 'sample', sample: [119, 3, 58, 59, 60, 1, 500] });
    const one = testPopulation(set, [whole], ctx);
    const three = viaWorkers(set, splitChunk(whole, [2, 57]), ctx);
    expect(three).toEqual(one);
    expect(one.items!.map((i) => i.record)).toEqual([1, 3, 58, 59, 60, 119]);
    expect(one.unmatchedSample).toEqual([500]);
    expect(one.overall.items).toBe(6);
  });

  it('population-level rules give the same outcomes and missing items whatever the chunking', () => {
    const r = rng(3);
    const reviews: Row[] = Array.from({ length: 40 }, (_, i) => ({
      review_id: `R${i}`, system: ['ERP', 'CRM', 'erp ', 'HR'][Math.floor(r() * 4)], period: `2025-Q${1 + Math.floor(r() * 4)}`,
      period_end: '2025-03-31', reviewer: 'rev', reviewed_user: r() < 0.1 ? 'Rev' : 'user', completed_at: '2025-04-05T00:00:00Z',
    }));
    const rs = ruleSetFromSpec({ kind: 'access_review', params: ['expected_periods=2025-Q1|2025-Q2|2025-Q3|2025-Q4|2026-Q1'] });
    const chunk = chunkOf(reviews, 'access_review');
    const ctx = ctxOf({ items: true });
    const one = testPopulation(rs, [chunk], ctx);
    const three = viaWorkers(rs, splitChunk(chunk, [13, 13]), ctx);
    expect(three).toEqual(one);
    expect(one.attributes[0]!.deviations).toBeGreaterThan(10);
    expect(one.attributes[0]!.missing).toBe(3); // 2026-Q1 for each of the three systems
  });
});

describe('scopes and summaries', () => {
  const rows: Row[] = [
    { change_id: 'C1', type: 'normal', requester: 'a', approver: 'b', implementer: 'c', approved_at: '2025-01-01T00:00:00Z', deployed_at: '2025-01-02T00:00:00Z', test_evidence: 'T', ticket_ref: 'J' },
    { change_id: 'C2', type: 'normal', requester: 'a', approver: 'A', implementer: 'b', approved_at: '2025-01-03T00:00:00Z', deployed_at: '2025-01-02T00:00:00Z', test_evidence: 'T', ticket_ref: 'J' },
    { change_id: 'C3', type: 'standard', requester: 'a', approver: '', implementer: 'c', approved_at: '', deployed_at: '2025-01-02T00:00:00Z', test_evidence: '', ticket_ref: 'J' },
  ];
  const set = ruleSetFromSpec({ kind: 'change' });

  it('returns per-attribute tested / deviations / not applicable / manual and overall item counts', () => {
    const run = testPopulation(set, [chunkOf(rows, 'change')], ctxOf({ items: false }));
    const byRule = Object.fromEntries(run.attributes.map((a) => [a.rule, [a.tested, a.deviations, a.notApplicable, a.manual]]));
    expect(byRule).toEqual({
      'change.approval_present': [2, 0, 1, 0],
      'change.approved_before_deploy': [2, 1, 1, 0],
      'change.approver_not_requester': [2, 1, 1, 0],
      'change.approver_not_implementer': [2, 0, 1, 0],
      'change.tested_before_deploy': [3, 1, 0, 0],
      'change.emergency_pir': [0, 0, 0, 3], // pir_at not in the population: inspect
      'change.ticket_linked': [3, 0, 0, 0],
      'change.testing_inspected': [0, 0, 0, 3],
    });
    expect(run.overall).toEqual({ items: 3, tested: 3, deviations: 2, notApplicable: 0, manual: 3, missing: 0 });
    expect(run.items).toBeUndefined();
    expect(run.findings.map((f) => `${f.record}${f.attribute}`)).toEqual(['2B', '2C', '3E']);
    expect(run.findings[0]).toMatchObject({ type: 'item', key: 'C2', record: 2, line: 3, rule: 'change.approved_before_deploy', status: 'exception' });
  });

  it('refuses a sample scope without sample records', () => {
    expect(() => testChunk(set, chunkOf(rows, 'change'), ctxOf({ scope: 'sample' }))).toThrow(/needs the sampled record numbers/);
  });

  it('refuses to merge partials of different rule sets', () => {
    const other = ruleSetFromSpec({ kind: 'change', only: ['change.ticket_linked'] });
    const c = chunkOf(rows, 'change');
    expect(() => mergeTestPartials(testChunk(set, c, ctxOf()), testChunk(other, c, ctxOf()))).toThrow(/different rule sets/);
  });

  it('uses a content key when the key field is blank', () => {
    const run = testPopulation(set, [chunkOf([{ ...rows[1]!, change_id: '' }], 'change')], ctxOf());
    expect(run.findings[0]!.key).toMatch(/^#[0-9a-f]{64}$/);
  });
});

describe('rule sets from specs', () => {
  it('selects and drops rules by id and refuses unknown ids', () => {
    expect(ruleSetFromSpec({ kind: 'ticket', exclude: ['ticket.response_inspected'] }).attributes.map((a) => a.attribute + a.rule)).toEqual(['Aticket.acknowledged_within_sla', 'Bticket.resolved_within_sla', 'Cticket.postmortem_present']);
    expect(() => ruleSetFromSpec({ kind: 'ticket', only: ['ticket.nope'] })).toThrow(/lists rule ids/);
  });

  it('refuses a custom rule that reuses a built-in id', () => {
    expect(() => ruleSetFromSpec({ kind: 'ticket', custom: [{ id: 'ticket.postmortem_present', attribute: 'x', test: { present: 'owner' } }] })).toThrow(/duplicate rule id/);
  });

  it('generic populations run custom rules on their headers only', () => {
    const set = ruleSetFromSpec({ kind: 'generic', headers: ['Ref', 'Signed'], custom: [{ id: 'signed', attribute: 'Signed', test: { in: ['Signed', ['yes', 'y']], normalize: true } }] });
    const run = testPopulation(set, [chunkOf([{ Ref: 'a', Signed: 'YES' }, { Ref: 'b', Signed: 'no' }], 'generic')], ctxOf());
    expect(run.items!.map((i) => i.outcomes[0]!.status)).toEqual(['pass', 'exception']);
  });

  it('letters go past Z', async () => {
    const { attributeLetter } = await import('../../src/rules/index.js');
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(attributeLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
