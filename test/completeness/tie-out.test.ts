import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/period/period.js';
import { runCompleteness, type CheckResultFor, type CompletenessParams } from '../../src/completeness/index.js';
import { chunkOf, headersOf, metaOf, splitChunk, type Row } from './helpers.js';

const at = '2025-02-02T00:00:00Z';
const deploys: Row[] = [
  { change_id: 'D1', deployed_at: at, ticket_ref: 'CHG1' },
  { change_id: 'D2', deployed_at: at, ticket_ref: ' chg2 ' },
  { change_id: 'D3', deployed_at: at, ticket_ref: 'CHG4' },
  { change_id: 'D4', deployed_at: at, ticket_ref: null },
  { change_id: 'D5', deployed_at: at, ticket_ref: 'CHG4' },
];
const tickets: Row[] = [{ change_id: 'CHG1', deployed_at: at }, { change_id: 'CHG2', deployed_at: at }, { change_id: 'CHG3', deployed_at: at }];

async function tie(params: CompletenessParams['tieOut'] = {}, withOther = true, split = false, ourRows = deploys) {
  const ours = chunkOf(ourRows, 'change');
  const theirs = chunkOf(tickets, 'change');
  const report = await runCompleteness({
    meta: { ...metaOf('change', headersOf(ourRows)), id: 'deploys', source: { name: 'deploys.csv', format: 'csv', sha256: 'd1'.repeat(32), bytes: 10 }, rows: { total: 5, accepted: 5, malformed: 0 } },
    chunks: split ? splitChunk(ours, [2, 2]) : [ours],
    period: parsePeriod('2025-01-01..2025-12-31'),
    params: { tieOut: { ourKey: 'ticket_ref', ...params } },
    ...(withOther ? { other: { meta: { ...metaOf('change', headersOf(tickets)), id: 'tickets', source: { name: 'servicenow-changes.csv', format: 'csv', sha256: 'ee'.repeat(32), bytes: 10 }, rows: { total: 3, accepted: 3, malformed: 0 } }, chunks: split ? splitChunk(theirs, [1]) : [theirs] } } : {}),
  });
  return report.checks.find((c) => c.id === 'tie_out') as CheckResultFor<'tie_out'>;
}

describe('tie_out', () => {
  it('lists orphans both ways, trimmed, each key once with its lowest record and row count', async () => {
    const r = await tie();
    expect(r.status).toBe('fail');
    expect(r.evidence!.ours.orphans.items).toEqual([{ key: 'chg2', record: 2, rows: 1 }, { key: 'CHG4', record: 3, rows: 2 }]);
    expect(r.evidence!.theirs.orphans.items).toEqual([{ key: 'CHG2', record: 2, rows: 1 }, { key: 'CHG3', record: 3, rows: 1 }]);
    expect(r.evidence).toMatchObject({ matchedKeys: 1, ours: { rows: 5, keys: 3, blank: 1, orphanRows: 3, population: 'deploys', field: 'ticket_ref' }, theirs: { keys: 3, population: 'tickets', field: 'change_id' } });
  });

  it('names the other population by its file, SHA-256 and rows', async () => {
    const r = await tie();
    expect(r.evidence!.populations.theirs).toEqual({ id: 'tickets', kind: 'change', file: 'servicenow-changes.csv', sha256: 'ee'.repeat(32), rows: 3 });
    expect(r.evidence!.populations.ours.file).toBe('deploys.csv');
    expect(r.summary).toContain(`of deploys.csv (change, 5 rows, sha256 d1d1d1d1d1d1…) not in servicenow-changes.csv (change, 3 rows, sha256 eeeeeeeeeeee…)`);
  });

  it('case-folds when asked', async () => {
    const r = await tie({ caseFold: true });
    expect(r.evidence!.ours.orphans.items.map((o) => o.key)).toEqual(['chg4']);
    expect(r.evidence!.theirs.orphans.items.map((o) => o.key)).toEqual(['chg3']);
  });

  it('warns on orphans of the side that need not be complete', async () => {
    const everyDeployTicketed = deploys.slice(0, 2); // CHG1, chg2: tickets CHG3 never deployed
    expect((await tie({ caseFold: true, require: 'ours' }, true, false, everyDeployTicketed)).status).toBe('warn');
    expect((await tie({ caseFold: true, require: 'theirs' }, true, false, everyDeployTicketed)).status).toBe('fail');
    expect((await tie({ caseFold: true, require: 'both' }, true, false, everyDeployTicketed)).status).toBe('fail');
    expect((await tie({ caseFold: true, require: 'ours' })).status).toBe('fail'); // CHG4 deployed without a ticket
  });

  it('is the same split into chunks', async () => {
    expect(await tie({}, true, true)).toEqual(await tie());
  });

  it('is present but not run without a second population', async () => {
    expect(await tie({}, false)).toMatchObject({ id: 'tie_out', ran: false, status: 'not_run', evidence: null });
  });

  it('rejects a key that is not a field or header', async () => {
    await expect(tie({ theirKey: 'ticket' })).rejects.toMatchObject({ code: 'TM_ERR_INVALID_OPTION' });
  });
});
