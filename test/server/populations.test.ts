/** Population upload (raw CSV, multipart, XLSX), list and read; hostile and malformed uploads. */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../../src/server/upload/content-type.js';
import { bearer, CHANGE_HEADER, changeCsv, json, multipart, tmpEntries, uploadCsv, world, xlsxOf } from './helpers.js';

const shared = world({ limits: { uploadBytes: 64 * 1024 } });
const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** Nothing stored for engagement `id` beyond `before`, and no temp files left. */
async function nothingStored(id: string, before: number) {
  const w = await shared;
  expect(w.store.listPopulations(id)).toHaveLength(before);
  expect(tmpEntries(w.dataDir)).toEqual([]);
}

describe('upload as a raw text/csv body', () => {
  it('takes encoding and headerRow, and returns the non-data rows, the layout and the day/month orders decided', async () => {
    const w = await shared;
    const csv = Buffer.from(`Change report Q1\n\nNumber;Short Description;Deployed On\nCHG1;Änderung für Jürgen;13/01/2025\nCHG2;Patch;02/03/2025\nTotal;2;\n`, 'latin1');
    const res = await uploadCsv(w.app, w.a.secret, w.a.engagement.id, csv, 'kind=change&encoding=windows-1252&headerRow=3');
    expect(res.statusCode).toBe(201);
    const { population } = json(res);
    expect(population).toMatchObject({
      source: { encoding: 'windows-1252', delimiter: ';' },
      rows: { total: 5, accepted: 2, malformed: 0, nonData: 3 },
      nonData: { count: 3, byReason: { preamble: 2, total_row: 1 }, first: [{ line: 1, reason: 'preamble', raw: 'Change report Q1' }, { line: 2, reason: 'preamble', raw: '' }, { line: 6, reason: 'total_row', raw: 'Total;2;' }] },
      layout: { headerLine: 3, headerFrom: 'given', renamed: [] },
      typing: { timeZone: 'UTC', columns: { deployed_at: { column: 'Deployed On', dateOrder: 'dmy', evidence: { line: 4, raw: '13/01/2025' }, resolved: 1 } } },
    });
    const bad = await uploadCsv(w.app, w.a.secret, w.a.engagement.id, csv, 'kind=change&headerRow=0');
    expect(bad.statusCode).toBe(400);
  });

  it('stores the population with its fingerprint (SHA-256 of the exact bytes), 201 + Location; the same bytes again → 200 created:false', async () => {
    const w = await shared;
    const csv = changeCsv(40);
    const res = await uploadCsv(w.app, w.a.secret, w.a.engagement.id, csv, 'kind=change&name=changes-2025.csv');
    expect(res.statusCode).toBe(201);
    const { population, created } = json(res);
    expect(created).toBe(true);
    expect(population).toMatchObject({
      kind: 'change', engagementId: w.a.engagement.id,
      source: { name: 'changes-2025.csv', format: 'csv', sha256: sha256(csv), bytes: Buffer.byteLength(csv) },
      rows: { total: 40, accepted: 40, malformed: 0 },
      mapping: { change_id: 'Number', deployed_at: 'Deployed On', approver: 'Approved By' },
      key: ['change_id'],
      typing: { timeZone: 'UTC' },
    });
    expect(population.chunks).toBeUndefined();
    expect(res.headers.location).toBe(`/v1/populations/${population.id}`);
    const again = await uploadCsv(w.app, w.a.secret, w.a.engagement.id, csv, 'kind=change&name=changes-2025.csv');
    expect(again.statusCode).toBe(200);
    expect(json(again)).toMatchObject({ created: false, population: { id: population.id } });
    expect(tmpEntries(w.dataDir)).toEqual([]);
    const logged = w.store.auditLog(100).find((e) => e.action === 'population.ingest' && e.target === population.id);
    expect(logged?.actor).toBe(w.a.tokenId);
  });

  it('reads naive timestamps in the engagement zone unless the upload names one', async () => {
    const w = await shared;
    const csv = changeCsv(3, { startAt: 500 });
    const inB = json(await uploadCsv(w.app, w.b.secret, w.b.engagement.id, csv));
    expect(inB.population.typing.timeZone).toBe('America/New_York');
    const utc = json(await uploadCsv(w.app, w.b.secret, w.b.engagement.id, csv, 'kind=change&timeZone=UTC'));
    expect(utc.population.typing.timeZone).toBe('UTC');
    expect(utc.population.id).not.toBe(inB.population.id);
    const deployed = (p: { columns: { field?: string; min?: string }[] }) => p.columns.find((c) => c.field === 'deployed_at')!.min;
    expect(Date.parse(deployed(inB.population)!) - Date.parse(deployed(utc.population)!)).toBe(5 * 3_600_000);
  });

  it('lists and reads populations: fingerprint, mapping, profile and ingest issues with row and column', async () => {
    const w = await shared;
    const csv = `${CHANGE_HEADER}\nCHG1,Normal,a,b,2025-01-01 10:00,c,2025-01-02 10:00\nCHG2,Normal,a,b,not a date,c,2025-01-03 10:00\n`;
    const { population } = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, csv));
    const read = await w.app.inject({ method: 'GET', url: `/v1/populations/${population.id}`, headers: bearer(w.a.secret) });
    expect(read.statusCode).toBe(200);
    const p = json(read).population;
    expect(p.source.sha256).toBe(sha256(csv));
    expect(p.issues.total).toBe(1);
    expect(p.issues.first[0]).toMatchObject({ code: 'invalid_value', record: 2, line: 3, column: 'Approved On', field: 'approved_at', raw: 'not a date' });
    expect(p.columns.find((c: { header: string }) => c.header === 'Approved On')).toMatchObject({ type: 'timestamp', invalid: 1, nonBlank: 2 });
    const list = json(await w.app.inject({ method: 'GET', url: `/v1/engagements/${w.a.engagement.id}/populations`, headers: bearer(w.a.secret) }));
    const summary = list.populations.find((s: { id: string }) => s.id === population.id);
    expect(summary).toEqual({ id: population.id, kind: 'change', engagementId: w.a.engagement.id, source: p.source, rows: { total: 2, accepted: 2, malformed: 0, nonData: 0 }, issues: 1, createdAt: p.createdAt });
  });
});

describe('upload as multipart/form-data', () => {
  it('takes the options from fields sent before the file, streams the file part', async () => {
    const w = await shared;
    const csv = changeCsv(25, { startAt: 1000 });
    const body = multipart([['kind', 'change'], ['timeZone', 'Europe/Paris'], ['map', JSON.stringify({ implementer: 'Implemented By' })]], [{ filename: 'cc81.csv', content: csv }]);
    const res = await w.app.inject({ method: 'POST', url: `/v1/engagements/${w.a.engagement.id}/populations`, headers: { ...bearer(w.a.secret), ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(201);
    expect(json(res).population).toMatchObject({ source: { name: 'cc81.csv', sha256: sha256(csv), bytes: csv.length }, typing: { timeZone: 'Europe/Paris' }, rows: { total: 25 } });
    expect(tmpEntries(w.dataDir)).toEqual([]);
  });

  it('takes the options from the query string too', async () => {
    const w = await shared;
    const csv = changeCsv(5, { startAt: 2000 });
    const body = multipart([], [{ filename: 'q.csv', content: csv }]);
    const res = await w.app.inject({ method: 'POST', url: `/v1/engagements/${w.a.engagement.id}/populations?kind=change&name=renamed.csv`, headers: { ...bearer(w.a.secret), ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(201);
    expect(json(res).population.source).toMatchObject({ name: 'renamed.csv', sha256: sha256(csv) });
  });

  it('accepts an XLSX file part and a raw XLSX body', async () => {
    const w = await shared;
    const book = await xlsxOf(changeCsv(6, { startAt: 3000 }));
    const body = multipart([['kind', 'change']], [{ filename: 'changes.xlsx', contentType: 'application/octet-stream', content: book }]);
    const mp = await w.app.inject({ method: 'POST', url: `/v1/engagements/${w.a.engagement.id}/populations`, headers: { ...bearer(w.a.secret), ...body.headers }, payload: body.payload });
    expect(mp.statusCode).toBe(201);
    expect(json(mp).population).toMatchObject({ source: { format: 'xlsx', name: 'changes.xlsx', sha256: sha256(book), sheet: 'Changes' }, rows: { total: 6 } });
    const bookB = await xlsxOf(changeCsv(7, { startAt: 3100 }));
    const raw = await w.app.inject({ method: 'POST', url: `/v1/engagements/${w.b.engagement.id}/populations?kind=change&name=b.xlsx`, headers: { ...bearer(w.b.secret), 'content-type': XLSX_MIME }, payload: bookB });
    expect(raw.statusCode).toBe(201);
    expect(json(raw).population).toMatchObject({ source: { format: 'xlsx', name: 'b.xlsx', sha256: sha256(bookB) }, rows: { total: 7 } });
    expect(tmpEntries(w.dataDir)).toEqual([]);
  }, 60_000);

  it('refuses, with nothing stored: no file part, a second file, a field after the file', async () => {
    const w = await shared;
    const before = w.store.listPopulations(w.a.engagement.id).length;
    const csv = changeCsv(3, { startAt: 4000 });
    const cases = [
      [multipart([['kind', 'change']], []), /no file part/],
      [multipart([['kind', 'change']], [{ filename: 'a.csv', content: csv }, { filename: 'b.csv', content: csv }]), /exactly one file/],
      [multipart([['kind', 'change']], [{ filename: 'a.csv', content: csv }], { after: [['timeZone', 'UTC']] }), /comes after the file/],
    ] as const;
    for (const [body, message] of cases) {
      const res = await w.app.inject({ method: 'POST', url: `/v1/engagements/${w.a.engagement.id}/populations`, headers: { ...bearer(w.a.secret), ...body.headers }, payload: body.payload });
      expect(res.statusCode, String(message)).toBe(400);
      expect(json(res).code).toBe('TM_ERR_USAGE');
      expect(json(res).message).toMatch(message);
    }
    await nothingStored(w.a.engagement.id, before);
  });

  it('a truncated multipart body (cut inside the file, or missing its closing boundary) → 400, nothing stored', async () => {
    const w = await shared;
    const before = w.store.listPopulations(w.a.engagement.id).length;
    const csv = changeCsv(30, { startAt: 5000 });
    const whole = multipart([['kind', 'change']], [{ filename: 'a.csv', content: csv }]);
    const unclosed = multipart([['kind', 'change']], [{ filename: 'a.csv', content: csv }], { close: false });
    for (const payload of [whole.payload.subarray(0, Math.floor(whole.payload.length * 0.6)), unclosed.payload]) {
      const res = await w.app.inject({ method: 'POST', url: `/v1/engagements/${w.a.engagement.id}/populations`, headers: { ...bearer(w.a.secret), ...whole.headers }, payload });
      expect(res.statusCode).toBe(400);
      expect(json(res).code).toBe('TM_ERR_USAGE');
      expect(json(res).message).toMatch(/malformed or truncated multipart/);
    }
    await nothingStored(w.a.engagement.id, before);
  });
});

describe('bad uploads', () => {
  it('a missing required column → 422 TM_ERR_MISSING_FIELD naming it, nothing stored', async () => {
    const w = await shared;
    const before = w.store.listPopulations(w.a.engagement.id).length;
    const csv = 'Number,Type,Requested By,Approved By\nCHG1,Normal,a,b\n';
    const res = await uploadCsv(w.app, w.a.secret, w.a.engagement.id, csv);
    expect(res.statusCode).toBe(422);
    expect(json(res)).toMatchObject({ code: 'TM_ERR_MISSING_FIELD', details: { fields: ['deployed_at'], kind: 'change' } });
    expect(json(res).message).toMatch(/required field "deployed_at"/);
    await nothingStored(w.a.engagement.id, before);
  });

  it.each([
    ['', 'TM_ERR_EMPTY_FILE', 422],
    [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x00]), 'TM_ERR_BINARY_FILE', 422],
    [`${CHANGE_HEADER}\nCHG1,"Normal,a,b,2025-01-01,c,2025-01-02\n`, 'TM_ERR_UNCLOSED_QUOTE', 422],
  ])('malformed CSV %# → %s', async (csv, code, status) => {
    const w = await shared;
    const before = w.store.listPopulations(w.a.engagement.id).length;
    const res = await uploadCsv(w.app, w.a.secret, w.a.engagement.id, csv);
    expect(res.statusCode).toBe(status);
    expect(json(res).code).toBe(code);
    await nothingStored(w.a.engagement.id, before);
  });

  it.each([
    ['', 400, 'TM_ERR_USAGE'],
    ['kind=widget', 400, 'TM_ERR_USAGE'],
    ['kind=change&dateOrder=ymd', 400, 'TM_ERR_USAGE'],
    ['kind=change&map=%7Bnope', 400, 'TM_ERR_BAD_MAPPING'],
    ['kind=change&map=%5B1%5D', 400, 'TM_ERR_BAD_MAPPING'],
    ['kind=change&timeZone=Nowhere%2FLand', 400, 'TM_ERR_BAD_TIMEZONE'],
    ['kind=change&delimiter=x', 400, 'TM_ERR_INVALID_OPTION'],
    ['kind=change&format=xlsx', 400, 'TM_ERR_INVALID_OPTION'],
    ['kind=change&color=red', 400, 'TM_ERR_USAGE'],
  ])('bad options ?%s → %i %s', async (query, status, code) => {
    const w = await shared;
    const before = w.store.listPopulations(w.a.engagement.id).length;
    const res = await uploadCsv(w.app, w.a.secret, w.a.engagement.id, changeCsv(2, { startAt: 6000 }), query);
    expect(res.statusCode).toBe(status);
    expect(json(res).code).toBe(code);
    await nothingStored(w.a.engagement.id, before);
  });

  it('an unknown kind as a multipart field → TM_ERR_UNKNOWN_KIND listing the kinds', async () => {
    const w = await shared;
    const body = multipart([['kind', 'widget']], [{ filename: 'a.csv', content: changeCsv(2) }]);
    const res = await w.app.inject({ method: 'POST', url: `/v1/engagements/${w.a.engagement.id}/populations`, headers: { ...bearer(w.a.secret), ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ code: 'TM_ERR_UNKNOWN_KIND', details: { kind: 'widget', kinds: expect.arrayContaining(['change', 'access_grant']) } });
  });

  it.each([['application/json', '{"a":1}'], ['text/plain', 'Number\n1\n'], ['application/octet-stream', 'x'], [undefined, 'x']])('content type %s → 415, nothing stored', async (type, payload) => {
    const w = await shared;
    const before = w.store.listPopulations(w.a.engagement.id).length;
    const res = await w.app.inject({
      method: 'POST', url: `/v1/engagements/${w.a.engagement.id}/populations?kind=change`,
      headers: { ...bearer(w.a.secret), ...(type ? { 'content-type': type } : {}) }, payload,
    });
    expect(res.statusCode).toBe(415);
    expect(json(res).code).toBe('TM_ERR_UNSUPPORTED_MEDIA');
    await nothingStored(w.a.engagement.id, before);
  });
});

describe('upload size limit (64 KiB here)', () => {
  const big = changeCsv(1200, { startAt: 10_000 });

  it('a declared length over the limit → 413 before the body is read', async () => {
    const w = await shared;
    expect(big.length).toBeGreaterThan(64 * 1024);
    const before = w.store.listPopulations(w.a.engagement.id).length;
    const res = await uploadCsv(w.app, w.a.secret, w.a.engagement.id, big);
    expect(res.statusCode).toBe(413);
    expect(json(res)).toMatchObject({ code: 'TM_ERR_TOO_LARGE', details: { limitBytes: 64 * 1024 } });
    await nothingStored(w.a.engagement.id, before);
  });

  it('a streamed body without a length is cut off at the limit → 413, the partial temp removed', async () => {
    const w = await shared;
    const before = w.store.listPopulations(w.a.engagement.id).length;
    const pieces = big.match(/[\s\S]{1,4096}/g)!.map((s) => Buffer.from(s));
    const res = await w.app.inject({
      method: 'POST', url: `/v1/engagements/${w.a.engagement.id}/populations?kind=change`,
      headers: { ...bearer(w.a.secret), 'content-type': 'text/csv', 'transfer-encoding': 'chunked' }, payload: Readable.from(pieces),
    });
    expect(res.statusCode).toBe(413);
    expect(json(res).code).toBe('TM_ERR_TOO_LARGE');
    await nothingStored(w.a.engagement.id, before);
  });

  it('a multipart file over the limit → 413, nothing stored', async () => {
    const w = await shared;
    const before = w.store.listPopulations(w.a.engagement.id).length;
    // Just over the limit: the request passes the declared-length check (multipart overhead) and is cut while streaming.
    const body = multipart([['kind', 'change']], [{ filename: 'big.csv', content: big }]);
    const res = await w.app.inject({ method: 'POST', url: `/v1/engagements/${w.a.engagement.id}/populations`, headers: { ...bearer(w.a.secret), ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(413);
    expect(json(res).code).toBe('TM_ERR_TOO_LARGE');
    await nothingStored(w.a.engagement.id, before);
  });
});

describe('scope and ids', () => {
  it('a token for B cannot upload to, list or read A (404), without a token 401', async () => {
    const w = await shared;
    const { population } = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, changeCsv(4, { startAt: 7000 })));
    const before = w.store.listPopulations(w.a.engagement.id).length;
    const up = await uploadCsv(w.app, w.b.secret, w.a.engagement.id, changeCsv(4, { startAt: 7100 }));
    expect(up.statusCode).toBe(404);
    expect(json(up).code).toBe('TM_ERR_NOT_FOUND');
    expect((await w.app.inject({ method: 'GET', url: `/v1/engagements/${w.a.engagement.id}/populations`, headers: bearer(w.b.secret) })).statusCode).toBe(404);
    const read = await w.app.inject({ method: 'GET', url: `/v1/populations/${population.id}`, headers: bearer(w.b.secret) });
    expect(read.statusCode).toBe(404);
    expect(json(read).message).toBe(`population not found: ${population.id}`);
    expect((await w.app.inject({ method: 'GET', url: `/v1/populations/${population.id}`, headers: bearer(w.admin) })).statusCode).toBe(200);
    expect((await uploadCsv(w.app, '', w.a.engagement.id, changeCsv(2))).statusCode).toBe(401);
    await nothingStored(w.a.engagement.id, before);
  });

  it('the same bytes with the same options in another engagement are a population of its own', async () => {
    const w = await shared;
    const csv = changeCsv(4, { startAt: 7200 });
    const first = await uploadCsv(w.app, w.a.secret, w.a.engagement.id, csv, 'kind=change&timeZone=UTC');
    expect(first.statusCode).toBe(201);
    const res = await uploadCsv(w.app, w.b.secret, w.b.engagement.id, csv, 'kind=change&timeZone=UTC');
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain(w.a.engagement.id);
    const a = json(first).population;
    const b = json(res).population;
    expect(b.id).not.toBe(a.id);
    expect(b.sha256 ?? b.source?.sha256).toBe(a.sha256 ?? a.source?.sha256);
    const cross = await w.app.inject({ method: 'GET', url: `/v1/populations/${a.id}`, headers: bearer(w.b.secret) });
    expect(cross.statusCode).toBe(404);
  });

  it('traversal and over-long population ids → 400 TM_ERR_INVALID_ID', async () => {
    const w = await shared;
    for (const id of ['..%2F..%2Fcatalog.sqlite', 'pop_%00', 'p'.repeat(65), 'p'.repeat(500)]) {
      const res = await w.app.inject({ method: 'GET', url: `/v1/populations/${id}`, headers: bearer(w.a.secret) });
      expect(res.statusCode, `${id}: ${res.body}`).toBe(400);
      expect(json(res).code).toBe('TM_ERR_INVALID_ID');
    }
    const up = await uploadCsv(w.app, w.a.secret, '..%2Fx', changeCsv(2));
    expect(up.statusCode).toBe(400);
  });
});

describe('backpressure', () => {
  it('answers 503 with Retry-After while the worker pool queue is full, nothing stored', async () => {
    const w = await world({ workers: 2, poolPressure: () => ({ queued: 64, capacity: 64 }) });
    const res = await uploadCsv(w.app, w.a.secret, w.a.engagement.id, changeCsv(3));
    expect(res.statusCode).toBe(503);
    expect(json(res).code).toBe('TM_ERR_BUSY');
    expect(res.headers['retry-after']).toBe('5');
    expect(w.store.listPopulations(w.a.engagement.id)).toEqual([]);
  });
});
