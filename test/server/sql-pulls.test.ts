/**
 * Sample in place over HTTP: the statements of a request (POST /v1/sql/statements), a pull from
 * the statements' results sent in the body, and a pull on a PostgreSQL source the service was
 * configured with (when TICKMARK_PG_URL names a server) — each draws the sample the embedded
 * engine draws from the same rows as a CSV, and its workbook records the SQL. Bad requests are
 * refused before a job exists; a client never gives a URL; another engagement sees nothing.
 */
import { describe, expect, it } from 'vitest';
import { readWorkbookManifest } from '../../src/export/workbook/read-manifest.js';
import { pull } from '../../src/operations/pull.js';
import { openStore } from '../../src/store/store.js';
import { tempDir, writeTemp } from '../helpers/tmp.js';
import { changesInDuckdb, loadCsvPostgres, PG_REQUIRED, PG_URL, resultsOf, resultsPayload } from '../sql/helpers.js';
import { XLSX_MIME } from '../../src/server/upload/content-type.js';
import { bearer, json, runJob, waitJob, world } from './helpers.js';

const PERIOD = '2025-01-01..2025-12-31';

/** The selection SHA-256 the embedded engine draws from the CSV. */
async function embeddedSelection(csv: string, sample: { seed: string; size: number; method?: 'random' | 'stratified' }): Promise<string> {
  const store = openStore({ dataDir: tempDir('tickmark-sql-http-embedded-') });
  try {
    const r = await pull(store, { file: csv, ingest: { kind: 'change' }, period: PERIOD, sample }, { workers: 0 });
    return r.sample.manifest.selectionSha256;
  } finally {
    store.close();
  }
}

describe('POST /v1/sql/statements', () => {
  it('prints the statements of a request; a stratified design waits for its strata, then adds the selection', async () => {
    const w = await world();
    const { engine, request } = await changesInDuckdb(tempDir('tickmark-sql-http-'), 300, { seed: '7', size: 12, method: 'stratified', strata: 'quarter' });
    try {
      const first = await w.app.inject({ method: 'POST', url: '/v1/sql/statements', headers: bearer(w.a.secret), payload: { request } });
      expect(first.statusCode).toBe(200);
      const body = json(first);
      expect(body.waitingFor).toBe('strata');
      expect(body.statements.map((s: { name: string }) => s.name)).toContain('strata');
      expect(body.statements.map((s: { name: string }) => s.name)).not.toContain('selection');
      const strata = await engine.query(body.statements.find((s: { name: string }) => s.name === 'strata').sql.replace(/;\s*$/, ''), 'strata');
      const second = json(await w.app.inject({ method: 'POST', url: '/v1/sql/statements', headers: bearer(w.a.secret), payload: { request, results: { strata } } }));
      expect(second.waitingFor).toBeNull();
      expect(second.statements.map((s: { name: string }) => s.name).slice(-2)).toEqual(['selection', 'unit_rows']);
      // The selection statement takes the allocation from the strata counts: four quarters, 12 seats.
      expect(second.statements.find((s: { name: string }) => s.name === 'selection').sql).toMatch(/tm_seats|seats/i);
    } finally {
      await engine.close();
    }
  }, 60_000);
});

describe('POST /v1/engagements/:id/sql-pulls from results', () => {
  it.each(['random', 'stratified'] as const)('draws the embedded engine\'s sample from the results sent (%s), keeps the workbook, and shows it to its engagement only', async (method) => {
    const w = await world();
    const dir = tempDir('tickmark-sql-http-');
    const sample = { seed: '20251231', size: 15, method };
    const { csv, engine, request } = await changesInDuckdb(dir, 600, sample);
    let results: Awaited<ReturnType<typeof resultsOf>>;
    try {
      results = await resultsOf(engine, request);
    } finally {
      await engine.close();
    }
    const url = `/v1/engagements/${w.a.engagement.id}/sql-pulls`;
    const job = await runJob(w.app, w.a.secret, url, { source: { results: { request, results: JSON.parse(JSON.stringify(results)) } }, workbook: { control: { id: 'CC8.1-01' } } });
    expect(job.state).toBe('succeeded');
    expect(job.result.href).toMatch(/^\/v1\/sql-pulls\/sqlp_/);
    const read = await w.app.inject({ method: 'GET', url: job.result.href, headers: bearer(w.a.secret) });
    expect(read.statusCode).toBe(200);
    const kept = json(read).sqlPull;
    expect(kept).toMatchObject({ engagementId: w.a.engagement.id, engine: 'results', dialect: 'duckdb', source: { results: true }, population: { kind: 'change', rows: 600 } });
    expect(kept.sample.selectionSha256).toBe(await embeddedSelection(csv, sample));
    expect(kept.statements).toContain('unit_rows');
    expect(kept.population.fingerprint).toMatch(/^tickmark-rows-sha256-sum64\/1 rows=600 sum=[0-9a-f]{16}$/);
    // The workbook: the SQL as the extraction recipe, the manifest saying the sample came from SQL.
    const book = await w.app.inject({ method: 'GET', url: kept.links.workbook, headers: bearer(w.a.secret) });
    expect(book.statusCode).toBe(200);
    expect(book.headers['content-type']).toMatch(/spreadsheetml/);
    const saved = writeTemp(dir, 'from-http.xlsx', book.rawPayload);
    const wb = await readWorkbookManifest(saved);
    expect(wb.manifest.selectionSha256).toBe(kept.sample.selectionSha256);
    expect(wb.manifest.extraction).toMatchObject({ method: 'sql', engine: 'results', dialect: 'duckdb', sqlSha256: kept.sqlSha256 });
    expect(wb.copy.control.id).toBe('CC8.1-01');
    // Another engagement's token sees neither the pull nor its workbook.
    for (const href of [job.result.href, kept.links.workbook]) {
      const other = await w.app.inject({ method: 'GET', url: href, headers: bearer(w.b.secret) });
      expect(other.statusCode).toBe(404);
      expect(json(other).code).toBe('TM_ERR_NOT_FOUND');
    }
  }, 120_000);

  it('refuses up front — a missing result, a value of the wrong type, a statement it does not know, a URL in the request — and starts no job', async () => {
    const w = await world();
    const { engine, request } = await changesInDuckdb(tempDir('tickmark-sql-http-'), 120, { seed: '7', size: 5 });
    let results: Awaited<ReturnType<typeof resultsOf>>;
    try {
      results = JSON.parse(JSON.stringify(await resultsOf(engine, request)));
    } finally {
      await engine.close();
    }
    const url = `/v1/engagements/${w.a.engagement.id}/sql-pulls`;
    const post = (payload: object) => w.app.inject({ method: 'POST', url, headers: bearer(w.a.secret), payload });
    const { counts: _counts, ...withoutCounts } = results;
    const missing = await post({ source: { results: { request, results: withoutCounts } } });
    expect(missing.statusCode).toBe(422);
    expect(json(missing)).toMatchObject({ code: 'TM_ERR_SQL_RESULTS' });
    expect(json(missing).message).toMatch(/no result for statement counts/);
    const mistyped = await post({ source: { results: { request, results: { ...results, counts: [{ ...results.counts![0], considered: 'many' }] } } } });
    expect(mistyped.statusCode).toBe(422);
    expect(json(mistyped).message).toMatch(/statement counts, column considered cannot be read: expected an integer, got "many"/);
    const stranger = await post({ source: { results: { request, results: { ...results, extra: [] } } } });
    expect(stranger.statusCode).toBe(422);
    expect(json(stranger).message).toMatch(/"extra" is not a statement of this request/);
    const beside = await post({ source: { results: { request, results } }, period: PERIOD });
    expect(beside.statusCode).toBe(400);
    expect(json(beside).message).toMatch(/give period in the results' request/);
    // A client never names a URL or a query: the schema has no place for them.
    const withUrl = await post({ source: { connection: 'wh', url: 'postgres://evil.example/db' }, population: { kind: 'change' }, sample: { seed: '1', size: 5 } });
    expect(withUrl.statusCode).toBe(400);
    const withQuery = await post({ source: { connection: 'wh', query: 'SELECT 1' }, population: { kind: 'change' }, sample: { seed: '1', size: 5 } });
    expect(withQuery.statusCode).toBe(400);
    // A source the service was not configured with.
    const unknown = await post({ source: { connection: 'wh', table: 'changes' }, population: { kind: 'change' }, sample: { seed: '1', size: 5 } });
    expect(unknown.statusCode).toBe(404);
    expect(json(unknown)).toMatchObject({ code: 'TM_ERR_NOT_FOUND', details: { what: 'SQL source', id: 'wh' } });
    // Another engagement's path.
    const elsewhere = await w.app.inject({ method: 'POST', url: `/v1/engagements/${w.b.engagement.id}/sql-pulls`, headers: bearer(w.a.secret), payload: { source: { results: { request, results } } } });
    expect(elsewhere.statusCode).toBe(404);
    const jobs = json(await w.app.inject({ method: 'GET', url: '/v1/jobs?type=sql-pull', headers: bearer(w.admin) }));
    expect(jobs.jobs).toEqual([]);
  }, 60_000);

  it('refuses a malformed sqlSources option when the app is built', async () => {
    const { buildApp } = await import('../../src/server/app.js');
    expect(() => buildApp({ dataDir: tempDir('tickmark-sql-http-opt-'), sqlSources: { wh: 'mysql://db/x' } })).toThrow(/sqlSources\.wh must be a postgres:\/\/ URL/);
    expect(() => buildApp({ dataDir: tempDir('tickmark-sql-http-opt-'), sqlSources: { 'w h': 'postgres://db/x' } })).toThrow(/sqlSources\.w h must be named/);
  });
});

/** Upload `workbook` to verify the SQL pull at `href` as the token `secret`; the verification. */
async function verified(w: Awaited<ReturnType<typeof world>>, secret: string, href: string, workbook: Buffer) {
  const posted = await w.app.inject({ method: 'POST', url: `${href}/verify?name=pull.xlsx`, headers: { ...bearer(secret), 'content-type': XLSX_MIME }, payload: workbook });
  expect(posted.statusCode).toBe(202);
  const job = await waitJob(w.app, secret, posted.headers.location as string, 120_000);
  expect(job.state).toBe('succeeded');
  const read = await w.app.inject({ method: 'GET', url: job.result.href, headers: bearer(secret) });
  expect(read.statusCode).toBe(200);
  return { href: job.result.href as string, verification: json(read).verification };
}

/** The workbook with the Selection sheet's seed changed, as a reviewer's slip would. */
async function withSeedEdited(workbook: Buffer, seed: string): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(workbook as never);
  let edited = false;
  book.getWorksheet('Selection')!.eachRow((row) => {
    if (row.getCell(1).value === 'Seed') {
      row.getCell(2).value = seed;
      edited = true;
    }
  });
  expect(edited).toBe(true);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('POST /v1/sql-pulls/:id/verify', () => {
  it('re-performs a pull from results with the results kept beside it: identical, an edited cell named, out of scope 404', async () => {
    const w = await world();
    const { request, results } = await resultsPayload(tempDir('tickmark-sql-http-verify-'), 300, { seed: '11', size: 9, method: 'stratified' });
    const job = await runJob(w.app, w.a.secret, `/v1/engagements/${w.a.engagement.id}/sql-pulls`, { source: { results: { request, results } } });
    expect(job.state).toBe('succeeded');
    const href = job.result.href as string;
    const workbook = (await w.app.inject({ method: 'GET', url: `${href}/workbook`, headers: bearer(w.a.secret) })).rawPayload;
    const same = await verified(w, w.a.secret, href, workbook);
    expect(same.href).toMatch(/^\/v1\/sql-pulls\/sqlp_[^/]+\/verifications\/wbve_/);
    expect(same.verification).toMatchObject({ sqlPullId: href.split('/').pop(), file: 'pull.xlsx', identical: true, selection: { identical: true }, workbook: { identical: true }, tests: { status: 'identical' } });
    expect(same.verification.workbook.notes.join('\n')).toMatch(/the statements were not run again: their results saved in/);
    expect(same.verification.workbook.notes.join('\n')).toMatch(/compiled from the request is the workbook's recipe/);
    const edited = await verified(w, w.a.secret, href, await withSeedEdited(workbook, '99999999'));
    expect(edited.verification.identical).toBe(false);
    expect(JSON.stringify(edited.verification.workbook.differences)).toContain('99999999');
    for (const url of [edited.href, `${href}/verify`]) {
      const other = await w.app.inject({ method: url.endsWith('/verify') ? 'POST' : 'GET', url, headers: { ...bearer(w.b.secret), 'content-type': XLSX_MIME }, ...(url.endsWith('/verify') ? { payload: workbook } : {}) });
      expect(other.statusCode).toBe(404);
    }
    const csv = await w.app.inject({ method: 'POST', url: `${href}/verify`, headers: { ...bearer(w.a.secret), 'content-type': 'text/csv' }, payload: 'a,b\n' });
    expect(csv.statusCode).toBe(415);
    expect(w.store.auditLog(20).filter((e) => e.action === 'sql-pull.verify').map((e) => (e.params as { identical: boolean }).identical)).toEqual([false, true]);
  }, 180_000);
});

describe.skipIf(!PG_URL && !PG_REQUIRED)('POST /v1/engagements/:id/sql-pulls on a configured PostgreSQL source', () => {
  it('pulls the named table in place and draws the embedded engine\'s sample; the table is fixed by the configuration when it names one', async () => {
    const { postgresEngine } = await import('../../src/sql/engines/postgres.js');
    const dir = tempDir('tickmark-sql-http-pg-');
    const sample = { seed: '20251231', size: 12, method: 'stratified' as const };
    const { csv, engine: duck } = await changesInDuckdb(dir, 400, sample);
    await duck.close();
    const pg = await postgresEngine(PG_URL!);
    try {
      await loadCsvPostgres(pg, csv, 'http_sql_changes');
    } finally {
      await pg.close();
    }
    const fixed = new URL(PG_URL!);
    fixed.searchParams.set('table', 'http_sql_changes');
    fixed.searchParams.set('record', 'tm_rec');
    const w = await world({ sqlSources: { wh: PG_URL!, changes: fixed.toString() } });
    const url = `/v1/engagements/${w.a.engagement.id}/sql-pulls`;
    const job = await runJob(w.app, w.a.secret, url, { source: { connection: 'wh', table: 'http_sql_changes', recordColumn: 'tm_rec' }, population: { kind: 'change' }, sample });
    expect(job.state).toBe('succeeded');
    const kept = json(await w.app.inject({ method: 'GET', url: job.result.href, headers: bearer(w.a.secret) })).sqlPull;
    expect(kept).toMatchObject({ engine: 'postgres', dialect: 'postgres', source: { connection: 'wh', table: 'http_sql_changes' }, population: { rows: 400 } });
    expect(kept.sample.selectionSha256).toBe(await embeddedSelection(csv, sample));
    // Its workbook verified over HTTP: the statements run again on the configured source.
    const workbook = (await w.app.inject({ method: 'GET', url: kept.links.workbook, headers: bearer(w.a.secret) })).rawPayload;
    const { verification } = await verified(w, w.a.secret, job.result.href, workbook);
    expect(verification).toMatchObject({ identical: true, selection: { identical: true, recomputedSha256: kept.sample.selectionSha256 } });
    expect(verification.workbook.notes.join('\n')).toMatch(/the statements ran again on PostgreSQL/);
    // The configured table and record column: the same sample; naming another table is refused.
    const again = await runJob(w.app, w.a.secret, url, { source: { connection: 'changes' }, population: { kind: 'change' }, sample });
    expect(again.state).toBe('succeeded');
    expect(json(await w.app.inject({ method: 'GET', url: again.result.href, headers: bearer(w.a.secret) })).sqlPull.sample.selectionSha256).toBe(kept.sample.selectionSha256);
    const other = await w.app.inject({ method: 'POST', url, headers: bearer(w.a.secret), payload: { source: { connection: 'changes', table: 'pg_catalog.pg_authid' }, population: { kind: 'change' }, sample } });
    expect(other.statusCode).toBe(400);
    expect(json(other).message).toMatch(/configured with its table/);
  }, 180_000);
});
