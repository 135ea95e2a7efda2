/**
 * The statements each dialect compiles for one fixed request, held to golden files under
 * fixtures/expected/sql/ (`UPDATE_GOLDEN=1` rewrites them and fails, so that no passing run wrote its own
 * expectation; review the diff), and every function
 * they call held to the dialect's committed function list (fixtures/sql/functions/<dialect>.json,
 * taken from the engine's documented function reference, which each list cites). Trino, Spark,
 * BigQuery and Snowflake are not run here: these are the checks that stand in for running them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { statementsOf } from '../../src/operations/sql-results-pull.js';
import { POPULATION, printStatement, SHARED_RELATIONS } from '../../src/sql/compile/statement.js';
import { dialectNames, type DialectName } from '../../src/sql/dialects/dialect.js';
import type { SqlRequestFile } from '../../src/sql/results-dir.js';
import { selectionStatement, unitRowsStatement } from '../../src/sql/compile/selection.js';
import { materialiseStatement } from '../../src/sql/plan.js';

const columns = ['Number', 'Type', 'Short Description', 'Requested By', 'Approved By', 'Approved On', 'Implemented By', 'Deployed On', 'Environment']
  .map((name) => ({ name, type: name === 'Deployed On' ? ('timestamptz' as const) : ('text' as const) }));

export function goldenRequest(dialect: DialectName): SqlRequestFile {
  return {
    format: 'tickmark-sql-request/1',
    dialect,
    source: { table: ['audit', 'change_log'], columns: [{ name: 'tm_rec', type: 'integer' }, ...columns], recordColumn: 'tm_rec', name: 'audit.change_log' },
    population: { kind: 'change' },
    period: '2025-01-01..2025-12-31',
    sample: { seed: '20251231', size: 25, keyItems: 'type=emergency && title~=hotfix', filter: 'environment!=staging' },
    completeness: { expectCount: 1204, expectSum: undefined as never },
  };
}

/** Every statement for the golden request, and a stratified and a systematic draw. */
function goldenText(dialect: DialectName): string {
  const { statements } = statementsOf(goldenRequest(dialect));
  const stratified = statementsOf({ ...goldenRequest(dialect), sample: { seed: '20251231', size: 4, method: 'stratified', strata: 'quarter' } });
  const seats = [{ stratum: '2025-Q3', rank: 1, order: 1 }, { stratum: '2025-Q1', rank: 1, order: 2 }, { stratum: '2025-Q3', rank: 2, order: 3 }, { stratum: '2025-Q4', rank: 1, order: 4 }];
  const systematic = statementsOf({ ...goldenRequest(dialect), sample: { seed: '20251231', size: 10, method: 'systematic' } });
  // The population once (as the engines run a pull), then every statement reading it.
  const { pull } = statementsOf(goldenRequest(dialect));
  // The other relations the statements share, each once, as the engines make them (temporary tables).
  const shared = new Map(statements.flatMap((s) => s.ctes).filter((c) => SHARED_RELATIONS.has(c.name) && c.name !== POPULATION).map((c) => [c.name, c.sql]));
  return [
    `-- statement: materialise\n${materialiseStatement(pull)};\n`,
    ...[...shared].map(([name, sql]) => `-- statement: ${name}\nCREATE TEMPORARY TABLE ${name} AS\n${sql};\n`),
    ...statements.map((s) => printStatement(s, true)),
    printStatement({ ...selectionStatement(stratified.pull.ctx, stratified.pull.spec, seats), name: 'selection_stratified' }, true),
    printStatement({ ...unitRowsStatement(systematic.pull.ctx, systematic.pull.spec), name: 'unit_rows_systematic' }, true),
  ].join('\n');
}

/** The function names a statement calls (string literals and comments left out; keywords that take parentheses skipped). */
export function functionsCalled(sql: string): string[] {
  const code = sql
    .split('\n').filter((l) => !l.startsWith('--')).join('\n')
    .replace(/'(?:[^'\\]|''|\\.)*'/g, "''");
  const keywords = new Set(['in', 'as', 'over', 'from', 'join', 'and', 'or', 'not', 'when', 'then', 'else', 'select', 'values', 'on', 'where', 'by', 'decimal', 'number', 'bit', 'exists', 'with', 'union', 'all', 'between', 'both', 'leading', 'div']);
  const names = new Set<string>();
  for (const m of code.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)) {
    const name = m[1]!.toLowerCase();
    if (!keywords.has(name) && !name.startsWith('tm_')) names.add(name);
  }
  return [...names].sort();
}

describe.each(dialectNames.map((d) => ({ dialect: d })))('the $dialect dialect', ({ dialect }) => {
  const text = goldenText(dialect);
  it('compiles the golden request to the reviewed statements', () => {
    const path = `fixtures/expected/sql/${dialect}.sql`;
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(path, text);
      expect.fail(`${path} rewritten (UPDATE_GOLDEN=1): review the diff, then run again without UPDATE_GOLDEN`);
    }
    expect(existsSync(path), `${path} is missing: run UPDATE_GOLDEN=1 once and review it`).toBe(true);
    expect(text).toBe(readFileSync(path, 'utf8'));
  });

  it('calls only functions its engine documents', () => {
    const list = JSON.parse(readFileSync(`fixtures/sql/functions/${dialect}.json`, 'utf8')) as { dialect: string; source: string; functions: string[] };
    expect(list.dialect).toBe(dialect);
    expect(list.source).toMatch(/^https:\/\//);
    const documented = new Set(list.functions.map((f) => f.toLowerCase()));
    expect(functionsCalled(text).filter((f) => !documented.has(f))).toEqual([]);
  });
});
