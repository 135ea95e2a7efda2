/**
 * Helpers for the service tests: a fresh data dir + app (in-thread ingest), an admin token and
 * two engagements with their tokens, small generated change logs, hand-built multipart bodies.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { cleanUp } from '../helpers/tmp.js';
import { buildApp } from '../../src/server/app.js';
import { createToken } from '../../src/server/auth/tokens.js';
import { createEngagement, type Engagement } from '../../src/server/engagements/engagements.js';
import type { ServerOptions } from '../../src/server/options.js';
import { openStore, type Store } from '../../src/store/store.js';

export const CHANGE_HEADER = 'Number,Type,Requested By,Approved By,Approved On,Implemented By,Deployed On';

/** A change log of `rows` rows in 2025 (deterministic: row i is a pure function of i). */
export function changeCsv(rows: number, opts: { header?: string; eol?: string; startAt?: number } = {}): string {
  const eol = opts.eol ?? '\n';
  const people = ['alice', 'bob', 'carol', 'dave', 'erin'];
  const types = ['Normal', 'Standard', 'Emergency'];
  const lines = [opts.header ?? CHANGE_HEADER];
  const start = Date.UTC(2025, 0, 1);
  for (let i = opts.startAt ?? 1; i < (opts.startAt ?? 1) + rows; i++) {
    const deployed = start + ((i * 7_919_000_017) % (365 * 86_400_000));
    const approved = deployed - ((i * 104_729) % (4 * 86_400_000)) - 3_600_000;
    lines.push([
      `CHG${String(i).padStart(7, '0')}`, types[i % 3], people[i % 5], people[(i + 1) % 5],
      new Date(approved).toISOString().slice(0, 19).replace('T', ' '), people[(i + 2) % 5], new Date(deployed).toISOString().slice(0, 19).replace('T', ' '),
    ].join(','));
  }
  return lines.join(eol) + eol;
}

export interface FilePart {
  field?: string;
  filename: string;
  contentType?: string;
  content: string | Buffer;
}

/** A multipart/form-data body: the fields (in order), then the file(s), then the closing boundary. */
export function multipart(fields: [string, string][], files: FilePart[], opts: { boundary?: string; close?: boolean; after?: [string, string][] } = {}) {
  const boundary = opts.boundary ?? '----tickmark-test-boundary-7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  const field = ([name, value]: [string, string]) => chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  fields.forEach(field);
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType ?? 'text/csv'}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
    chunks.push(Buffer.from('\r\n'));
  }
  (opts.after ?? []).forEach(field);
  if (opts.close !== false) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tickmark-server-'));
  cleanUp(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'data');
}

export interface World {
  dataDir: string;
  app: FastifyInstance;
  store: Store;
  admin: string;
  a: { engagement: Engagement; secret: string; tokenId: string };
  b: { engagement: Engagement; secret: string; tokenId: string };
}

/** Two engagements (A, B) with a token each, an admin token, and an app over the same data dir. */
export async function world(options: ServerOptions = {}): Promise<World> {
  const dataDir = options.dataDir ?? tempDataDir();
  const seed = openStore({ dataDir });
  const admin = createToken(seed, { admin: true, label: 'admin' }).secret;
  const ea = createEngagement(seed, { client: 'Acme', name: 'SOC 2 2025', period: { start: '2025-01-01', end: '2025-12-31' } });
  const eb = createEngagement(seed, { client: 'Globex', period: { start: '2025-01-01', end: '2025-12-31' }, timeZone: 'America/New_York' });
  const ta = createToken(seed, { engagementId: ea.id, label: 'a' });
  const tb = createToken(seed, { engagementId: eb.id, label: 'b' });
  seed.close();
  const app = buildApp({ workers: 0, ...options, dataDir });
  // Registered before the first await: a world made at file level lives until the file's last
  // test, however long the app takes to be ready.
  cleanUp(() => app.close());
  await app.ready();
  return {
    dataDir, app, store: app.tickmark.store, admin,
    a: { engagement: ea, secret: ta.secret, tokenId: ta.token.id },
    b: { engagement: eb, secret: tb.secret, tokenId: tb.token.id },
  };
}

export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

export function json<T = any>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}

/** Entries left in the store's temp folder (must be none after any upload, good or bad). */
export function tmpEntries(dataDir: string): string[] {
  return readdirSync(join(dataDir, 'tmp'));
}

/** Upload a CSV as a raw text/csv body. */
export function uploadCsv(app: FastifyInstance, secret: string, engagementId: string, csv: string | Buffer, query = 'kind=change') {
  return app.inject({
    method: 'POST', url: `/v1/engagements/${engagementId}/populations?${query}`,
    headers: { ...bearer(secret), 'content-type': 'text/csv' }, payload: csv,
  });
}

/** A small XLSX workbook (exceljs) holding the rows of a CSV text, first sheet. */
export async function xlsxOf(csv: string): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Changes');
  for (const line of csv.trim().split('\n')) sheet.addRow(line.split(','));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Poll a job (GET its Location) until it is finished; returns the final job view. */
export async function waitJob(app: FastifyInstance, secret: string, location: string, timeoutMs = 30_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ method: 'GET', url: location, headers: bearer(secret) });
    if (res.statusCode !== 200) throw new Error(`GET ${location} → ${res.statusCode} ${res.body}`);
    const { job } = json(res);
    if (['succeeded', 'failed', 'cancelled'].includes(job.state)) return job;
    if (Date.now() > until) throw new Error(`job ${job.id} still ${job.state}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** POST a job-starting request, expect 202, wait for it; returns the final job view. */
export async function runJob(app: FastifyInstance, secret: string, url: string, payload: object = {}): Promise<any> {
  const res = await app.inject({ method: 'POST', url, headers: bearer(secret), payload });
  if (res.statusCode !== 202) throw new Error(`POST ${url} → ${res.statusCode} ${res.body}`);
  return waitJob(app, secret, res.headers.location as string);
}
