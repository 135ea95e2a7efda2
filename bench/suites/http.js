/**
 * `npm run bench -- http [--rows N] [--once] [--duration S]`: the HTTP service over loopback.
 * 1. Upload-and-ingest of the generated change log (raw text/csv body, and hand-framed
 *    multipart around the streamed file), first byte → population stored, against the library
 *    ingest of the same file (2 workers each). Target: ≥ 0.8× the CLI throughput.
 * 2. Server RSS (its own process, /proc/<pid>/status every 100 ms, after an unmeasured warm-up
 *    upload): before; peak while the 1st half of the body arrives, while the 2nd half does, and
 *    from the last byte to the answer; 1 s after. Flat: the rise during the upload exceeds the
 *    CLI ingest's own rise (its peak on this file − on 1,000 rows) by far less than the file (a
 *    buffered body would add at least the file).
 * 3. requests/s, p50/p99 and server CPU per request with wrk on GET /v1/populations/:id (token)
 *    and on /v1/health (no token: the ceiling), the per-token rate limit raised out of the way.
 * 4. No stalls: /v1/health latency (p50/p95/p99/max) alone, then while 20 clients read and write
 *    large results (a sample of up to 100,000 items: its first page, random item pages, its CSV
 *    download, another engagement's 404 for it; sample jobs; uploads) — see load/health-under-load.js.
 *    Target: p95 under 50 ms. Also the 404 of another engagement's large sample against a missing id.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileMB, fmt, generated, measure, median, root, table } from '../lib.js';
import { healthUnderLoad } from '../load/health-under-load.js';

const WORKERS = 2;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mbOr = (x) => (Number.isNaN(x) ? '–' : fmt.mb(x));

export async function run({ rows, runs, argv }) {
  const d = argv.indexOf('--duration');
  const duration = d >= 0 ? Number(argv[d + 1]) : 10;
  const file = await generated('change', rows);
  const mb = fileMB(file);
  const cli = median('ingest', { file, workers: WORKERS }, runs);
  const cliTiny = measure('ingest', { file: await generated('change', 1000), workers: WORKERS }); // the ingest's fixed RSS

  const tmp = mkdtempSync(join(tmpdir(), 'tm-bench-http-'));
  const dataDir = join(tmp, 'data');
  const { openStore } = await import(join(root, 'dist/src/store/store.js'));
  const { createToken } = await import(join(root, 'dist/src/server/auth/tokens.js'));
  const seed = openStore({ dataDir });
  const admin = createToken(seed, { admin: true, label: 'bench' }, 'bench').secret; // as `tickmark token create --admin`
  seed.close();

  const server = startServerChild({ dataDir, workers: WORKERS, ratePerMinute: 1e9 });
  const cleanup = () => { server.child.kill('SIGKILL'); rmSync(tmp, { recursive: true, force: true }); };
  const onSigint = () => { cleanup(); process.exit(130); };
  process.once('exit', cleanup).once('SIGINT', onSigint);
  try {
    const base = await server.url;
    const idle = rssMB(server.child.pid);
    // Warm-up (up to 200k rows, unmeasured): start the pool and grow its heaps, so "before" is a ready server.
    const warm = await generated('change', Math.min(rows, 200_000));
    const { engagement: we } = (await call(base, '/v1/engagements', admin, { client: 'bench warm-up' })).body;
    await upload(base, admin, we.id, warm, 'raw');
    const warmRss = rssMB(server.child.pid);
    const uploads = [];
    let last;
    for (const mode of ['raw', 'multipart']) {
      const all = [];
      for (let i = 0; i < runs; i++) all.push(last = await measuredUpload(base, admin, file, mode, rows, server.child.pid));
      uploads.push({ mode, ...all.sort((a, b) => a.seconds - b.seconds)[Math.floor(all.length / 2)] });
    }

    const out = [{ what: `CLI ingest, ${WORKERS} workers (peak RSS ${fmt.mb(cli.maxRssMB)})`, seconds: fmt.s(cli.seconds), 'MB/s': fmt.mb(mb / cli.seconds), 'vs CLI': '1.00×', 'body sent s': '', 'RSS before': '', 'peak 1st half': '', 'peak 2nd half': '', 'peak after body': '', 'RSS 1 s after': '' }];
    for (const u of uploads) {
      out.push({ what: `upload, ${u.mode === 'raw' ? 'raw text/csv' : 'multipart'}, ${WORKERS} workers`, seconds: fmt.s(u.seconds), 'MB/s': fmt.mb(mb / u.seconds), 'vs CLI': fmt.ratio(cli.seconds / u.seconds), 'body sent s': fmt.s(u.sentSeconds), 'RSS before': fmt.mb(u.before), 'peak 1st half': mbOr(u.peak1), 'peak 2nd half': mbOr(u.peak2), 'peak after body': mbOr(u.tail), 'RSS 1 s after': fmt.mb(u.after) });
    }
    console.log(`\nhttp upload: ${rows.toLocaleString('en-US')}-row change log, ${mb.toFixed(1)} MB, loopback, median of ${runs}; RSS in MB, of the server process\n`);
    table(out);
    const rise = Math.max(...uploads.map((u) => u.peak - u.before));
    const second = Math.max(...uploads.map((u) => u.peak2 - u.peak1));
    const cliRise = cli.maxRssMB - cliTiny.maxRssMB;
    const ratio = Math.min(...uploads.map((u) => cli.seconds / u.seconds));
    console.log(`\ntarget upload-and-ingest ≥ 0.80× CLI: ${fmt.ratio(ratio)} (slowest mode) — ${ratio >= 0.8 ? 'met' : 'NOT met'}; the CLI's fixed cost (a 1,000-row ingest: imports, pool start) is ${fmt.s(cliTiny.seconds)} s`);
    const verdict = mb < 50 ? 'too small to judge: use the 1M-row file' : rise - cliRise < mb / 2 ? 'flat: the upload adds nothing like the file over the ingest\'s own memory' : 'NOT flat';
    console.log(`memory: server RSS rose ≤ ${fmt.mb(rise)} MB during an upload of ${mb.toFixed(1)} MB (≤ ${mbOr(second)} MB in the 2nd half of the body); the CLI ingest rises ${fmt.mb(cliRise)} MB on this file over 1,000 rows (${fmt.mb(cliTiny.maxRssMB)} → ${fmt.mb(cli.maxRssMB)} MB) — ${verdict}`);
    console.log(`        server RSS: ${fmt.mb(idle)} MB idle, ${fmt.mb(warmRss)} MB after the warm-up upload, ${fmt.mb(uploads.at(-1).after)} MB after the measured uploads`);

    if (!hasWrk()) console.log('\nwrk not found on PATH: apt-get install wrk (skipping requests/s)');
    else {
      const read = [
        { what: 'GET /v1/health (no token: ceiling)', path: '/v1/health' },
        { what: 'GET /v1/populations/:id (token)', path: `/v1/populations/${last.population.id}`, token: last.token },
      ].map((t) => ({ what: t.what, ...wrk(base + t.path, t.token, duration, server.child.pid) }));
      console.log(`\nhttp reads: wrk -t2 -c32 -d${duration}s --latency, one run each; rate limit raised to 1e9/min; server RSS now ${fmt.mb(rssMB(server.child.pid))} MB\n`);
      table(read);
    }

    // 4. /v1/health while 20 clients read and write large results.
    const items = Math.min(100_000, Math.floor(rows / 2));
    const drawn = await call(base, `/v1/populations/${last.population.id}/samples`, last.token, { seed: 'bench-large', size: items });
    let job;
    while (!['succeeded', 'failed', 'cancelled'].includes((job = (await call(base, `/v1/jobs/${drawn.body.job.id}`, last.token)).body.job).state)) await sleep(200);
    if (job.state !== 'succeeded') throw new Error(`large sample job ${job.state}: ${JSON.stringify(job.error)}`);
    const { engagement: other } = (await call(base, '/v1/engagements', admin, { client: 'bench other' })).body;
    const otherToken = (await call(base, '/v1/tokens', admin, { engagementId: other.id, label: 'bench other' })).body.secret;
    const me = (await call(base, '/v1/me', last.token)).body.token;
    const load = await healthUnderLoad({
      base, token: last.token, otherToken, engagementId: me.engagementId, sampleId: job.result.id, populationId: last.population.id, items,
      uploadFile: await generated('change', Math.min(rows, 20_000)), seconds: duration,
    });
    const ms = (x) => (Number.isNaN(x) ? '–' : x.toFixed(1));
    console.log(`\nno stalls: /v1/health one request at a time, alone (1 s) and while 20 clients run for ${duration} s against a ${items.toLocaleString('en-US')}-item sample\n`);
    table([
      { what: '/v1/health, idle', requests: fmt.int(load.idle.n), 'p50 ms': ms(load.idle.p50), 'p95 ms': ms(load.idle.p95), 'p99 ms': ms(load.idle.p99), 'max ms': ms(load.idle.max), answers: '' },
      { what: '/v1/health, under load', requests: fmt.int(load.health.n), 'p50 ms': ms(load.health.p50), 'p95 ms': ms(load.health.p95), 'p99 ms': ms(load.health.p99), 'max ms': ms(load.health.max), answers: '' },
      ...load.clients.map((c) => ({ what: `  ${c.what}`, requests: fmt.int(c.n), 'p50 ms': ms(c.p50), 'p95 ms': ms(c.p95), 'p99 ms': ms(c.p99), 'max ms': ms(c.max), answers: Object.entries(c.statuses).map(([s, n]) => `${s}×${n}`).join(' ') })),
    ]);
    console.log(`\ntarget /v1/health p95 under load < 50 ms: ${ms(load.health.p95)} ms — ${load.health.p95 < 50 ? 'met' : 'NOT met'}`);
  } finally {
    await stopServer(server);
    process.off('exit', cleanup).off('SIGINT', onSigint);
    rmSync(tmp, { recursive: true, force: true });
  }
  const final = server.lastLine();
  if (final?.maxRssMB) console.log(`\nserver process: lifetime peak RSS ${fmt.mb(final.maxRssMB)} MB`);
}

/** One upload into a new engagement (its own token), with the server's RSS sampled against the bytes sent. */
async function measuredUpload(base, admin, file, mode, rows, pid) {
  const { engagement } = (await call(base, '/v1/engagements', admin, { client: `bench ${mode}`, period: { start: '2025-01-01', end: '2025-12-31' } })).body;
  const token = (await call(base, '/v1/tokens', admin, { engagementId: engagement.id, label: 'bench' })).body.secret;
  await sleep(500);
  const before = rssMB(pid);
  const progress = { bytes: 0 };
  const stop = sampleRss(pid, progress);
  const r = await upload(base, token, engagement.id, file, mode, progress);
  const samples = stop();
  if (r.population.rows.total !== rows) throw new Error(`upload stored ${r.population.rows.total} rows, expected ${rows}`);
  const size = statSync(file).size;
  const peakOf = (lo, hi) => samples.filter((x) => x.bytes > lo && x.bytes <= hi).reduce((m, x) => (Math.max(m , x.rss)), NaN);
  await sleep(1000);
  return {
    ...r, token, before, peak1: peakOf(-1, size / 2), peak2: peakOf(size / 2, size - 1), tail: peakOf(size - 1, size),
    peak: Math.max(...samples.map((x) => x.rss)), after: rssMB(pid),
  };
}

/** The server in its own process (bench/tasks/http-server.js through measure.js). */
function startServerChild(args) {
  const child = spawn(process.execPath, [join(root, 'bench', 'measure.js'), 'http-server', JSON.stringify(args)], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, TZ: 'UTC' } });
  const lines = [];
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.setEncoding('utf8').on('data', (s) => {
      buf += s;
      for (let i; (i = buf.indexOf('\n')) >= 0; buf = buf.slice(i + 1)) lines.push(buf.slice(0, i));
      if (lines.length) resolve(JSON.parse(lines[0]).url);
    });
    void exited.then((code) => reject(new Error(`bench server exited (${code}) before listening`)));
  });
  url.catch(() => undefined);
  return { child, url, exited, lastLine: () => (lines.length > 1 ? JSON.parse(lines.at(-1)) : undefined) };
}

/** Close its stdin (graceful close), SIGKILL if it is not gone within 15 s. */
async function stopServer(server) {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.stdin.end();
    const t = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
    await server.exited;
    clearTimeout(t);
  }
}

function rssMB(pid) {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return NaN;
  }
}

/** Sample a process's RSS every 100 ms with the bytes sent so far; the returned function stops and gives the samples. */
function sampleRss(pid, progress) {
  const samples = [];
  const take = () => samples.push({ bytes: progress.bytes, rss: rssMB(pid) });
  const t = setInterval(take, 100);
  return () => { clearInterval(t); take(); return samples; };
}

/** A JSON request with a bearer token; throws unless 2xx. */
async function call(base, path, token, body) {
  const res = await fetch(base + path, { method: body ? 'POST' : 'GET', headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${body ? 'POST' : 'GET'} ${path} → ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return { status: res.status, body: json };
}

/** Stream the file as the request body (raw, or between hand-built multipart framing); time to the stored population. */
async function upload(base, token, engagementId, file, mode, progress = { bytes: 0 }) {
  const boundary = `----tickmark-bench-${randomBytes(12).toString('hex')}`;
  const raw = mode === 'raw';
  const head = raw ? '' : `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nchange\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${basename(file)}"\r\nContent-Type: text/csv\r\n\r\n`;
  const tail = raw ? '' : `\r\n--${boundary}--\r\n`;
  const headers = {
    authorization: `Bearer ${token}`, 'content-type': raw ? 'text/csv' : `multipart/form-data; boundary=${boundary}`,
    'content-length': statSync(file).size + Buffer.byteLength(head) + Buffer.byteLength(tail),
  };
  const t0 = performance.now();
  let sent = NaN;
  let res = await new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/v1/engagements/${engagementId}/populations${raw ? '?kind=change' : ''}`, { method: 'POST', headers }, (r) => {
      const chunks = [];
      r.on('data', (c) => chunks.push(c)).on('error', reject)
        .on('end', () => resolve({ status: r.statusCode, location: r.headers.location, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.write(head);
    createReadStream(file, { highWaterMark: 1024 * 1024 }).on('error', reject).on('data', (c) => { progress.bytes += c.length; })
      .on('end', () => req.end(tail, () => { sent = performance.now(); }))
      .pipe(req, { end: false });
  });
  // An upload answered with a job (202): poll it, then read the population it made.
  if (res.status === 202) {
    let job;
    while (!['succeeded', 'failed', 'cancelled'].includes((job = (await call(base, res.location, token)).body.job).state)) await sleep(100);
    if (job.state !== 'succeeded') throw new Error(`upload job ${job.state}: ${JSON.stringify(job.error)}`);
    res = { status: 201, body: (await call(base, job.result.href, token)).body };
  }
  if (res.status !== 201 && res.status !== 200) throw new Error(`upload (${mode}) → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return { seconds: (performance.now() - t0) / 1000, sentSeconds: (sent - t0) / 1000, population: res.body.population };
}

function hasWrk() {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    return err.code !== 'ENOENT'; // wrk --version exits 1 but exists
  }
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** One wrk run; requests/s, p50/p99 in ms, non-2xx and socket errors from its report; the server's CPU per request. */
function wrk(url, token, seconds, pid) {
  const cpu0 = cpuSeconds(pid);
  const args = ['-t2', '-c32', `-d${seconds}s`, '--latency', ...(token ? ['-H', `Authorization: Bearer ${token}`] : []), url];
  const text = execFileSync('wrk', args, { encoding: 'utf8', timeout: (seconds + 60) * 1000 });
  const cpu = cpuSeconds(pid) - cpu0;
  const ms = (p) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(text);
    return m ? (Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]]).toFixed(2) : '?';
  };
  const num = (re) => Number(re.exec(text)?.[1] ?? 0);
  const errors = /Socket errors: (.*)/.exec(text)?.[1] ?? '0';
  const read = /requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB) read/.exec(text);
  const bytes = read ? Number(read[1]) * 1024 ** ['B', 'KB', 'MB', 'GB'].indexOf(read[2]) : NaN;
  const n = num(/(\d+) requests in/);
  return {
    'req/s': fmt.int(num(/Requests\/sec:\s+([\d.]+)/)), 'p50 ms': ms(50), 'p99 ms': ms(99), requests: fmt.int(n),
    'bytes/resp': fmt.int(bytes / n), 'server CPU µs/req': fmt.int((cpu * 1e6) / n), 'non-2xx': fmt.int(num(/Non-2xx or 3xx responses: (\d+)/)), 'socket errors': errors,
  };
}
