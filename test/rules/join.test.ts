import { describe, expect, it } from 'vitest';
import { buildJoinIndex, joinColumn, joinLookup, ruleSetFromSpec, testPopulation } from '../../src/rules/index.js';
import { chunkOf, ctxOf, splitChunk } from './helpers/chunk.js';

const accounts = chunkOf([
  { employee_id: 'E1', account_id: 'a1', termination_date: '2025-01-01', disabled_at: '2025-01-02T00:00:00Z' },
  { employee_id: 'E2', account_id: 'b1', termination_date: '2025-01-01', disabled_at: '' },
  { employee_id: ' e1', account_id: 'a2', termination_date: '2025-01-01', disabled_at: '2025-01-03T00:00:00Z' },
  { employee_id: '', account_id: 'orphan', termination_date: '2025-01-01', disabled_at: '' },
  { employee_id: 'E3', account_id: 'c1', termination_date: '2025-01-01', disabled_at: '' },
], 'termination');

describe('buildJoinIndex', () => {
  it('groups rows by key (ignoring case and spacing), keeps only the asked fields, skips blank keys', () => {
    const index = buildJoinIndex(splitChunk(accounts, [2, 2]), 'employee_id', { fields: ['account_id', 'disabled_at'] });
    expect(index.rows).toBe(4);
    expect(index.groups.size).toBe(3);
    expect(Object.keys(index.columns).sort()).toEqual(['account_id', 'disabled_at']);
    const e1 = joinLookup(index, 'E1 ')!;
    expect(e1.to - e1.from).toBe(2);
    const ids = joinColumn(index, 'account_id')!;
    expect([...Array(e1.to - e1.from)].map((_, i) => ids.values[e1.from + i])).toEqual(['a1', 'a2']);
    expect(Array.from(index.record.subarray(e1.from, e1.to))).toEqual([1, 3]);
    expect(joinLookup(index, 'E9')).toBeNull();
    expect(joinColumn(index, 'constructor')).toBeNull();
    expect(index.start).toBeInstanceOf(Int32Array);
  });

  it('compares exactly when asked, and by header when the key is not a canonical field', () => {
    const exact = buildJoinIndex([accounts], 'employee_id', { exact: true });
    expect(exact.groups.size).toBe(4); // 'E1' and 'e1' are different keys
    expect(joinLookup(exact, 'E1')).toEqual({ from: 0, to: 1 });
    expect(joinLookup(exact, 'E1 ')).toBeNull();
    const deploys = chunkOf([{ 'Change Ref': 'CHG1', Host: 'web' }, { 'Change Ref': 'chg2', Host: 'db' }], 'generic');
    const index = buildJoinIndex([deploys], 'Change Ref', { fields: ['Host'] });
    expect(joinLookup(index, 'CHG2')).toEqual({ from: 1, to: 2 });
  });

  it('is the same after a structured clone (it is sent to workers once)', () => {
    const index = buildJoinIndex([accounts], 'employee_id', { fields: ['account_id'] });
    const copy = structuredClone(index);
    expect(joinLookup(copy, 'e3')).toEqual(joinLookup(index, 'e3'));
  });
});

describe('changes ↔ deployments', () => {
  it('finds each deployed change in the deployment log; N/A when the change was not deployed', () => {
    const changes = chunkOf([
      { change_id: 'CHG1', deployed_at: '2025-01-02T00:00:00Z' },
      { change_id: 'chg2 ', deployed_at: '2025-01-02T00:00:00Z' },
      { change_id: 'CHG3', deployed_at: '2025-01-02T00:00:00Z' },
      { change_id: 'CHG4', deployed_at: '' },
    ], 'change');
    const set = ruleSetFromSpec({ kind: 'change', joins: ['deployments'], params: ['deployments_key=Change Ref'], only: ['change.deployment_found'] });
    expect(set.joins).toEqual([{ name: 'deployments', leftField: 'change_id', keyField: 'Change Ref', fields: [] }]);
    const log = chunkOf([{ 'Change Ref': 'CHG1' }, { 'Change Ref': 'CHG2' }], 'generic');
    const index = buildJoinIndex([log], set.joins[0]!.keyField);
    const run = testPopulation(set, [changes], ctxOf({ joins: { deployments: index } }));
    expect(run.items!.map((i) => i.outcomes[0]!.status)).toEqual(['pass', 'pass', 'exception', 'not_applicable']);
    expect(run.findings[0]).toMatchObject({ key: 'CHG3', message: 'Change "CHG3" is not in the deployment log (matched on Change Ref, case and spacing ignored).' });
  });
});
