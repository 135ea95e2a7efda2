/**
 * Scale suite (`npm run test:scale`): the service does not stall. A server in its own process
 * (the built CLI's `serve`, 2 workers) holds a 200,000-row population and a 100,000-item sample;
 * /v1/health stays under 50 ms at the 95th percentile while 20 clients read and write large
 * results (bench/load/health-under-load.js), and another engagement's request for the large
 * sample answers in the time of a missing id. Timing assertions live here, not in `npm test`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript shared with the bench
import { healthUnderLoad, percentiles } from '../../bench/load/health-under-load.js';
import { createToken } from '../../src/server/auth/tokens.js';
import { createEngagement } from '../../src/server/engagements/engagements.js';
import { openStore } from '../../src/store/store.js';
import { writePopulation } from '../../src/synthetic/index.js';
import { cleanUp, tempDir } from '../helpers/tmp.js';

const root = join(import.meta.dirname, '..', '..');

async function json(res: Response) {
  const body = await res.json();
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body as any;
}

describe.runIf(process.env.TICKMARK_SCALE)('a shared service under load', () => {
  it('keeps /v1/health under 50 ms (p95) while 20 clients read and write a 100,000-item sample, and answers another engagement like a missing id', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const big = join(dir, 'changes-200000.csv');
    const small = join(dir, 'changes-20000.csv');
    await writePopulation(big, { kind: 'change', rows: 200_000, seed: 7, period: { start: '2025-01-01', end: '2025-12-31' } });
    await writePopulation(small, { kind: 'change', rows: 20_000, seed: 8, period: { start: '2025-01-01', end: '2025-12-31' } });
    const seed = openStore({ dataDir });
    const a = createEngagement(seed, { client: 'A', period: { start: '2025-01-01', end: '2025-12-31' } });
    const b = createEngagement(seed, { client: 'B' });
    const ta = createToken(seed, { engagementId: a.id }).secret;
    const tb = createToken(seed, { engagementId: b.id }).secret;
    seed.close();

    const port = 20_000 + (process.pid % 20_000);
    const child = spawn(process.execPath, [join(root, 'bin', 'tickmark.js'), 'serve', '--port', String(port), '--data-dir', dataDir, '--workers', '2', '--rate', '100000000'], { stdio: 'ignore', env: { ...process.env, TZ: 'UTC' } });
    const exited = new Promise((r) => child.once('exit', r));
    // Other processes on a shared machine must not starve the server being measured: it runs at a
    // raised priority where that is permitted (before its worker threads start, which inherit it).
    try {
      setPriority(child.pid!, -5);
    } catch {
      // not permitted: the usual priority
    }
    cleanUp(async () => {
      child.kill('SIGTERM');
      await exited;
    });
    const base = `http://127.0.0.1:${port}`;
    for (;;) {
      try {
        await fetch(`${base}/v1/health`);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const auth = { authorization: `Bearer ${ta}` };
    const { population } = await json(await fetch(`${base}/v1/engagements/${a.id}/populations?kind=change`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: readFileSync(big) }));
    const { job } = await json(await fetch(`${base}/v1/populations/${population.id}/samples`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ seed: 'scale', size: 100_000 }) }));
    let done;
    while (!['succeeded', 'failed'].includes((done = (await json(await fetch(`${base}/v1/jobs/${job.id}`, { headers: auth }))).job).state)) await new Promise((r) => setTimeout(r, 250));
    expect(done.state).toBe('succeeded');

    // Another engagement's large sample and a missing id: the same answer in the same time.
    const time = async (url: string) => {
      const t0 = performance.now();
      const res = await fetch(url, { headers: { authorization: `Bearer ${tb}` } });
      await res.arrayBuffer();
      return performance.now() - t0;
    };
    const other: number[] = [];
    const missing: number[] = [];
    for (let i = 0; i < 40; i++) {
      other.push(await time(`${base}/v1/samples/${done.result.id}`));
      missing.push(await time(`${base}/v1/samples/samp_doesnotexist00`));
    }
    expect(percentiles(other).p50).toBeLessThan(Math.max(5, 3 * percentiles(missing).p50));

    const load = await healthUnderLoad({
      base, token: ta, otherToken: tb, engagementId: a.id, sampleId: done.result.id, populationId: population.id, items: 100_000, uploadFile: small, seconds: 15,
    });
    const figures = JSON.stringify({ idle: load.idle, health: load.health });
    expect(load.health.n, figures).toBeGreaterThan(50);
    expect(load.health.p95, figures).toBeLessThan(50);
  }, 1_800_000);
});
