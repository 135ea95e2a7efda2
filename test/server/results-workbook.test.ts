/**
 * A filled workbook over HTTP: its yellow cells become the next version of the test run's results
 * (the same operation as `tickmark evaluate --workbook`); an edited tool cell, another engagement's
 * token or a body that is not a workbook stores nothing.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { listResults } from '../../src/operations/results.js';
import { XLSX_MIME } from '../../src/server/upload/content-type.js';
import { bearer, json, runJob, uploadCsv, world, type World } from './helpers.js';

let w: World;
let pull: { id: string; testRunId: string };
let workbook: Buffer;

beforeAll(async () => {
  w = await world();
  const population = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, readFileSync('fixtures/change/changes-2025.csv'))).population;
  const job = await runJob(w.app, w.a.secret, '/v1/pulls', { populationId: population.id, sample: { seed: '20251231', size: 25, method: 'stratified' }, workbook: { control: { id: 'CC8.1-01' } } });
  pull = json(await w.app.inject({ method: 'GET', url: job.result.href, headers: bearer(w.a.secret) })).pull;
  workbook = (await w.app.inject({ method: 'GET', url: `/v1/pulls/${pull.id}/workbook`, headers: bearer(w.a.secret) })).rawPayload;
});

/** The workbook with the Test matrix cell of `item` × `header` set to `value` (exceljs, as a tool would). */
async function filled(cells: { item: number; header: RegExp; value: string }[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(workbook as never);
  const sheet = book.getWorksheet('Test matrix')!;
  let headerRow = 0;
  sheet.eachRow((row, n) => {
    if (!headerRow && row.getCell(1).value === '#') headerRow = n;
  });
  const columns = new Map<string, number>();
  sheet.getRow(headerRow).eachCell((c, n) => columns.set(String(c.value), n));
  for (const { item, header, value } of cells) {
    const column = [...columns].find(([h]) => header.test(h))![1];
    sheet.getRow(headerRow + item).getCell(column).value = value;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const post = (secret: string, body: Buffer, type = XLSX_MIME) => w.app.inject({ method: 'POST', url: `/v1/test-runs/${pull.testRunId}/results/workbook?name=CC8.1-filled.xlsx`, headers: { ...bearer(secret), 'content-type': type }, payload: body });

describe('POST /v1/test-runs/:id/results/workbook', () => {
  it("stores the yellow cells as the next version, from the workbook's file, with the evaluation they give", async () => {
    const res = await post(w.a.secret, await filled([{ item: 1, header: /^H/, value: '✓' }, { item: 2, header: /^H/, value: 'x' }, { item: 2, header: /^Evidence/, value: 'CAB-2025-0412' }]));
    expect(res.statusCode).toBe(201);
    const { results, cells } = json(res);
    expect(results).toMatchObject({ version: 1, source: { via: 'workbook', file: 'CC8.1-filled.xlsx' } });
    expect(results.source.workbookSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(cells).toBe(3);
    const marks = Object.fromEntries(results.entries.items.map((i: { order: number; marks: Record<string, string> }) => [i.order, i.marks.H]));
    expect(marks).toEqual({ 1: '✓', 2: 'X' });
    expect(results.entries.items.find((i: { order: number }) => i.order === 2).evidence).toBe('CAB-2025-0412');
    expect(results.evaluation.conclusion.sentence).toContain('23 items to mark');
    expect(listResults(w.store, pull.testRunId).map((v) => v.version)).toEqual([1]);
  });

  it('stores nothing when a cell tickmark wrote was edited, for another engagement, or for a body that is not a workbook', async () => {
    const edited = await post(w.a.secret, await filled([{ item: 3, header: /^B$/, value: 'X' }]));
    expect(edited.statusCode).toBe(409);
    expect(json(edited).code).toBe('TM_ERR_WORKBOOK_EDITED');
    expect((await post(w.b.secret, workbook)).statusCode).toBe(404);
    expect((await post(w.a.secret, Buffer.from('a,b\n'), 'text/csv')).statusCode).toBe(415);
    expect(listResults(w.store, pull.testRunId).map((v) => v.version)).toEqual([1]);
  });
});
