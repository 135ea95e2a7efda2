/** Completeness, samples (draw, extend, verify, export) and test runs over HTTP, as jobs. */
import { describe, expect, it } from 'vitest';
import { drawSample } from '../../src/operations/index.js';
import { bearer, changeCsv, json, runJob, uploadCsv, waitJob, world } from './helpers.js';

const setup = (async () => {
  const w = await world();
  const popA = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, changeCsv(300))).population;
  const popA2 = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, changeCsv(50, { startAt: 900 }))).population;
  const popB = json(await uploadCsv(w.app, w.b.secret, w.b.engagement.id, changeCsv(40, { startAt: 5000 }))).population;
  return { ...w, popA, popA2, popB };
})();

const get = async (url: string, secret: string) => {
  const { app } = await setup;
  return app.inject({ method: 'GET', url, headers: bearer(secret) });
};

describe('completeness', () => {
  it('runs as a job (202 + Location), reports progress in rows, stores the report over the engagement period', async () => {
    const w = await setup;
    const res = await w.app.inject({ method: 'POST', url: `/v1/populations/${w.popA.id}/completeness`, headers: bearer(w.a.secret) });
    expect(res.statusCode).toBe(202);
    const { job } = json(res);
    expect(res.headers.location).toBe(`/v1/jobs/${job.id}`);
    expect(job).toMatchObject({ type: 'completeness', progress: { done: 0 } });
    expect(['queued', 'running']).toContain(job.state);
    const done = await waitJob(w.app, w.a.secret, res.headers.location as string);
    expect(done).toMatchObject({ state: 'succeeded', progress: { done: 300, total: 300 }, result: { href: `/v1/completeness/${done.result.id}` } });
    const { completeness } = json(await get(done.result.href, w.a.secret));
    expect(completeness).toMatchObject({ id: done.result.id, populationId: w.popA.id, report: { population: { id: w.popA.id, rows: 300 }, period: { start: '2025-01-01', end: '2025-12-31', timeZone: 'UTC' } } });
    expect(completeness.report.checks.map((c: { id: string }) => c.id)).toContain('period_coverage');
    const list = json(await get(`/v1/populations/${w.popA.id}/completeness`, w.a.secret));
    expect(list.reports).toContainEqual({ id: done.result.id, createdAt: completeness.createdAt, status: completeness.report.status, period: '2025-01-01..2025-12-31' });
    const csv = await get(`${done.result.href}/export?format=csv`, w.a.secret);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="${done.result.id}-completeness.csv"`);
    expect(csv.body.split('\n')[0]).toBe('check,status,ran,summary');
    expect(csv.body.trim().split('\n')).toHaveLength(completeness.report.checks.length + 1);
    const asJson = await get(`${done.result.href}/export`, w.a.secret);
    expect(JSON.parse(asJson.body)).toEqual(completeness.report);
  });

  it('takes an explicit period and zone; refuses bad ones before starting a job', async () => {
    const w = await setup;
    const job = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/completeness`, { period: '2025-01-01..2025-06-30', timeZone: 'Europe/Paris' });
    const { completeness } = json(await get(job.result.href, w.a.secret));
    expect(completeness.report.period).toMatchObject({ start: '2025-01-01', end: '2025-06-30', timeZone: 'Europe/Paris' });
    for (const [payload, code] of [[{ period: '2025-13-01..2025-12-31' }, 'TM_ERR_BAD_PERIOD'], [{ period: 'last year' }, 'TM_ERR_USAGE'], [{ timeZone: 'Mars/Base' }, 'TM_ERR_BAD_TIMEZONE'], [{ checks: [] }, 'TM_ERR_USAGE']] as const) {
      const res = await w.app.inject({ method: 'POST', url: `/v1/populations/${w.popA.id}/completeness`, headers: bearer(w.a.secret), payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(json(res).code).toBe(code);
    }
  });

  it('needs a period when the engagement has none', async () => {
    const w = await setup;
    const eng = json(await w.app.inject({ method: 'POST', url: '/v1/engagements', headers: bearer(w.admin), payload: { client: 'No period' } })).engagement;
    const { secret } = json(await w.app.inject({ method: 'POST', url: '/v1/tokens', headers: bearer(w.admin), payload: { engagementId: eng.id } }));
    const pop = json(await uploadCsv(w.app, secret, eng.id, changeCsv(5, { startAt: 7777 }))).population;
    const res = await w.app.inject({ method: 'POST', url: `/v1/populations/${pop.id}/completeness`, headers: bearer(secret), payload: {} });
    expect(res.statusCode).toBe(400);
    expect(json(res).message).toMatch(/give a period/);
  });

  it('a tie-out against a population of another engagement answers 404', async () => {
    const w = await setup;
    const res = await w.app.inject({ method: 'POST', url: `/v1/populations/${w.popA.id}/completeness`, headers: bearer(w.a.secret), payload: { otherPopulationId: w.popB.id } });
    expect(res.statusCode).toBe(404);
  });
});

describe('samples', () => {
  it('draws the same selection as the library for the same population and seed, and the same seed twice gives the same hash', async () => {
    const w = await setup;
    const body = { seed: '20251231', size: 12, method: 'stratified', strata: 'month' };
    const one = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/samples`, body);
    const two = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/samples`, body);
    const s1 = json(await get(one.result.href, w.a.secret)).sample;
    const s2 = json(await get(two.result.href, w.a.secret)).sample;
    expect(s1.id).not.toBe(s2.id);
    expect(s1.manifest.selectionSha256).toBe(s2.manifest.selectionSha256);
    expect(s1.manifest).toMatchObject({ seed: '20251231', method: 'stratified', n: 12, selected: 12, population: { id: w.popA.id, sha256: w.popA.source.sha256 } });
    const direct = await drawSample(w.store, w.popA.id, { seed: '20251231', size: 12, method: 'stratified', strata: 'month' }, { workers: 0 });
    expect(s1.manifest.selectionSha256).toBe(direct.manifest.selectionSha256);
    expect(s1.selection.items.map((i: { key: string }) => i.key)).toEqual(direct.selection.items.map((i) => i.key));
    const other = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/samples`, { ...body, seed: '1' });
    expect(json(await get(other.result.href, w.a.secret)).sample.manifest.selectionSha256).not.toBe(s1.manifest.selectionSha256);
    const list = json(await get(`/v1/populations/${w.popA.id}/samples`, w.a.secret)).samples;
    expect(list.find((s: { id: string }) => s.id === s1.id)).toMatchObject({ seed: '20251231', method: 'stratified', n: 12, selected: 12, parentId: null, selectionSha256: s1.manifest.selectionSha256 });
  });

  it('extends a sample keeping every earlier item, refuses a size that is not larger', async () => {
    const w = await setup;
    const first = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/samples`, { seed: 'ext', size: 10 });
    const extended = await runJob(w.app, w.a.secret, `/v1/samples/${first.result.id}/extend`, { size: 15 });
    expect(extended.state).toBe('succeeded');
    const a = json(await get(first.result.href, w.a.secret)).sample;
    const b = json(await get(extended.result.href, w.a.secret)).sample;
    expect(b.parentId).toBe(a.id);
    expect(b.selection.items).toHaveLength(15);
    const keys = new Set(b.selection.items.map((i: { key: string }) => i.key));
    for (const i of a.selection.items) expect(keys.has(i.key)).toBe(true);
    expect(b.selection.items.filter((i: { addedByExtension: boolean }) => i.addedByExtension)).toHaveLength(5);
    const bad = await w.app.inject({ method: 'POST', url: `/v1/samples/${first.result.id}/extend`, headers: bearer(w.a.secret), payload: { size: 10 } });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).code).toBe('TM_ERR_INVALID_OPTION');
  });

  it('verifies (re-performs) a sample: identical for its own manifest, each difference for a tampered one', async () => {
    const w = await setup;
    const drawn = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/samples`, { seed: 'verify-me', size: 8 });
    const sample = json(await get(drawn.result.href, w.a.secret)).sample;
    const ok = await runJob(w.app, w.a.secret, `/v1/samples/${sample.id}/verify`);
    const v1 = json(await get(ok.result.href, w.a.secret)).verification;
    expect(v1).toMatchObject({ identical: true, differences: [], sampleId: sample.id, manifestSha256: sample.manifest.selectionSha256, recomputedSha256: sample.manifest.selectionSha256 });
    const tampered = { ...sample.manifest, seed: 'other', design: { ...sample.manifest.design, seed: 'other' } };
    const bad = await runJob(w.app, w.a.secret, `/v1/samples/${sample.id}/verify`, { manifest: tampered });
    const v2 = json(await get(bad.result.href, w.a.secret)).verification;
    expect(v2.identical).toBe(false);
    expect(v2.differences.join('\n')).toMatch(/removed: order \d+ key "CHG/);
    expect(v2.manifestSha256).toBe(sample.manifest.selectionSha256);
    expect(v2.recomputedSha256).not.toBe(sample.manifest.selectionSha256);
    const wrongPop = await runJob(w.app, w.a.secret, `/v1/samples/${sample.id}/verify`, { populationId: w.popA2.id });
    expect(json(await get(wrongPop.result.href, w.a.secret)).verification.identical).toBe(false);
    // A manifest alone (as read from a workbook), against a population.
    const bare = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/verify`, { manifest: sample.manifest });
    expect(json(await get(bare.result.href, w.a.secret)).verification).toMatchObject({ identical: true, sampleId: null });
    const garbage = await w.app.inject({ method: 'POST', url: `/v1/populations/${w.popA.id}/verify`, headers: bearer(w.a.secret), payload: { manifest: { hello: 1 } } });
    expect(garbage.statusCode).toBe(422);
    expect(json(garbage).code).toBe('TM_ERR_MANIFEST');
    expect((await w.app.inject({ method: 'POST', url: `/v1/populations/${w.popB.id}/verify`, headers: bearer(w.a.secret), payload: { manifest: sample.manifest } })).statusCode).toBe(404);
  });

  it('exports the sample through the export module: CSV with the source values, JSON with the manifest', async () => {
    const w = await setup;
    const drawn = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/samples`, { seed: 'csv', size: 5 });
    const sample = json(await get(drawn.result.href, w.a.secret)).sample;
    const csv = await get(`/v1/samples/${sample.id}/export`, w.a.secret);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="CC8.1-${sample.id}.csv"`);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]!.split(',').slice(0, 2)).toEqual(['order', 'key']);
    expect(lines[0]).toContain('Deployed On');
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(sample.selection.items.map((i: { key: string }) => i.key));
    const asJson = await get(`/v1/samples/${sample.id}/export?format=json`, w.a.secret);
    expect(JSON.parse(asJson.body)).toMatchObject({ sampleId: sample.id, manifest: { selectionSha256: sample.manifest.selectionSha256 }, period: { start: '2025-01-01', end: '2025-12-31' } });
    expect((await get(`/v1/samples/${sample.id}/export?format=xml`, w.a.secret)).statusCode).toBe(400);
    const logged = w.store.auditLog(20).find((e) => e.action === 'sample.export' && e.target === sample.id);
    expect(logged?.actor).toBe(w.a.tokenId);
  });

  it('downloads the workbook of a sample and of its test run (.xlsx, the nine sheets, engagement on the lead sheet)', async () => {
    const w = await setup;
    const drawn = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/samples`, { seed: 'book', size: 6 });
    const tested = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/test-runs`, { sampleId: drawn.result.id });
    const { default: ExcelJS } = await import('exceljs');
    for (const url of [`/v1/samples/${drawn.result.id}/workbook?controlId=CC8.1-01&preparer=J.%20Doe`, `/v1/test-runs/${tested.result.id}/workbook`]) {
      const res = await w.app.inject({ method: 'GET', url, headers: bearer(w.a.secret) });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="CC8\.1(-01)?-(samp|test)_[A-Za-z0-9_-]+\.xlsx"$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as never);
      const names = book.worksheets.filter((ws) => ws.state === 'visible').map((ws) => ws.name);
      expect(names).toEqual(['Lead', 'Population', 'Completeness', 'Selection', 'Test matrix', 'Sample detail', 'Exceptions', 'Evaluation', 'Legend']);
      const lead: string[] = [];
      book.getWorksheet('Lead')!.eachRow((row) => lead.push(row.values!.toString()));
      expect(lead.join('\n')).toContain('Acme');
    }
    const all = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/test-runs`, { all: true });
    const refused = await w.app.inject({ method: 'GET', url: `/v1/test-runs/${all.result.id}/workbook`, headers: bearer(w.a.secret) });
    expect(refused.statusCode).toBe(400);
    expect(json(refused).code).toBe('TM_ERR_INVALID_OPTION');
  }, 60_000);

  it.each([
    [{ size: 5 }, 'TM_ERR_USAGE'],
    [{ seed: 's' }, 'TM_ERR_BAD_PLAN'],
    [{ seed: 's', size: 0 }, 'TM_ERR_USAGE'],
    [{ seed: 's', size: 5, method: 'cluster' }, 'TM_ERR_USAGE'],
    [{ seed: 's', size: 5, keyItems: 'type=emergency', method: 'systematic' }, 'TM_ERR_INVALID_OPTION'],
    [{ seed: 's', plan: { basis: 'statistical', confidence: 2, tolerable: 0.05 } }, 'TM_ERR_BAD_PLAN'],
  ])('refuses %j with 400 %s before starting a job', async (payload, code) => {
    const w = await setup;
    const before = w.app.tickmark.jobs.list(() => true).length;
    const res = await w.app.inject({ method: 'POST', url: `/v1/populations/${w.popA.id}/samples`, headers: bearer(w.a.secret), payload });
    expect(res.statusCode).toBe(400);
    expect(json(res).code).toBe(code);
    expect(w.app.tickmark.jobs.list(() => true)).toHaveLength(before);
  });
});

describe('test runs', () => {
  it('tests a sample: run, findings, the items with results as CSV; and the whole population', async () => {
    const w = await setup;
    const drawn = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/samples`, { seed: 'tests', size: 10 });
    const job = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/test-runs`, { sampleId: drawn.result.id });
    expect(job.state).toBe('succeeded');
    const { testRun } = json(await get(job.result.href, w.a.secret));
    expect(testRun).toMatchObject({ populationId: w.popA.id, sampleId: drawn.result.id, run: { scope: 'sample', kind: 'change', overall: { items: 10 } } });
    const findings = json(await get(`${job.result.href}/findings`, w.a.secret));
    expect(findings.findings).toEqual(testRun.run.findings);
    expect(findings.overall).toEqual(testRun.run.overall);
    const table = await get(`${job.result.href}/export`, w.a.secret);
    const rows = table.body.trim().split('\n');
    expect(rows).toHaveLength(11);
    expect(rows[0]).toMatch(/,A Approval present,/);
    const all = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/test-runs`, { all: true });
    expect(json(await get(all.result.href, w.a.secret)).testRun.run).toMatchObject({ scope: 'population', overall: { items: 300 } });
    const list = json(await get(`/v1/populations/${w.popA.id}/test-runs`, w.a.secret)).testRuns;
    expect(list.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([job.result.id, all.result.id]));
    const findingsCsv = await get(`${all.result.href}/export`, w.a.secret);
    expect(findingsCsv.headers['content-disposition']).toBe(`attachment; filename="${all.result.id}-findings.csv"`);
    expect(findingsCsv.body.split('\n')[0]).toBe('type,key,record,line,attribute,rule,message,observed');
    const runJson = JSON.parse((await get(`${all.result.href}/export?format=json`, w.a.secret)).body);
    expect(runJson.run.findings.length).toBe(findingsCsv.body.trim().split('\n').length - 1);
  });

  it('a custom rule that does not compile fails the job with a coded error', async () => {
    const w = await setup;
    const job = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/test-runs`, { all: true, rules: { rules: [{ id: 'x', nope: true }] } });
    expect(job.state).toBe('failed');
    expect(job.error.code).toMatch(/^TM_ERR_/);
    expect(job.error.code).not.toBe('TM_ERR_INTERNAL');
  });

  it('refuses: neither/both of sampleId and all (400), a sample of another population (409), of another engagement (404)', async () => {
    const w = await setup;
    const post = (payload: object, pop = w.popA.id) => w.app.inject({ method: 'POST', url: `/v1/populations/${pop}/test-runs`, headers: bearer(w.a.secret), payload });
    expect((await post({})).statusCode).toBe(400);
    const drawn = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/samples`, { seed: 'x', size: 3 });
    expect((await post({ sampleId: drawn.result.id, all: true })).statusCode).toBe(400);
    const mismatch = await post({ sampleId: drawn.result.id }, w.popA2.id);
    expect(mismatch.statusCode).toBe(409);
    expect(json(mismatch).code).toBe('TM_ERR_MISMATCH');
    const sampleB = await runJob(w.app, w.b.secret, `/v1/populations/${w.popB.id}/samples`, { seed: 'b', size: 3 });
    expect((await post({ sampleId: sampleB.result.id })).statusCode).toBe(404);
    expect((await post({ all: true, joins: { deployments: w.popB.id } })).statusCode).toBe(404);
  });
});

describe('every operation route answers 404 across engagements and 401 without a token', () => {
  it('B cannot see, run or download anything of A', async () => {
    const w = await setup;
    const sample = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/samples`, { seed: 'scope', size: 3 });
    const report = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/completeness`);
    const run = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/test-runs`, { sampleId: sample.result.id });
    const verification = await runJob(w.app, w.a.secret, `/v1/samples/${sample.result.id}/verify`);
    const p = w.popA.id;
    const routes: [string, string, object?][] = [
      ['POST', `/v1/populations/${p}/completeness`, {}], ['GET', `/v1/populations/${p}/completeness`], ['GET', `/v1/completeness/${report.result.id}`], ['GET', `/v1/completeness/${report.result.id}/export`],
      ['POST', `/v1/populations/${p}/samples`, { seed: 's', size: 2 }], ['GET', `/v1/populations/${p}/samples`], ['GET', `/v1/samples/${sample.result.id}`],
      ['POST', `/v1/samples/${sample.result.id}/extend`, { size: 5 }], ['POST', `/v1/samples/${sample.result.id}/verify`, {}], ['GET', `/v1/samples/${sample.result.id}/export`],
      ['GET', `/v1/verifications/${verification.result.id}`],
      ['POST', `/v1/populations/${p}/test-runs`, { all: true }], ['GET', `/v1/populations/${p}/test-runs`], ['GET', `/v1/test-runs/${run.result.id}`],
      ['GET', `/v1/test-runs/${run.result.id}/findings`], ['GET', `/v1/test-runs/${run.result.id}/export`],
      ['GET', `/v1/samples/${sample.result.id}/workbook`], ['GET', `/v1/test-runs/${run.result.id}/workbook`],
      ['GET', `/v1/jobs/${run.id}`], ['DELETE', `/v1/jobs/${run.id}`],
    ];
    for (const [method, url, payload] of routes) {
      const other = await w.app.inject({ method: method as 'GET', url, headers: bearer(w.b.secret), ...(payload ? { payload } : {}) });
      expect(other.statusCode, `${method} ${url}`).toBe(404);
      expect(json(other).code).toBe('TM_ERR_NOT_FOUND');
      const anonymous = await w.app.inject({ method: method as 'GET', url, ...(payload ? { payload } : {}) });
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
      if (method === 'GET') expect((await get(url, w.a.secret)).statusCode, url).toBe(200);
    }
    const jobsOfB = json(await get('/v1/jobs', w.b.secret)).jobs.map((j: { id: string }) => j.id);
    expect(jobsOfB).not.toContain(run.id);
  });

  it('artefact ids of the wrong type answer 404 (a sample id is not a report)', async () => {
    const w = await setup;
    const sample = await runJob(w.app, w.a.secret, `/v1/populations/${w.popA.id}/samples`, { seed: 'types', size: 2 });
    expect((await get(`/v1/completeness/${sample.result.id}`, w.a.secret)).statusCode).toBe(404);
    expect((await get(`/v1/test-runs/${sample.result.id}`, w.a.secret)).statusCode).toBe(404);
    expect((await get('/v1/samples/..%2F..%2Fcatalog.sqlite', w.a.secret)).statusCode).toBe(400);
  });
});
