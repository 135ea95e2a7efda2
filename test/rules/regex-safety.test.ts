import { describe, expect, it } from 'vitest';
import { regexHazard } from '../../src/rules/index.js';

describe('regexHazard: a cheap star-height / overlap screen', () => {
  it.each([
    '^CHG\\d{7}$', '^(JIRA|SN)-\\d+$', '(foo|bar)*', '\\d{1,3}(\\.\\d{1,3}){3}', '^[A-Z]{2,4}-[0-9]+$', 'a*b*c*', '[a-z]+@[a-z]+\\.com',
    '(?:ab)+', '^(?=.*\\d)[a-z0-9]+$', '\\bprod\\b', '[(]a+[)]', '(a|b|c)+', '\\p{L}+', '(?<year>\\d{4})-\\d{2}',
  ])('accepts %s', (pattern) => {
    expect(regexHazard(pattern, pattern.includes('\\p') ? 'u' : '')).toBeNull();
  });

  it.each([
    ['(a+)+', /nested quantifier/],
    ['(.*)*', /nested quantifier/],
    ['(\\d+\\.)*', /nested quantifier/],
    ['(a{1,3}){1,20}', /nested quantifier/],
    ['(?:a*)+', /nested quantifier/],
    ['(a|a)*', /same character/],
    ['(a|ab)+', /same character/],
    ['(\\w|\\d)*', /same character/],
    ['(.|x)+', /same character/],
    ['([a-c]|b)+', /same character/],
    ['(a|)+', /match nothing/],
    ['(a?)*', /match nothing/],
    ['(a)\\1', /backreferences/],
  ])('refuses %s', (pattern, reason) => {
    expect(regexHazard(pattern, '')).toMatch(reason);
  });

  it('folds case under the i flag', () => {
    expect(regexHazard('(a|B)+', '')).toBeNull();
    expect(regexHazard('(a|A)+', 'i')).toMatch(/same character/);
  });

  it('screens a 1000-character pattern of plain alternations as safe (timed in bench: kernels)', () => {
    const pattern = '(?:ab|cd)'.repeat(111);
    expect(pattern.length).toBeLessThanOrEqual(1000);
    expect(regexHazard(pattern, '')).toBeNull();
  });
});
