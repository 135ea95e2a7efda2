import { describe, expect, it } from 'vitest';
import { TickmarkError } from '../../src/errors.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { runTests } from '../../src/operations/test.js';
import { CHANGE_HEADER } from '../helpers/csv.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';

describe('custom rules run on a worker under a time limit', () => {
  it('stops a pathological regex with a clear error, and the pool serves the next task', async () => {
    const dir = tempDir();
    const store = tempStore();
    const long = 'a'.repeat(9000);
    const path = writeTemp(dir, 'slow.csv', `${CHANGE_HEADER}\nCHG1,Normal,${long},alice,bob,2025-01-01,carol,2025-01-02\nCHG2,Normal,short,alice,bob,2025-01-01,carol,2025-01-02\n`);
    const { population } = await ingestFile(store, path, { kind: 'change' });
    // Polynomial (not nested-quantifier) backtracking passes the compile-time screen: the time limit is the backstop.
    const slow = { rules: [{ id: 'slow', attribute: 'Slow pattern', test: { matches: ['title', '^(.*a){6}b$'] } }] };
    const err = await runTests(store, population.id, { all: true, rules: slow, builtins: false, ruleTimeoutMs: 1500 }, { workers: 1 }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(TickmarkError);
    expect((err as TickmarkError).code).toBe('TM_ERR_RULE_TIMEOUT');
    expect((err as TickmarkError).message).toContain('1500 ms');
    // The pool is still serving: a sane custom rule on the same pool completes.
    const fine = { rules: [{ id: 'short-title', attribute: 'Title under 100 characters', test: { matches: ['title', '^.{1,100}$'] } }] };
    const run = await runTests(store, population.id, { all: true, rules: fine, builtins: false }, { workers: 1 });
    expect(run.run.findings.map((f) => f.key)).toEqual(['CHG1']);
    expect(run.run.attributes[0]!.tested).toBe(2);
  });
});
