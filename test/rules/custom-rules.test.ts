import { describe, expect, it } from 'vitest';
import { compileCustomRules, ruleSet, testPopulation, type Outcome } from '../../src/rules/index.js';
import { chunkOf, ctxOf, type Row } from './helpers/chunk.js';

const changes: Row[] = [
  { change_id: 'CHG1', type: 'normal', requester: 'Ann', approver: 'Bob', approved_at: '2025-01-02T09:00:00Z', deployed_at: '2025-01-02T10:00:00Z', ticket_ref: 'JIRA-12', 'Risk Score': '3' },
  { change_id: 'CHG2', type: 'Emergency', requester: 'ann ', approver: 'ANN', approved_at: '2025-01-06T09:00:00Z', deployed_at: '2025-01-03T10:00:00Z', ticket_ref: 'jira-7', 'Risk Score': '9' },
  { change_id: 'CHG3', type: 'normal', requester: 'Cy', approver: '', approved_at: '', deployed_at: '2025-01-03T10:00:00Z', ticket_ref: 'SN-1', 'Risk Score': '' },
];

function run(rules: unknown, rows: Row[] = changes, zone = 'UTC', holidays: string[] = []): Outcome[][] {
  const compiled = compileCustomRules(typeof rules === 'string' ? rules : JSON.stringify(rules), { kind: 'change', headers: Object.keys(rows[0]!) });
  const set = ruleSet('change', compiled);
  return testPopulation(set, [chunkOf(rows, 'change', { zone })], ctxOf({}, zone, holidays)).items!.map((i) => i.outcomes);
}
const col = (out: Outcome[][], i = 0) => out.map((o) => o[i]!.status);

describe('custom rules: operators', () => {
  it('compares timestamps; a blank value makes the test unknown → an exception saying which field', () => {
    const out = run({ rules: [{ id: 'appr-before', attribute: 'Approved before deployment', test: { '<=': ['approved_at', 'deployed_at'] } }] });
    expect(col(out)).toEqual(['pass', 'exception', 'exception']);
    expect(out[1]![0]).toEqual({ status: 'exception', message: 'Not met: approved_at ≤ deployed_at.', observed: { approved_at: '2025-01-06T09:00:00Z', deployed_at: '2025-01-03T10:00:00Z' } });
    expect(out[2]![0]).toMatchObject({ message: 'Cannot be tested: approved_at is blank or unparseable (test: approved_at ≤ deployed_at).' });
  });

  it('three-valued logic: not(=) with a blank side is unknown, not a pass', () => {
    const out = run([{ id: 'sod', attribute: 'SoD', test: { not: { '=': ['approver', 'requester'], normalize: true } } }]);
    expect(col(out)).toEqual(['pass', 'exception', 'exception']);
    expect(out[1]![0]).toMatchObject({ message: 'Not met: not (approver = requester (ignoring case and spacing)).' });
    expect(out[2]![0]).toMatchObject({ message: expect.stringMatching(/^Cannot be tested: approver is blank/) });
  });

  it('equality without normalize is exact; enum fields compare with lower-cased literals', () => {
    expect(col(run([{ id: 'x', attribute: 'x', test: { '!=': ['approver', 'requester'] } }]))).toEqual(['pass', 'pass', 'exception']);
    expect(col(run([{ id: 'x', attribute: 'x', test: { '=': ['type', { value: 'Emergency' }] } }]))).toEqual(['exception', 'pass', 'exception']);
  });

  it('when=false → not applicable with the given reason', () => {
    const out = run([{ id: 'em', attribute: 'Emergency approved in 2 business days', when: { in: ['type', ['emergency']] }, notApplicable: 'not an emergency change', test: { businessDaysBetween: ['deployed_at', 'approved_at'], max: 2 } }]);
    expect(col(out)).toEqual(['not_applicable', 'pass', 'not_applicable']); // Fri → Mon: 1 business day
    expect(out[0]![0]).toEqual({ status: 'not_applicable', reason: 'not an emergency change' });
  });

  it('business days honour weekends and holidays; calendar days and hours', () => {
    // CHG2: deployed Fri 2025-01-03, approved Mon 2025-01-06 → 1 business day, or 0 when Monday is a holiday.
    const rule = (test: unknown) => [{ id: 'd', attribute: 'd', when: { present: 'approved_at' }, test }];
    expect(run(rule({ businessDaysBetween: ['deployed_at', 'approved_at'], max: 0 }))[1]![0]!.status).toBe('exception');
    expect(run(rule({ businessDaysBetween: ['deployed_at', 'approved_at'], max: 0 }), changes, 'UTC', ['2025-01-06'])[1]![0]!.status).toBe('pass');
    expect(run(rule({ daysBetween: ['deployed_at', 'approved_at'], min: 3, max: 3 }))[1]![0]!.status).toBe('pass');
    expect(col(run(rule({ hoursBetween: ['approved_at', 'deployed_at'], min: 0, max: 1 })))).toEqual(['pass', 'exception', 'not_applicable']);
  });

  it('presence, membership with normalisation, regex with flags, headers as text, and/or', () => {
    const out = run([
      { id: 'p', attribute: 'p', test: { and: [{ present: 'approver' }, { blank: { field: 'pir_at' } }] } },
      { id: 'in', attribute: 'in', test: { in: ['requester', ['ANN', 'cy'], ], normalize: true } },
      { id: 're', attribute: 're', test: { matches: ['ticket_ref', '^jira-\\d+$'], flags: 'i' } },
      { id: 'hdr', attribute: 'hdr', test: { or: [{ '=': ['Risk Score', { value: '3' }] }, { blank: 'Risk Score' }] } },
    ]);
    expect(out.map((o) => o.map((x) => x.status))).toEqual([
      ['pass', 'pass', 'pass', 'pass'],
      ['pass', 'pass', 'pass', 'exception'],
      ['exception', 'pass', 'exception', 'pass'],
    ]);
  });

  it('compares with a date literal read in the calendar zone', () => {
    const rules = [{ id: 'd', attribute: 'd', test: { '<': ['deployed_at', { value: '2025-01-03' }] } }];
    expect(col(run(rules))).toEqual(['pass', 'exception', 'exception']);
    // 2025-01-03 in Tokyo starts at 2025-01-02T15:00Z: CHG1 (10:00Z on the 2nd) is still before it.
    expect(col(run(rules, changes, 'Asia/Tokyo'))).toEqual(['pass', 'exception', 'exception']);
    expect(col(run([{ id: 'd', attribute: 'd', test: { '<': ['deployed_at', { value: '2025-01-02T19:00:00' }] } }], changes, 'Asia/Tokyo'))).toEqual(['exception', 'exception', 'exception']);
  });

  it('renders a message template and shows the fields it names', () => {
    const out = run([{ id: 't', attribute: 't', test: { present: 'approver' }, message: 'Change {change_id} has no approver (requested by {requester}).' }]);
    expect(out[2]![0]).toEqual({ status: 'exception', message: 'Change CHG3 has no approver (requested by Cy).', observed: { approver: null, change_id: 'CHG3', requester: 'Cy' } });
  });

  it('manual rules produce an empty column to tick, or not applicable', () => {
    const out = run([{ id: 'm', attribute: 'CAB minutes inspected', manual: true, evidence: 'Inspect the CAB minutes.', when: { '!=': ['type', { value: 'emergency' }] } }]);
    expect(out.map((o) => o[0])).toEqual([
      { status: 'manual', evidence: 'Inspect the CAB minutes.' },
      { status: 'not_applicable', reason: 'not applicable: type ≠ "emergency" is false' },
      { status: 'manual', evidence: 'Inspect the CAB minutes.' },
    ]);
  });

  it('runs beside the built-ins with letters continuing the matrix', () => {
    const custom = compileCustomRules([{ id: 'cab', attribute: 'CAB', test: { present: 'approver' } }], { kind: 'change' });
    const set = ruleSet('change', custom);
    expect(set.attributes[0]).toMatchObject({ attribute: 'A', label: 'A — CAB', origin: 'custom', description: 'Passes when approver is present.' });
  });
});

describe('custom rules: validation errors point at the rule and the JSON path', () => {
  const compile = (rules: unknown, headers: string[] = []) => compileCustomRules(JSON.stringify(rules), { kind: 'change', headers });
  const errorOf = (fn: () => unknown) => {
    try { fn(); } catch (err) { return err as { code: string; details: { rule: string; path: string; message: string } }; }
    throw new Error('expected an error');
  };

  it.each([
    [{ rules: [{ id: 'a', attribute: 'A', test: { '<=': ['aproved_at', 'deployed_at'] } }] }, 'a', '$.rules[0].test["<="][0]', /unknown field "aproved_at"; did you mean "approved_at"\?/],
    [{ rules: [{ id: 'a', attribute: 'A', test: { '<=': ['approved_at', 'deployed_at'], strict: true } }] }, 'a', '$.rules[0].test.strict', /unknown key "strict" in a "<=" condition; allowed: normalize/],
    [{ rules: [{ id: 'a', attribute: 'A', test: { present: 'approver', blank: 'approver' } }] }, 'a', '$.rules[0].test', /exactly one operator/],
    [{ rules: [{ id: 'a', attribute: 'A', test: { '<': ['approved_at', 5] } }] }, 'a', '$.rules[0].test["<"][1]', /must be an ISO 8601 date/],
    [{ rules: [{ id: 'a', attribute: 'A', test: { '<': ['approver', 'deployed_at'] } }] }, 'a', '$.rules[0].test["<"]', /both sides must have the same type/],
    [{ rules: [{ id: 'a', attribute: 'A', test: { matches: ['deployed_at', 'x'] } }] }, 'a', '$.rules[0].test.matches[0]', /applies to text fields/],
    [{ rules: [{ id: 'a', attribute: 'A', test: { matches: ['approver', 'x'], flags: 'g' } }] }, 'a', '$.rules[0].test.flags', /flags are "i", "u" or "iu"/],
    [{ rules: [{ id: 'a', attribute: 'A', test: { matches: ['approver', '(unclosed'] } }] }, 'a', '$.rules[0].test.matches[1]', /invalid pattern/],
    [{ rules: [{ id: 'a', attribute: 'A', test: { daysBetween: ['approved_at', 'deployed_at'] } }] }, 'a', '$.rules[0].test', /needs "min", "max" or both/],
    [{ rules: [{ id: 'a', attribute: 'A' }] }, 'a', '$.rules[0].test', /needs a "test" condition/],
    [{ rules: [{ id: 'a', attribute: 'A', test: { present: 'approver' }, colour: 'red' }] }, 'a', '$.rules[0].colour', /unknown key "colour"/],
    [{ rules: [{ id: 'bad id!', attribute: 'A', test: { present: 'approver' } }] }, '#1', '$.rules[0].id', /the id is 1–64/],
    [{ rules: [{ id: 'a', attribute: 'A', test: { present: 'approver' } }, { id: 'a', attribute: 'B', test: { present: 'approver' } }] }, 'a', '$.rules[1].id', /duplicate rule id/],
    [{ rules: [{ id: 'a', attribute: 'A', test: { present: 'approver' }, message: 'by {nobody}' }] }, 'a', '$.rules[0].message', /unknown field "nobody"/],
    [{ rules: [{ id: 'a', attribute: 'A', test: { in: ['approver', []] } }] }, 'a', '$.rules[0].test.in[1]', /1 to 1000 values/],
  ])('%#: refuses %j', (rules, rule, path, message) => {
    const err = errorOf(() => compile(rules));
    expect(err.code).toBe('TM_ERR_BAD_RULE');
    expect(err.details.rule).toBe(rule);
    expect(err.details.path).toBe(path);
    expect(err.details.message).toMatch(message);
  });

  it('accepts a header only when the population has it', () => {
    const rules = [{ id: 'h', attribute: 'h', test: { present: 'CAB Minutes' } }];
    expect(errorOf(() => compile(rules)).details.message).toMatch(/unknown field "CAB Minutes"/);
    expect(compile(rules, ['CAB Minutes'])).toHaveLength(1);
  });

  it('refuses invalid JSON text with the parser message', () => {
    const err = errorOf(() => compileCustomRules('{"rules": [', { kind: 'change' }));
    expect(err.details).toMatchObject({ rule: '(rules)', path: '$' });
    expect(err.details.message).toMatch(/not valid JSON/);
  });
});
