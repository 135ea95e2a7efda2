/**
 * The routes the web app relies on beyond the dry-run itself: kinds, live sample-size plans,
 * re-ingest from the stored source, rows by record, one check's evidence as CSV, an engagement's
 * pulls and audit log, and verifying an uploaded workbook. Each keeps the engagement scope.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../../src/server/upload/content-type.js';
import { bearer, json, runJob, uploadCsv, waitJob, world, type World } from './helpers.js';

const CHANGES = readFileSync('fixtures/change/changes-2025.csv');

let setUp: Promise<{ w: World; population: { id: string; source: unknown } }>;
// Made in a hook (not while the first test runs), so it lives until the file's last test.
beforeAll(async () => {
  setUp = (async () => {
    const w = await world();
    const population = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, CHANGES)).population;
    return { w, population };
  })();
  await setUp;
});
const shared = () => setUp;

const get = (w: World, secret: string, url: string) => w.app.inject({ method: 'GET', url, headers: bearer(secret) });
const post = (w: World, secret: string, url: string, payload: object) => w.app.inject({ method: 'POST', url, headers: bearer(secret), payload });

describe('GET /v1/kinds', () => {
  it("lists every kind with its canonical fields, key and event time", async () => {
    const { w } = await shared();
    const { kinds } = json(await get(w, w.a.secret, '/v1/kinds'));
    const change = kinds.find((k: { kind: string }) => k.kind === 'change');
    expect(change).toMatchObject({ key: ['change_id'], eventTime: 'deployed_at' });
    expect(change.fields.find((f: { name: string }) => f.name === 'type')).toEqual({ name: 'type', type: 'enum', required: false, values: ['standard', 'normal', 'emergency'] });
    expect(change.fields.find((f: { name: string }) => f.name === 'deployed_at')).toEqual({ name: 'deployed_at', type: 'timestamp', required: true });
  });
});

describe('POST /v1/plans', () => {
  it('gives the statistical size (95% / 5% / one expected deviation → 93) and the frequency table size', async () => {
    const { w } = await shared();
    const stat = json(await post(w, w.a.secret, '/v1/plans', { plan: { basis: 'statistical', confidence: 0.95, tolerable: '5%', expectedCount: 1 } })).plan;
    expect(stat).toMatchObject({ basis: 'statistical', n: 93, allowedDeviations: 1, distribution: 'binomial', statistical: true });
    const daily = json(await post(w, w.a.secret, '/v1/plans', { plan: { basis: 'frequency', frequency: 'daily', risk: 'higher' } })).plan;
    expect(daily).toMatchObject({ basis: 'frequency', n: 40, statistical: false });
  });

  it("plans for a population with its accepted rows as N, as a pull of it would", async () => {
    const { w, population } = await shared();
    const all = json(await post(w, w.a.secret, '/v1/plans', { populationId: population.id, plan: { basis: 'all' } })).plan;
    expect(all.n).toBe(500);
    const fixed = json(await post(w, w.a.secret, '/v1/plans', { populationId: population.id, plan: { basis: 'fixed', n: 900 } })).plan;
    expect(fixed).toMatchObject({ n: 500, parameters: { requested: 900, population: 500, allTested: true } });
  });

  it('refuses a bad plan with a coded error, and another engagement\'s population as not found', async () => {
    const { w, population } = await shared();
    const bad = await post(w, w.a.secret, '/v1/plans', { plan: { basis: 'statistical', confidence: 1.5, tolerable: 0.05 } });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).code).toBe('TM_ERR_BAD_PLAN');
    const other = await post(w, w.b.secret, '/v1/plans', { populationId: population.id, plan: { basis: 'all' } });
    expect(other.statusCode).toBe(404);
  });
});

describe('POST /v1/populations/:id/reingest', () => {
  it('reads the stored source again with an overridden mapping into a new population of the same engagement', async () => {
    const { w, population } = await shared();
    const job = await runJob(w.app, w.a.secret, `/v1/populations/${population.id}/reingest`, { map: { system: 'Environment' } });
    expect(job.state).toBe('succeeded');
    expect(job.progress).toEqual({ done: 500, total: 500 });
    const again = json(await get(w, w.a.secret, job.result.href)).population;
    expect(again.id).not.toBe(population.id);
    expect(again.engagementId).toBe(w.a.engagement.id);
    expect(again.mapping.system).toBe('Environment');
    expect(again.source).toEqual(population.source); // same file, same name, same fingerprint
    expect(again.mappingDecisions.find((d: { field: string }) => d.field === 'system')).toMatchObject({ header: 'Environment', how: 'override' });
    // The same options again are the same population.
    const repeat = await runJob(w.app, w.a.secret, `/v1/populations/${population.id}/reingest`, { map: { system: 'Environment' } });
    expect(repeat.result.id).toBe(again.id);
  });

  it('leaves a field unmapped when the map says null', async () => {
    const { w, population } = await shared();
    const job = await runJob(w.app, w.a.secret, `/v1/populations/${population.id}/reingest`, { map: { pir_at: null } });
    const again = json(await get(w, w.a.secret, job.result.href)).population;
    expect(again.mapping).not.toHaveProperty('pir_at');
    expect(again.mapping.deployed_at).toBe('Deployed On');
  });

  it('answers a mapping to a header the file lacks with the coded ingest error, in the job', async () => {
    const { w, population } = await shared();
    const job = await runJob(w.app, w.a.secret, `/v1/populations/${population.id}/reingest`, { map: { system: 'No Such Column' } });
    expect(job.state).toBe('failed');
    expect(job.error.code).toMatch(/^TM_ERR_/);
  });

  it("is not found for another engagement's token", async () => {
    const { w, population } = await shared();
    const res = await post(w, w.b.secret, `/v1/populations/${population.id}/reingest`, { map: {} });
    expect(res.statusCode).toBe(404);
  });
});

describe('GET /v1/populations/:id/rows', () => {
  it('reads a range of records, and records by number, with raw text and typed fields', async () => {
    const { w, population } = await shared();
    const first = json(await get(w, w.a.secret, `/v1/populations/${population.id}/rows?limit=2`));
    expect(first.total).toBe(500);
    expect(first.rows.map((r: { record: number }) => r.record)).toEqual([1, 2]);
    expect(first.rows[0].values.Number).toBe('CHG0000001');
    expect(first.rows[0].fields.deployed_at).toBe(Date.parse('2024-12-18T17:26:44Z'));
    expect(first.rows[0].fields.type).toBe('standard');
    const picked = json(await get(w, w.a.secret, `/v1/populations/${population.id}/rows?records=394,307,9999`));
    expect(picked.rows.map((r: { record: number }) => r.record)).toEqual([307, 394]);
  });

  it('refuses more than 200 records', async () => {
    const { w, population } = await shared();
    const many = Array.from({ length: 201 }, (_, i) => i + 1).join(',');
    const res = await get(w, w.a.secret, `/v1/populations/${population.id}/rows?records=${many}`);
    expect(res.statusCode).toBe(400);
    expect(json(res).code).toBe('TM_ERR_INVALID_OPTION');
  });
});

describe('completeness evidence', () => {
  it("downloads one check's evidence rows as CSV, and lists the checks with their titles", async () => {
    const { w, population } = await shared();
    const job = await runJob(w.app, w.a.secret, `/v1/populations/${population.id}/completeness`, {});
    const res = await get(w, w.a.secret, `/v1/completeness/${job.result.id}/evidence/out_of_period`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${job.result.id}-out_of_period.csv"`);
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe('record,line,key,reason,value,at');
    expect(lines.slice(1).map((l) => l.split(',')[3]).sort()).toEqual(['after', 'after', 'before', 'before', 'blank']);
    const gaps = await get(w, w.a.secret, `/v1/completeness/${job.result.id}/evidence/sequence_gaps`);
    expect(gaps.body.split('\n')[0]).toBe('prefix,year,from,to,missing,first missing key,last missing key');
    const { checks } = json(await get(w, w.a.secret, '/v1/completeness-checks'));
    expect(checks[0]).toMatchObject({ id: 'period_coverage', title: 'Period coverage' });
    expect(checks).toHaveLength(11);
    expect((await get(w, w.b.secret, `/v1/completeness/${job.result.id}/evidence/out_of_period`)).statusCode).toBe(404);
  });
});

describe("an engagement's pulls, audit log, and workbook verification", () => {
  let pulling: Promise<{ pullId: string; workbook: Buffer }> | undefined;
  const pulled = () => (pulling ??= (async () => {
    const { w, population } = await shared();
    const job = await runJob(w.app, w.a.secret, '/v1/pulls', { populationId: population.id, sample: { seed: '20251231', size: 10, method: 'stratified' }, workbook: { control: { id: 'CC8.1-01', description: 'Changes approved' } } });
    const workbook = await w.app.inject({ method: 'GET', url: `/v1/pulls/${job.result.id}/workbook`, headers: bearer(w.a.secret) });
    return { pullId: job.result.id as string, workbook: workbook.rawPayload };
  })());

  it('lists the pulls of an engagement with control, ids and conclusion; other engagements see nothing', async () => {
    const { w, population } = await shared();
    const { pullId } = await pulled();
    const { pulls } = json(await get(w, w.a.secret, `/v1/engagements/${w.a.engagement.id}/pulls`));
    const mine = pulls.find((p: { id: string }) => p.id === pullId);
    expect(mine).toMatchObject({ populationId: population.id, controlId: 'CC8.1-01', controlDescription: 'Changes approved', seed: '20251231', method: 'stratified', period: '2025-01-01..2025-12-31' });
    expect(mine.conclusion).toMatch(/\S/);
    expect((await get(w, w.b.secret, `/v1/engagements/${w.a.engagement.id}/pulls`)).statusCode).toBe(404);
    expect(json(await get(w, w.b.secret, `/v1/engagements/${w.b.engagement.id}/pulls`)).pulls).toEqual([]);
  });

  it("keeps the engagement's entries: its tokens' requests and what was made under it, not another engagement's", async () => {
    const { w } = await shared();
    const { pullId } = await pulled();
    await get(w, w.b.secret, `/v1/engagements/${w.b.engagement.id}`);
    const { entries } = json(await get(w, w.a.secret, `/v1/engagements/${w.a.engagement.id}/audit-log?limit=1000`));
    expect(entries.some((e: { action: string; target: string }) => e.action === 'pull.create' && e.target === pullId)).toBe(true);
    expect(entries.some((e: { actor: string }) => e.actor === w.b.tokenId)).toBe(false);
    // Its token's requests, and what the CLI did to it (created it, minted its token).
    expect(new Set(entries.map((e: { actor: string }) => e.actor))).toEqual(new Set([w.a.tokenId, 'cli']));
    expect(entries.some((e: { action: string; target: string }) => e.action === 'engagement.create' && e.target === w.a.engagement.id)).toBe(true);
    const seqs = entries.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x: number, y: number) => y - x));
    expect((await get(w, w.b.secret, `/v1/engagements/${w.a.engagement.id}/audit-log`)).statusCode).toBe(404);
  });

  it('verifies the downloaded workbook as identical, and an edited one with the difference named', async () => {
    const { w } = await shared();
    const { pullId, workbook } = await pulled();
    const upload = (body: Buffer) => w.app.inject({ method: 'POST', url: `/v1/pulls/${pullId}/verify?name=CC8.1.xlsx`, headers: { ...bearer(w.a.secret), 'content-type': XLSX_MIME }, payload: body });
    const first = await upload(workbook);
    expect(first.statusCode).toBe(202);
    const done = await waitJob(w.app, w.a.secret, first.headers.location as string);
    const verification = json(await get(w, w.a.secret, done.result.href)).verification;
    expect(verification).toMatchObject({ pullId, file: 'CC8.1.xlsx', identical: true, selection: { identical: true }, tests: { status: 'identical' } });

    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(workbook as never);
    const sheet = book.getWorksheet('Selection')!;
    let edited = false;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === 'Seed') {
        row.getCell(2).value = '20251232';
        edited = true;
      }
    });
    expect(edited).toBe(true);
    const changed = await upload(Buffer.from(await book.xlsx.writeBuffer()));
    const job = await waitJob(w.app, w.a.secret, changed.headers.location as string);
    const v = json(await get(w, w.a.secret, job.result.href)).verification;
    expect(v.identical).toBe(false);
    expect(JSON.stringify(v.workbook.differences) + JSON.stringify(v.workbook.notes ?? [])).toContain('20251232');
    expect((await get(w, w.b.secret, job.result.href)).statusCode).toBe(404);
  });

  it('refuses a body that is not a workbook type, and pulls it cannot see', async () => {
    const { w } = await shared();
    const { pullId, workbook } = await pulled();
    const csv = await w.app.inject({ method: 'POST', url: `/v1/pulls/${pullId}/verify`, headers: { ...bearer(w.a.secret), 'content-type': 'text/csv' }, payload: 'a,b\n' });
    expect(csv.statusCode).toBe(415);
    const other = await w.app.inject({ method: 'POST', url: `/v1/pulls/${pullId}/verify`, headers: { ...bearer(w.b.secret), 'content-type': XLSX_MIME }, payload: workbook });
    expect(other.statusCode).toBe(404);
  });
});
