import { describe, expect, it } from 'vitest';
import { sqlPopulationModel } from '../../src/sql/compile/model.js';
import { duckdbEngine } from '../../src/sql/engines/duckdb.js';
import { runSqlPull } from '../../src/sql/run.js';
import { tempDir, writeTemp } from '../helpers/tmp.js';
import { edgeChangeCsv } from './edge-csv.js';
import { loadCsvDuckdb } from './helpers.js';

describe('a pull run in one engine session', () => {
  it('drops each shared relation once no later statement reads it, and keeps what the draw reads', async () => {
    const path = writeTemp(tempDir(), 'population.csv', edgeChangeCsv());
    const engine = await duckdbEngine();
    try {
      await loadCsvDuckdb(engine, path, 'changes');
      const model = sqlPopulationModel({ table: ['changes'], columns: await engine.describe({ table: ['changes'] }), recordColumn: 'tm_rec', name: 'changes' }, { kind: 'change' });
      const run = await runSqlPull(engine, model, { period: '2025-01-01..2025-12-31', sample: { seed: '1', size: 5 }, completeness: { sequenceField: 'change_id' } as never }, { name: 'population.csv', format: 'table' });
      const made = run.recipe.statements.map((s) => s.name).filter((n) => n.startsWith('tm_'));
      expect(made).toEqual(expect.arrayContaining(['tm_population', 'tm_typed', 'tm_invalid', 'tm_units', 'tm_eligible']));
      const left = (await engine.query('SELECT table_name FROM duckdb_tables() WHERE temporary ORDER BY table_name', 'probe')).map((r) => String(r.table_name));
      expect(left).toEqual(['tm_eligible', 'tm_population', 'tm_units']);
    } finally {
      await engine.close();
    }
  }, 60_000);
});
