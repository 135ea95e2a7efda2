import { describe, expect, it } from 'vitest';
import { TickmarkError } from '../../src/errors.js';
import { bindSelectionCondition, parseSelectionCondition } from '../../src/sampling/index.js';
import { chunkOf } from './helpers/chunk-of.js';

const chunk = chunkOf([
  { change_id: 'CHG1', type: 'Emergency', environment: ' Production ', 'Change Type': 'Hotfix', approver: 'alice', deployed_at: '2025-01-02T10:00:00Z' },
  { change_id: 'CHG2', type: 'normal', environment: 'staging', 'Change Type': 'Release && patch', approver: '', deployed_at: '2025-02-02T10:00:00Z' },
  { change_id: 'CHG3', type: 'standard', environment: 'PROD', 'Change Type': 'hotfix', approver: 'Bob', deployed_at: '2025-03-02T10:00:00Z' },
], 'change');

const matching = (expr: string): string[] => {
  const test = bindSelectionCondition(parseSelectionCondition(expr), chunk);
  return [0, 1, 2].filter(test).map((i) => `CHG${i + 1}`);
};

const badExpression = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TickmarkError);
    expect((e as TickmarkError).code).toBe('TM_ERR_BAD_EXPRESSION');
    return (e as TickmarkError).message;
  }
  throw new Error('expected TM_ERR_BAD_EXPRESSION');
};

describe('condition language', () => {
  it('parses clauses joined by &&', () => {
    expect(parseSelectionCondition(' type = Emergency && environment in prod|Production ')).toEqual({
      text: 'type = Emergency && environment in prod|Production',
      clauses: [
        { field: 'type', op: '=', values: ['emergency'] },
        { field: 'environment', op: 'in', values: ['prod', 'production'] },
      ],
    });
    expect(parseSelectionCondition('approver!=').clauses).toEqual([{ field: 'approver', op: '!=', values: [''] }]);
    expect(parseSelectionCondition('"Change Type"~="a && b"').clauses).toEqual([{ field: 'Change Type', op: '~=', values: ['a && b'] }]);
  });

  it('compares trimmed values case-insensitively', () => {
    expect(matching('type=EMERGENCY')).toEqual(['CHG1']);
    expect(matching('environment=production')).toEqual(['CHG1']);
    expect(matching('environment in production|prod')).toEqual(['CHG1', 'CHG3']);
    expect(matching('environment!=staging')).toEqual(['CHG1', 'CHG3']);
    expect(matching('approver~=O')).toEqual(['CHG3']);
  });

  it('matches blanks with an empty value', () => {
    expect(matching('approver=')).toEqual(['CHG2']);
    expect(matching('approver!=')).toEqual(['CHG1', 'CHG3']);
  });

  it('reads source headers (quoted when they have spaces) and keeps quoted && inside values', () => {
    expect(matching('"Change Type"=hotfix')).toEqual(['CHG1', 'CHG3']);
    expect(matching('"change type"="release && patch"')).toEqual(['CHG2']);
    expect(matching('"Change Type"=hotfix && environment=prod')).toEqual(['CHG3']);
  });

  it('reads number and boolean fields as text', () => {
    const reviews = chunkOf([{ review_id: 'R1', revocations: '3.0' }, { review_id: 'R2', revocations: '' }], 'access_review');
    const test = (expr: string) => [0, 1].filter(bindSelectionCondition(parseSelectionCondition(expr), reviews));
    expect(test('revocations=3')).toEqual([0]);
    expect(test('revocations in 3.00|4')).toEqual([0]);
    expect(test('revocations=')).toEqual([1]);
  });

  it('refuses unknown fields, naming the known ones', () => {
    const message = badExpression(() => bindSelectionCondition(parseSelectionCondition('colour=red'), chunk));
    expect(message).toContain('unknown field "colour"');
    expect(message).toContain('environment');
    expect(badExpression(() => parseSelectionCondition('colour=red', { fields: ['type'], headers: ['Colour Code'] }))).toContain('unknown field');
    expect(parseSelectionCondition('COLOUR CODE=red', { fields: ['type'], headers: ['Colour Code'] }).clauses[0]!.field).toBe('COLOUR CODE');
  });

  it('refuses timestamps as text', () => {
    expect(badExpression(() => bindSelectionCondition(parseSelectionCondition('deployed_at=2025-01-02'), chunk))).toContain('timestamp');
  });

  it.each([
    ['', 'empty'],
    ['type', 'no operator'],
    ['=emergency', 'names no field'],
    ['type=emergency &&', 'clause 2 is empty'],
    ['type="emergency', 'not closed'],
    ['type in ', 'lists no values'],
    ['type in a||b', 'empty value'],
    ['type=eme"rg"ency', 'stray double quote'],
    ['type=eme"rgency', 'not closed'],
  ])('refuses %j (%s)', (expr, reason) => {
    expect(badExpression(() => parseSelectionCondition(expr))).toContain(reason);
  });

  it('never evaluates the text as code', () => {
    (globalThis as Record<string, unknown>).pwned = false;
    expect(matching('type=globalThis.pwned = true')).toEqual([]);
    expect((globalThis as Record<string, unknown>).pwned).toBe(false);
  });
});
