/**
 * /v1/health latency while 20 clients read and write large results against the same server
 * (the service's "no stalls" check, shared by `npm run bench -- http` and the scale suite).
 * Clients, in loops until the time is up: the first page of a large sample, random pages of its
 * items, its CSV download (built on the worker pool), another engagement's request for it (a
 * 404 from the catalog row), sample draws (jobs) and uploads — each client waiting `pauseMs`
 * between its operations, as a person's client does (0: back to back, which measures a saturated
 * event loop's queue rather than a stall). A prober asks /v1/health one request at a time
 * meanwhile. Refusals (429/503) count as answers: they are the limits working.
 *
 * @example
 * const r = await healthUnderLoad({ base, token, otherToken, sampleId, populationId, items, uploadFile, seconds: 10 })
 * r.health.p95 // ms
 */
import { readFileSync } from 'node:fs';

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

export function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: pct(sorted, 50), p95: pct(sorted, 95), p99: pct(sorted, 99), max: sorted.at(-1) ?? NaN };
}

async function timed(url, init) {
  const t0 = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status };
}

/** /v1/health one request at a time until `stop()`; the latencies. */
async function probe(base, stopped) {
  const ms = [];
  while (!stopped()) ms.push((await timed(`${base}/v1/health`)).ms);
  return ms;
}

export async function healthUnderLoad({ base, token, otherToken, engagementId, sampleId, populationId, items, uploadFile, seconds = 10, clients = 20, pauseMs = 100, only }) {
  const auth = (t) => ({ authorization: `Bearer ${t}` });
  let idleDone = false;
  setTimeout(() => (idleDone = true), 1000);
  const idle = await probe(base, () => idleDone);

  const upload = readFileSync(uploadFile);
  const pages = Math.max(1, Math.ceil(items / 1000));
  const kinds = [
    ['sample, first page', () => timed(`${base}/v1/samples/${sampleId}`, { headers: auth(token) })],
    ['sample items, a random page', () => timed(`${base}/v1/samples/${sampleId}/items?limit=1000&cursor=${Buffer.from(JSON.stringify([Math.floor(Math.random() * pages) * 1000, 'selection.items'])).toString('base64url')}`, { headers: auth(token) })],
    ['sample CSV download', () => timed(`${base}/v1/samples/${sampleId}/export?format=csv`, { headers: auth(token) })],
    ["another engagement's large sample (404)", () => timed(`${base}/v1/samples/${sampleId}`, { headers: auth(otherToken) })],
    ['a missing sample id (404)', () => timed(`${base}/v1/samples/samp_doesnotexist00`, { headers: auth(otherToken) })],
    ['sample draw (job)', () => timed(`${base}/v1/populations/${populationId}/samples`, { method: 'POST', headers: { ...auth(token), 'content-type': 'application/json' }, body: JSON.stringify({ seed: String(Math.random()), size: 1000 }) })],
    ['upload', () => timed(`${base}/v1/engagements/${engagementId}/populations?kind=change&name=${Math.random()}`, { method: 'POST', headers: { ...auth(token), 'content-type': 'text/csv' }, body: upload })],
  ];
  // 20 clients: 4 first pages, 6 item pages, 1 CSV download, 2 + 2 404s, 3 sample draws, 2 uploads.
  const plan = (only === undefined ? [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 3, 3, 4, 4, 5, 5, 5, 6, 6] : Array(20).fill(only)).slice(0, clients);
  const stats = kinds.map(([what]) => ({ what, ms: [], statuses: {} }));
  let stop = false;
  const loops = plan.map(async (k) => {
    while (!stop) {
      const r = await kinds[k][1]();
      stats[k].ms.push(r.ms);
      stats[k].statuses[r.status] = (stats[k].statuses[r.status] ?? 0) + 1;
      if (pauseMs) await new Promise((done) => setTimeout(done, pauseMs));
    }
  });
  const prober = probe(base, () => stop);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  stop = true;
  const loaded = await prober;
  await Promise.all(loops);
  return {
    idle: percentiles(idle),
    health: percentiles(loaded),
    clients: stats.map((s) => ({ what: s.what, ...percentiles(s.ms), statuses: s.statuses })),
  };
}
