/**
 * User text reaches SQL only through the dialect's `ident` and `text`: a hostile table name, column
 * name, map entry, seed or condition value is a name or a literal, never SQL — shown on DuckDB,
 * where the statements run against a table whose every name is an attempted injection.
 */
import { describe, expect, it } from 'vitest';
import { dialects } from '../../src/sql/dialects/index.js';
import { duckdbEngine } from '../../src/sql/engines/duckdb.js';
import { sqlPopulationModel } from '../../src/sql/compile/model.js';
import { runSqlPull } from '../../src/sql/run.js';

const hostile = `x"; DROP TABLE victims; --`;

describe('quoting', () => {
  it.each(Object.values(dialects).map((d) => ({ d })))('$d.name quotes names and literals whole', ({ d }) => {
    const ident = d.ident(hostile);
    const q = d.name === 'spark' || d.name === 'bigquery' ? '`' : '"';
    expect(ident.startsWith(q) && ident.endsWith(q)).toBe(true);
    expect(ident.slice(1, -1).split(q + q).join('')).not.toContain(q === '"' ? '"' : '`');
    const literal = d.text("it's'); DROP TABLE victims; --");
    expect(literal).toMatch(/^'/);
    expect(() => d.ident('')).toThrow();
  });

  it('runs a pull on a table whose names are attempted injections, and drops nothing', async () => {
    const engine = await duckdbEngine();
    try {
      const d = engine.dialect;
      await engine.exec('CREATE TABLE victims AS SELECT 1 AS v', 'setup');
      await engine.exec(`CREATE TABLE ${d.ident(hostile)} (${d.ident('id"); DROP TABLE victims; --')} VARCHAR, ${d.ident("at' OR 1=1 --")} VARCHAR)`, 'setup');
      await engine.exec(`INSERT INTO ${d.ident(hostile)} VALUES ('K1', '2025-03-01'), ('K2', '2025-04-01'), ('K''3', '2025-05-01')`, 'setup');
      const model = sqlPopulationModel({ table: [hostile], columns: await engine.describe({ table: [hostile] }), name: hostile }, { kind: 'generic', key: ['id"); DROP TABLE victims; --'], eventTime: "at' OR 1=1 --" });
      const run = await runSqlPull(engine, model, { period: '2025-01-01..2025-12-31', sample: { seed: "s'); DROP TABLE victims; --", size: 2, filter: `key!="'); DROP TABLE victims; --"` } }, { name: hostile, format: 'table' });
      expect(run.selection.items).toHaveLength(2);
      expect(await engine.query('SELECT count(*) AS n FROM victims', 'check')).toEqual([{ n: '1' }]);
    } finally {
      await engine.close();
    }
  }, 60_000);
});
