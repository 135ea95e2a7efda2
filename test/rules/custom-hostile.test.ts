import { afterEach, describe, expect, it } from 'vitest';
import { compileCustomRules, customRuleLimits, ruleSet, testPopulation } from '../../src/rules/index.js';
import { chunkOf, ctxOf } from './helpers/chunk.js';

function refusal(input: unknown, headers: string[] = []): { code: string; details: { rule: string; path: string; message: string } } {
  try {
    compileCustomRules(input, { kind: 'change', headers });
  } catch (err) {
    const e = err as { code: string; details: { rule: string; path: string; message: string } };
    return { code: e.code, details: e.details };
  }
  throw new Error('expected the rules to be refused');
}

const ok = { id: 'a', attribute: 'A', test: { present: 'approver' } };

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
});

describe('hostile custom rules are refused without hanging', () => {
  it('refuses a __proto__ key (text and parsed), leaving Object.prototype clean', () => {
    const text = '{"rules":[{"id":"a","attribute":"A","test":{"present":"approver"},"__proto__":{"polluted":"yes"}}]}';
    const r = refusal(text);
    expect(r).toMatchObject({ code: 'TM_ERR_BAD_RULE', details: { rule: 'a', path: '$.rules[0].__proto__' } });
    expect(r.details.message).toBe('the key "__proto__" is not allowed');
    const parsed = JSON.parse(text);
    expect(refusal(parsed).details.path).toBe('$.rules[0].__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses constructor / prototype keys anywhere', () => {
    expect(refusal('{"rules":[{"constructor":{"prototype":{"polluted":1}}}]}').details).toMatchObject({ rule: '#1', path: '$.rules[0].constructor' });
    expect(refusal('{"rules":[{"id":"a","attribute":"A","test":{"not":{"prototype":1}}}]}').details.path).toBe('$.rules[0].test.not.prototype');
  });

  it('refuses prototype names used as field names', () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const r = refusal({ rules: [{ id: 'a', attribute: 'A', test: { present: name } }] }, [name]);
      expect(r.details).toMatchObject({ rule: 'a', path: '$.rules[0].test.present', message: `"${name}" cannot be used as a field name` });
    }
  });

  it('refuses values that are not plain JSON', () => {
    expect(refusal({ rules: [Object.create({ inherited: 1 })] }).details.message).toBe('only plain JSON objects are accepted');
    expect(refusal({ rules: [{ ...ok, test: { daysBetween: ['approved_at', 'deployed_at'], max: Infinity } }] }).details).toMatchObject({ path: '$.rules[0].test.max', message: 'numbers must be finite' });
    expect(refusal({ rules: [new Date()] }).details.message).toBe('only plain JSON objects are accepted');
  });

  it('refuses 1000 levels of nesting (text and object) quickly, without a stack overflow', () => {
    const depth = 1000;
    const text = `{"rules":[{"id":"deep","attribute":"Deep","test":${'{"not":'.repeat(depth)}{"present":"approver"}${'}'.repeat(depth)}}]}`;
    const r = refusal(text);
    expect(r.code).toBe('TM_ERR_BAD_RULE');
    expect(r.details.rule).toBe('deep');
    expect(r.details.message).toBe(`the rules are nested deeper than ${customRuleLimits.maxDepth} levels`);
    let node: unknown = { present: 'approver' };
    for (let i = 0; i < 100_000; i++) node = { not: node };
    expect(refusal({ rules: [{ id: 'deep', attribute: 'Deep', test: node }] }).details.rule).toBe('deep');
    const arrays = '['.repeat(30_000) + ']'.repeat(30_000);
    expect(refusal(arrays).details.message).toMatch(/nested deeper than 32/);
  });

  it('accepts nesting within the limit', () => {
    let test: unknown = { present: 'approver' };
    for (let i = 0; i < 25; i++) test = { not: test };
    expect(compileCustomRules({ rules: [{ id: 'ok', attribute: 'OK', test }] }, { kind: 'change' })).toHaveLength(1);
  });

  it('refuses a 10 kB regex and rule JSON over the size limit', () => {
    const r = refusal({ rules: [{ ...ok, test: { matches: ['approver', 'a'.repeat(10_240)] } }] });
    expect(r.details).toMatchObject({ rule: 'a', path: '$.rules[0].test.matches[1]', message: 'the pattern is 10240 characters; the limit is 1000' });
    const big = JSON.stringify({ rules: [{ ...ok, description: 'x'.repeat(70_000) }] });
    expect(refusal(big).details.message).toMatch(/the rule JSON is \d+ bytes; the limit is 65536/);
    expect(refusal({ rules: [{ ...ok, description: 'x'.repeat(70_000) }] }).details.message).toMatch(/larger than 65536 bytes/);
  });

  it.each(['(a+)+$', '(a|a)*$', '(.*)*x', '^(\\w|\\d)+$', '(a|ab)+c', '(x+x+)+y', '((ab)*)+', '(a?)*b', '(a|)+b', '(\\1)', '(?<n>a)\\k<n>'])('refuses the backtracking hazard %s at compile time', (pattern) => {
    const r = refusal({ rules: [{ ...ok, test: { matches: ['approver', pattern] } }] });
    expect(r.details.path).toBe('$.rules[0].test.matches[1]');
    expect(r.details.message).toMatch(/backtracking hazard|backreference/);
  });

  it('refuses more rules than the limit', () => {
    const rules = Array.from({ length: 101 }, (_, i) => ({ ...ok, id: `r${i}` }));
    expect(refusal({ rules }).details.message).toBe('101 rules; the limit is 100');
  });

  it('runs a regex on at most 10 000 characters of a value', () => {
    const rules = compileCustomRules({ rules: [{ id: 're', attribute: 're', test: { matches: ['title', '^a+$'] } }] }, { kind: 'change' });
    const chunk = chunkOf([{ change_id: 'C1', deployed_at: '2025-01-01T00:00:00Z', title: 'a'.repeat(10_000) + 'b' }, { change_id: 'C2', deployed_at: '2025-01-01T00:00:00Z', title: 'a'.repeat(9_999) + 'b' }], 'change');
    const run = testPopulation(ruleSet('change', rules), [chunk], ctxOf());
    expect(run.items!.map((i) => i.outcomes[0]!.status)).toEqual(['pass', 'exception']);
    expect(run.findings[0]!.observed.title).toHaveLength(201);
  });
});
