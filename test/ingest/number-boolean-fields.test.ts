/**
 * Number and boolean fields are typed (1/0, the number), not kept as text: an account's
 * accountEnabled True/False and an access review's revocation count reach the rules as values.
 */
import { describe, expect, it } from 'vitest';
import { ChunkTyper } from '../../src/ingest/typing/type-records.js';
import { makeTypingPlan } from '../../src/ingest/typing/plan.js';

describe('number and boolean fields', () => {
  it('types True/False and numbers into their columns', () => {
    const plan = makeTypingPlan(['u', 'e', 'n'], { username: 'u', enabled: 'e', revocations: 'n' }, [
      { name: 'username', type: 'string', synonyms: [] }, { name: 'enabled', type: 'boolean', synonyms: [] }, { name: 'revocations', type: 'number', synonyms: [] },
    ], { timeZone: 'UTC' });
    const typer = new ChunkTyper(plan, { capacity: 3 });
    typer.add(['a', 'True', '2'], 2);
    typer.add(['b', 'False', '0'], 3);
    typer.add(['c', 'maybe', 'x'], 4);
    const { columns, issues } = typer.finish();
    const values = (f: string) => Array.from((columns.fields[f] as { values: Float64Array }).values);
    expect(values('enabled')).toEqual([1, 0, NaN]);
    expect(values('revocations')).toEqual([2, 0, NaN]);
    expect(issues.byCode).toEqual({ invalid_value: 2 });
  });
});
