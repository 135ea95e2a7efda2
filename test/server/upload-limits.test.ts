/**
 * Upload limits against a real listening server on 127.0.0.1, spoken to over raw sockets: a
 * chunked body over the limit gets its 413 and the server closes the connection; a token's
 * uploads in flight are capped (429); an upload that stops sending is ended (408); an upload in
 * flight is a job whose progress another connection reads.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/server/auth/tokens.js';
import { createEngagement } from '../../src/server/engagements/engagements.js';
import { startServer } from '../../src/server/listen.js';
import { openStore } from '../../src/store/store.js';
import { changeCsv, tempDataDir, tmpEntries } from './helpers.js';

const setup = (async () => {
  const dataDir = tempDataDir();
  const seed = openStore({ dataDir });
  const engagement = createEngagement(seed, { client: 'Acme' });
  const { secret } = createToken(seed, { engagementId: engagement.id });
  seed.close();
  const server = await startServer({ port: 0, dataDir, workers: 0, handleSignals: false, limits: { uploadBytes: 64 * 1024, maxUploadsPerToken: 1, uploadIdleMs: 1500 } });
  afterAll(() => server.close());
  return { dataDir, engagement, secret, server, path: `/v1/engagements/${engagement.id}/populations?kind=change` };
})();

interface Exchange {
  socket: Socket;
  /** Everything the server sent, once it closed the connection. */
  closed: Promise<string>;
  /** Resolves with the status line and headers as soon as they arrive. */
  head: Promise<{ status: number; headers: Record<string, string>; text: () => string }>;
}

/** Open a socket to the server and send a request head; the body is written by the caller. */
function open(port: number, head: string): Exchange {
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  let received = '';
  let onHead!: (h: { status: number; headers: Record<string, string>; text: () => string }) => void;
  const headP = new Promise<{ status: number; headers: Record<string, string>; text: () => string }>((r) => (onHead = r));
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  socket.on('error', () => undefined);
  socket.on('data', (d) => {
    received += d.toString('latin1');
    const end = received.indexOf('\r\n\r\n');
    if (end >= 0) {
      const [statusLine, ...lines] = received.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      onHead({ status: Number(statusLine!.split(' ')[1]), headers, text: () => received });
    }
  });
  socket.write(head);
  return { socket, closed, head: headP };
}

const chunk = (data: string | Buffer) => `${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`;

describe('a chunked upload over the limit', () => {
  it('is answered 413 with Connection: close, and the server closes the connection while the client is still sending', async () => {
    const s = await setup;
    const x = open(s.server.port, `POST ${s.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${s.secret}\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const csv = changeCsv(2000); // ~150 KB: more than the 64 KiB limit
    x.socket.write(chunk(csv));
    const head = await x.head;
    expect(head.status).toBe(413);
    expect(head.headers.connection).toBe('close');
    const all = await x.closed; // the server ended the connection: no terminating chunk was ever sent
    expect(all).toContain('"code":"TM_ERR_TOO_LARGE"');
    expect(tmpEntries(s.dataDir)).toEqual([]);
  });
});

describe('requests the HTTP parser refuses', () => {
  it('headers too large: a coded 431, and the connection closed', async () => {
    const s = await setup;
    const x = open(s.server.port, `GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    const head = await x.head;
    expect(head.status).toBe(431);
    const all = await x.closed;
    expect(JSON.parse(all.slice(all.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'TM_ERR_HEADERS_TOO_LARGE' });
  });

  it('a malformed request: a coded 400', async () => {
    const s = await setup;
    const x = open(s.server.port, 'GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n');
    const head = await x.head;
    expect(head.status).toBe(400);
    const all = await x.closed;
    expect(JSON.parse(all.slice(all.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'TM_ERR_USAGE' });
  });
});

describe('uploads in flight', () => {
  it("a token's second upload while one is in flight is refused 429 (maxUploadsPerToken); the first is a job with byte progress, then 408 when it stops sending", async () => {
    const s = await setup;
    const csv = Buffer.from(changeCsv(400));
    const first = open(s.server.port, `POST ${s.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${s.secret}\r\nContent-Type: text/csv\r\nContent-Length: ${csv.length}\r\n\r\n`);
    first.socket.write(csv.subarray(0, 1000));
    // From another connection: the upload is a running job that has counted the bytes sent so far.
    let job: { id: string; state: string; progress: { bytes: number; total: number } } | undefined;
    while (!job || (job.state === 'running' && job.progress.bytes < 1000)) {
      const res = await fetch(`${s.server.url}/v1/jobs?type=upload`, { headers: { authorization: `Bearer ${s.secret}` } });
      job = ((await res.json()) as { jobs: NonNullable<typeof job>[] }).jobs.find((j) => j.progress.total === csv.length); // this upload (its declared length)
      if (!job || job.progress.bytes < 1000) await new Promise((r) => setImmediate(r));
    }
    expect(job).toMatchObject({ state: 'running', progress: { bytes: 1000, done: 1000, total: csv.length } });

    const second = await fetch(`${s.server.url}${s.path}`, { method: 'POST', headers: { authorization: `Bearer ${s.secret}`, 'content-type': 'text/csv' }, body: csv });
    expect(second.status).toBe(429);
    expect(await second.json()).toMatchObject({ code: 'TM_ERR_QUOTA', details: { limit: 'maxUploadsPerToken', value: 1 } });
    expect(second.headers.get('retry-after')).toBe('5');

    // The first client sends nothing more: the idle timeout ends it, the job says why.
    const head = await first.head;
    expect(head.status).toBe(408);
    await first.closed;
    expect(head.text()).toContain('no bytes arrived for 1500 ms');
    const ended = await (await fetch(`${s.server.url}/v1/jobs/${job.id}`, { headers: { authorization: `Bearer ${s.secret}` } })).json() as { job: unknown };
    expect(ended.job).toMatchObject({ state: 'failed', error: { code: 'TM_ERR_TIMEOUT' } });
    expect(tmpEntries(s.dataDir)).toEqual([]);
  });

  it('a finished upload names its job, which holds the rows ingested and the population', async () => {
    const s = await setup;
    const res = await fetch(`${s.server.url}${s.path}`, { method: 'POST', headers: { authorization: `Bearer ${s.secret}`, 'content-type': 'text/csv' }, body: changeCsv(30, { startAt: 7000 }) });
    expect(res.status).toBe(201);
    const body = await res.json() as { population: { id: string }; job: { href: string } };
    const { job } = await (await fetch(`${s.server.url}${body.job.href}`, { headers: { authorization: `Bearer ${s.secret}` } })).json() as { job: unknown };
    expect(job).toMatchObject({ type: 'upload', state: 'succeeded', progress: { rows: 30 }, result: { id: body.population.id, href: `/v1/populations/${body.population.id}` } });
  });
});
