/**
 * A client that goes away mid-upload, against a real listening server on 127.0.0.1: no partial
 * population, no stray temp files, and the server keeps serving.
 */
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/listen.js';
import { createToken } from '../../src/server/auth/tokens.js';
import { createEngagement } from '../../src/server/engagements/engagements.js';
import { JobStore } from '../../src/server/jobs/job-store.js';
import { openStore } from '../../src/store/store.js';
import { changeCsv, multipart, tempDataDir, tmpEntries } from './helpers.js';

const setup = (async () => {
  const dataDir = tempDataDir();
  const seed = openStore({ dataDir });
  const engagement = createEngagement(seed, { client: 'Acme' });
  const { secret } = createToken(seed, { engagementId: engagement.id });
  seed.close();
  const server = await startServer({ port: 0, dataDir, workers: 0, handleSignals: false });
  afterAll(() => server.close());
  return { dataDir, engagement, secret, server, store: server.app.tickmark.store, app: () => server.app.tickmark };
})();

/** Send headers and the first `sendBytes` of `body`, wait until the server holds the upload (`holding`), then destroy the socket. */
function abandon(url: string, headers: Record<string, string>, body: Buffer, sendBytes: number, holding: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.length) } });
    req.on('error', () => resolve());
    req.on('response', (res) => reject(new Error(`answered ${res.statusCode} before the client went away`)));
    req.write(body.subarray(0, sendBytes), () => {
      settle(holding).then((held) => {
        req.destroy();
        if (held) resolve();
        else reject(new Error('the server never held the upload'));
      }, reject);
    });
  });
}

/** Wait for a state the server reaches on its own (polled: the server offers no event for it), up to `ms`. */
async function settle(check: () => boolean, ms = 5000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

describe('client disconnect mid-upload', () => {
  it('raw text/csv: no population, no temp files, the server still answers and accepts a full upload', async () => {
    const s = await setup;
    const csv = Buffer.from(changeCsv(3000));
    const url = `${s.server.url}/v1/engagements/${s.engagement.id}/populations?kind=change`;
    await abandon(url, { authorization: `Bearer ${s.secret}`, 'content-type': 'text/csv' }, csv, Math.floor(csv.length / 3), () => s.app().uploads.size === 1 && tmpEntries(s.dataDir).length === 1);
    expect(await settle(() => tmpEntries(s.dataDir).length === 0 && s.app().uploads.size === 0)).toBe(true);
    expect(s.store.listPopulations(s.engagement.id)).toEqual([]);
    const health = await fetch(`${s.server.url}/v1/health`);
    expect(health.status).toBe(200);
    const full = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${s.secret}`, 'content-type': 'text/csv' }, body: csv });
    expect(full.status).toBe(201);
    expect(((await full.json()) as { population: { rows: { total: number } } }).population.rows.total).toBe(3000);
    expect(s.store.listPopulations(s.engagement.id)).toHaveLength(1);
  });

  it('multipart: the same — cut inside the file part', async () => {
    const s = await setup;
    const before = s.store.listPopulations(s.engagement.id).length;
    const body = multipart([['kind', 'change']], [{ filename: 'c.csv', content: changeCsv(3000, { startAt: 50_000 }) }]);
    const url = `${s.server.url}/v1/engagements/${s.engagement.id}/populations`;
    await abandon(url, { authorization: `Bearer ${s.secret}`, ...body.headers }, body.payload, Math.floor(body.payload.length / 2), () => s.app().uploads.size === 1 && tmpEntries(s.dataDir).length === 1);
    expect(await settle(() => tmpEntries(s.dataDir).length === 0 && s.app().uploads.size === 0)).toBe(true);
    expect(s.store.listPopulations(s.engagement.id)).toHaveLength(before);
    expect((await fetch(`${s.server.url}/v1/health`)).status).toBe(200);
    const aborted = s.store.auditLog(20).find((e) => e.action === 'http.request' && (e.params as { aborted?: boolean }).aborted);
    expect(aborted?.target).toBe(`/v1/engagements/${s.engagement.id}/populations`);
  });
});

describe('graceful shutdown', () => {
  it('close() aborts an upload in flight and a running job, removes the partial temp, and closes the store', async () => {
    const dataDir = tempDataDir();
    const seed = openStore({ dataDir });
    const engagement = createEngagement(seed, { client: 'Acme' });
    const { secret } = createToken(seed, { engagementId: engagement.id });
    seed.close();
    const server = await startServer({ port: 0, dataDir, workers: 0, handleSignals: false });
    const { store, jobs, uploads } = server.app.tickmark;
    let jobSignal: AbortSignal | undefined;
    const job = jobs.submit({ type: 'sample', engagementId: engagement.id, work: ({ signal }) => new Promise((_, reject) => { jobSignal = signal; signal.addEventListener('abort', () => reject(signal.reason)); }) });
    const csv = Buffer.from(changeCsv(3000));
    const req = request(`${server.url}/v1/engagements/${engagement.id}/populations?kind=change`, {
      method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'text/csv', 'content-length': String(csv.length) },
    });
    // The upload in flight is answered, not dropped: 503 with Retry-After (the service is stopping).
    const answered = new Promise<{ status: number; retryAfter: string | undefined } | string>((resolve) => {
      req.on('response', (res) => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined }));
      req.on('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? 'error'));
    });
    req.write(csv.subarray(0, csv.length / 2));
    expect(await settle(() => uploads.size === 1 && tmpEntries(dataDir).length === 1)).toBe(true);
    await server.close();
    expect(await answered).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
    req.destroy();
    expect(jobSignal?.aborted).toBe(true);
    expect(tmpEntries(dataDir)).toEqual([]);
    expect(() => store.listPopulations()).toThrow(/not open/);
    const reopened = openStore({ dataDir });
    expect(reopened.listPopulations()).toEqual([]);
    // The service stopped the job, not its owner: it reads as interrupted, not cancelled.
    expect(new JobStore(reopened).get(job.id)).toMatchObject({ state: 'failed', error: { code: 'TM_ERR_INTERRUPTED', details: { state: 'running' } } });
    reopened.close();
  });
});
