/**
 * End to end over real HTTP (127.0.0.1, port 0): an admin creates an engagement and a token; the
 * client uploads a generated change log as multipart, runs the completeness check, pulls a
 * stratified sample, tests it, downloads the workbook and verifies the sample. The selection
 * equals what `drawSample` gives for the same file and seed ingested directly, and concurrent
 * sample requests with the same seed return the same selection hash. `npm test` runs it on a few
 * thousand rows (test/server/e2e.test.ts), the scale suite on 200,000 (test/scale/service-e2e.test.ts).
 *
 * Runs on the worker pool (the built workers in dist/; `npm test` builds first). Set
 * TICKMARK_E2E_WORKERS=0 to run it in-thread.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { readWorkbookManifest } from '../../src/export/index.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { drawSample } from '../../src/operations/index.js';
import { startServer } from '../../src/server/listen.js';
import { createToken } from '../../src/server/auth/tokens.js';
import { openStore } from '../../src/store/store.js';
import { changeCsv, tempDataDir } from './helpers.js';
import { cleanUp } from '../helpers/tmp.js';

const workers = process.env.TICKMARK_E2E_WORKERS === undefined ? undefined : Number(process.env.TICKMARK_E2E_WORKERS);
const SAMPLE = { seed: '20251231', size: 40, method: 'stratified', strata: 'month' } as const;

async function call<T = any>(url: string, init: RequestInit & { token?: string } = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const { token, ...rest } = init;
  const res = await fetch(url, { ...rest, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(rest.body && typeof rest.body === 'string' ? { 'content-type': 'application/json' } : {}), ...(rest.headers as Record<string, string> | undefined) } });
  const text = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, body: (type.startsWith('application/json') ? JSON.parse(text.toString('utf8')) : text) as T };
}

async function job(base: string, token: string, location: string): Promise<any> {
  for (;;) {
    const { status, body, headers } = await call(`${base}${location}`, { token });
    if (status === 429) {
      await new Promise((r) => setTimeout(r, Number(headers.get('retry-after') ?? 1) * 1000));
      continue;
    }
    expect(status, JSON.stringify(body)).toBe(200);
    if (['succeeded', 'failed', 'cancelled'].includes(body.job.state)) return body.job;
    await new Promise((r) => setTimeout(r, 50)); // a poll: the job's state is only readable over HTTP
  }
}

async function startJob(base: string, token: string, path: string, payload: object): Promise<string> {
  const res = await call(`${base}${path}`, { method: 'POST', token, body: JSON.stringify(payload) });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.headers.get('location')!;
}

/** The whole flow on `ROWS` generated rows, with `CONCURRENT` sample requests at once at the end. */
export async function endToEnd(ROWS: number, CONCURRENT: number): Promise<void> {
  {
    const dataDir = tempDataDir();
    const seedStore = openStore({ dataDir });
    const admin = createToken(seedStore, { admin: true }).secret;
    seedStore.close();
    const server = await startServer({ port: 0, dataDir, handleSignals: false, ...(workers !== undefined ? { workers } : {}), limits: { maxQueuedJobs: 64, ratePerMinute: 6000 } });
    cleanUp(() => server.close());
    const base = server.url;

    // An admin creates the engagement and its token.
    const engagement = (await call(`${base}/v1/engagements`, { method: 'POST', token: admin, body: JSON.stringify({ client: 'Acme Corp', name: 'SOC 2 Type 2 — 2025', period: { start: '2025-01-01', end: '2025-12-31' }, timeZone: 'UTC' }) })).body.engagement;
    const minted = await call(`${base}/v1/tokens`, { method: 'POST', token: admin, body: JSON.stringify({ engagementId: engagement.id, label: 'e2e' }) });
    expect(minted.status).toBe(201);
    const token: string = minted.body.secret;

    // Upload the population as multipart.
    const csv = changeCsv(ROWS);
    const file = join(dataDir, '..', 'changes-2025.csv');
    writeFileSync(file, csv);
    const form = new FormData();
    form.append('kind', 'change');
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'changes-2025.csv');
    const uploaded = await call(`${base}/v1/engagements/${engagement.id}/populations`, { method: 'POST', token, body: form });
    expect(uploaded.status, JSON.stringify(uploaded.body).slice(0, 500)).toBe(201);
    const population = uploaded.body.population;
    expect(population.rows).toEqual({ total: ROWS, accepted: ROWS, malformed: 0, nonData: 0 });

    // Completeness over the engagement period.
    const completeness = await job(base, token, await startJob(base, token, `/v1/populations/${population.id}/completeness`, {}));
    expect(completeness.state, JSON.stringify(completeness.error)).toBe('succeeded');
    expect(completeness.progress).toEqual({ done: ROWS, total: ROWS });
    const report = (await call(`${base}${completeness.result.href}`, { token })).body.completeness.report;
    expect(report.population).toMatchObject({ id: population.id, rows: ROWS });

    // A stratified sample: the same selection as the library gives for the same file and seed.
    const pulled = await job(base, token, await startJob(base, token, `/v1/populations/${population.id}/samples`, SAMPLE));
    expect(pulled.state, JSON.stringify(pulled.error)).toBe('succeeded');
    const sample = (await call(`${base}${pulled.result.href}`, { token })).body.sample;
    expect(sample.manifest.strata.map((s: { id: string }) => s.id)).toHaveLength(12);
    const direct = openStore({ dataDir: join(dataDir, '..', 'direct') });
    try {
      const ingested = await ingestFile(direct, file, { kind: 'change', timeZone: 'UTC', workers: 0 });
      // Same bytes, same content; the id differs only because the upload belongs to an engagement.
      expect(ingested.population.source.sha256).toBe(population.sha256 ?? population.source.sha256);
      const expected = await drawSample(direct, ingested.population.id, { ...SAMPLE }, { workers: 0 });
      expect(sample.manifest.selectionSha256).toBe(expected.manifest.selectionSha256);
      expect(sample.selection.items.map((i: { key: string }) => i.key)).toEqual(expected.selection.items.map((i) => i.key));
    } finally {
      direct.close();
    }

    // Test the sample's attributes.
    const tested = await job(base, token, await startJob(base, token, `/v1/populations/${population.id}/test-runs`, { sampleId: sample.id }));
    expect(tested.state, JSON.stringify(tested.error)).toBe('succeeded');
    const run = (await call(`${base}${tested.result.href}`, { token })).body.testRun;
    expect(run.run.overall.items).toBe(SAMPLE.size);

    // Download the workbook (sample + test results), then re-perform from the manifest it carries.
    const workbook = await call(`${base}/v1/test-runs/${run.id}/workbook?controlId=CC8.1-01`, { token });
    expect(workbook.status).toBe(200);
    expect(workbook.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(workbook.headers.get('content-disposition')).toBe(`attachment; filename="CC8.1-01-${run.id}.xlsx"`);
    const bookPath = join(dataDir, '..', 'CC8.1-01.xlsx');
    writeFileSync(bookPath, workbook.body as unknown as Buffer);
    const fromBook = await readWorkbookManifest(bookPath);
    expect(fromBook.manifest.selectionSha256).toBe(sample.manifest.selectionSha256);
    const verified = await job(base, token, await startJob(base, token, `/v1/samples/${sample.id}/verify`, { manifest: fromBook.manifest }));
    expect(verified.state, JSON.stringify(verified.error)).toBe('succeeded');
    expect((await call(`${base}${verified.result.href}`, { token })).body.verification).toMatchObject({ identical: true, differences: [] });

    // 20 concurrent pulls with the same seed: one selection hash.
    const locations = await Promise.all(Array.from({ length: CONCURRENT }, () => startJob(base, token, `/v1/populations/${population.id}/samples`, SAMPLE)));
    const finished = await Promise.all(locations.map((l) => job(base, token, l)));
    expect(finished.map((j) => j.state)).toEqual(Array(CONCURRENT).fill('succeeded'));
    const hashes = await Promise.all(finished.map(async (j) => (await call(`${base}${j.result.href}`, { token })).body.sample.manifest.selectionSha256));
    expect(new Set(hashes)).toEqual(new Set([sample.manifest.selectionSha256]));

    // Every request is in the audit log under the token's id.
    const audit = (await call(`${base}/v1/audit-log?limit=1000`, { token: admin })).body.entries;
    const tokenId = minted.body.token.id;
    expect(audit.filter((e: { actor: string; action: string }) => e.actor === tokenId && e.action === 'sample.create')).toHaveLength(CONCURRENT + 1);
  }
}
