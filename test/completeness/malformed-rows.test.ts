import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/period/period.js';
import { runCompleteness, type CheckResultFor } from '../../src/completeness/index.js';
import type { PopulationMeta } from '../../src/population/types.js';
import { metaOf } from './helpers.js';

async function malformed(extra: Partial<PopulationMeta>) {
  const report = await runCompleteness({ meta: metaOf('change', ['change_id', 'deployed_at'], extra), chunks: [], period: parsePeriod('2025-01-01..2025-12-31') });
  return report.checks.find((c) => c.id === 'malformed_rows') as CheckResultFor<'malformed_rows'>;
}

describe('malformed_rows (reads the population meta)', () => {
  it('fails on malformed rows and counts value issues apart', async () => {
    const r = await malformed({
      rows: { total: 10, accepted: 8, malformed: 2 },
      issues: {
        total: 5, byCode: { malformed_row: 2, invalid_value: 2, ambiguous_date: 1 }, byColumn: { 'Deployed On': 3 },
        first: [
          { code: 'invalid_value', record: 7, line: 8, column: 'Deployed On', field: 'deployed_at', raw: 'soon', expected: 'a timestamp' },
          { code: 'malformed_row', record: 3, line: 4, raw: 'a,b,c,d', expected: '2 fields' },
        ],
      },
    });
    expect(r.status).toBe('fail');
    expect(r.evidence).toMatchObject({ valueIssues: 3, rows: { malformed: 2, total: 10 } });
    expect(r.evidence!.first.items.map((i) => i.record)).toEqual([3, 7]);
    expect(r.summary).toBe('2 malformed row(s) of 10; 3 value issue(s) (Deployed On 3)');
  });

  it('warns on value issues alone and passes a clean ingest', async () => {
    expect((await malformed({ rows: { total: 4, accepted: 4, malformed: 0 }, issues: { total: 1, byCode: { invalid_value: 1 }, byColumn: { x: 1 }, first: [] } })).status).toBe('warn');
    expect((await malformed({ rows: { total: 4, accepted: 4, malformed: 0 } })).status).toBe('pass');
  });

  it('counts records apart from the rows ingest found not to be data, and names those', async () => {
    const r = await malformed({ rows: { total: 12, accepted: 4, malformed: 0, nonData: 8 }, nonData: { count: 8, byReason: { preamble: 6, footer: 2 }, first: [] } });
    expect(r.status).toBe('pass');
    expect(r.summary).toBe('ingest read all 4 record(s) and typed every value; 8 row(s) of the file not data (6 preamble, 2 footer)');
    expect(r.evidence!.rows).toEqual({ total: 12, accepted: 4, malformed: 0, nonData: 8 });
  });
});
