/**
 * One pull, three entry points: the library's `pull`, the CLI's `tickmark pull` and the service's
 * `POST /v1/pulls` write workbooks whose machine copies are identical apart from ids and times.
 * Over HTTP a sample in an engagement takes the engagement's period, so it draws what the CLI draws
 * with that period given; bad periods are refused before any job exists.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/command.js';
import { pullCommand } from '../../src/cli/commands/pull.js';
import { readWorkbookManifest } from '../../src/export/workbook/read-manifest.js';
import { pull } from '../../src/operations/pull.js';
import { openStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { bearer, json, runJob, uploadCsv, world } from './helpers.js';

const CHANGES = 'fixtures/change/changes-2025.csv';
const PERIOD = '2025-01-01..2025-12-31';
const SAMPLE = { seed: '20251231', size: 25, method: 'stratified' as const };
const CONTROL = { id: 'CC8.1-01', description: 'Changes are approved before deployment' };

/** A machine copy with what differs by construction (ids, times) taken out. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>)
      // render: the checksum of what the sheets were rendered from, which holds the ids and times
      .filter(([k]) => !['createdAt', 'generatedAt', 'at', 'engineVersion', 'render'].includes(k))
      .map(([k, v]) => [k, comparable(v)]));
  }
  if (typeof value === 'string' && /^(pop|samp|test|comp|pull|resu)_[A-Za-z0-9_-]+$/.test(value)) return '<id>';
  return value;
}

async function cliPull(dir: string, out: string): Promise<{ selectionSha256: string }> {
  const args = [CHANGES, '--kind', 'change', '--period', PERIOD, '--seed', SAMPLE.seed, '--size', String(SAMPLE.size), '--method', SAMPLE.method,
    '--control-id', CONTROL.id, '--control', CONTROL.description, '--client', 'Acme', '--engagement', 'SOC 2 2025', '--workers', '0', '--data-dir', join(dir, 'cli'), '--json', '-o', out];
  const { values, positionals } = parseArgs({ args, options: pullCommand.options, allowPositionals: true, strict: true });
  const lines: string[] = [];
  const io = { out: (t: string) => lines.push(t), err: () => undefined, isTTY: false };
  expect(await pullCommand.run({ values: values as CommandContext['values'], positionals, io })).toBe(0);
  return JSON.parse(lines.join('\n')).sample;
}

describe('one pull for the library, the CLI and the service', () => {
  it('draws the same sample and writes the same machine copy, apart from ids and times', async () => {
    const dir = tempDir('tickmark-pulls-');
    const w = await world();
    const uploaded = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, readFileSync(CHANGES), 'kind=change&name=changes-2025.csv')).population;

    // HTTP: a plain sample in the engagement (2025) takes the engagement's period.
    const sampled = await runJob(w.app, w.a.secret, `/v1/populations/${uploaded.id}/samples`, SAMPLE);
    const httpSample = json(await w.app.inject({ method: 'GET', url: sampled.result.href, headers: bearer(w.a.secret) })).sample;
    expect(httpSample.request.period).toBe(PERIOD);

    const cliOut = join(dir, 'cli.xlsx');
    const cli = await cliPull(dir, cliOut);
    expect(httpSample.manifest.selectionSha256).toBe(cli.selectionSha256);

    // HTTP: the whole pull, its workbook downloaded.
    const pulled = await runJob(w.app, w.a.secret, '/v1/pulls', { populationId: uploaded.id, sample: SAMPLE, workbook: { control: CONTROL } });
    expect(pulled.state).toBe('succeeded');
    const view = json(await w.app.inject({ method: 'GET', url: pulled.result.href, headers: bearer(w.a.secret) })).pull;
    expect(view.request.period).toBe(PERIOD);
    const download = await w.app.inject({ method: 'GET', url: view.links.workbook, headers: bearer(w.a.secret) });
    expect(download.statusCode).toBe(200);
    const httpOut = join(dir, 'http.xlsx');
    writeFileSync(httpOut, download.rawPayload);

    // Library.
    const libOut = join(dir, 'lib.xlsx');
    const store = openStore({ dataDir: join(dir, 'lib') });
    try {
      await pull(store, { file: CHANGES, ingest: { kind: 'change' }, period: PERIOD, sample: SAMPLE, workbook: { control: CONTROL, engagement: { client: 'Acme', name: 'SOC 2 2025' } }, output: libOut }, { workers: 0 });
    } finally {
      store.close();
    }

    const copies = await Promise.all([cliOut, httpOut, libOut].map(async (p) => (await readWorkbookManifest(p)).copy));
    expect(copies[0]!.manifest.selectionSha256).toBe(cli.selectionSha256);
    expect(copies[0]!.tests?.items).toHaveLength(25);
    expect(copies[0]!.control).toMatchObject(CONTROL);
    expect(comparable(copies[1])).toEqual(comparable(copies[0]));
    expect(comparable(copies[2])).toEqual(comparable(copies[0]));
  });

  it('refuses an inverted period, on a sample, a pull and a download, before any job exists', async () => {
    const w = await world();
    const pop = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, readFileSync(CHANGES), 'kind=change')).population;
    const inverted = '2025-12-31..2025-01-01';
    for (const [url, payload] of [[`/v1/populations/${pop.id}/samples`, { ...SAMPLE, period: inverted }], ['/v1/pulls', { populationId: pop.id, period: inverted, sample: SAMPLE }]] as const) {
      const res = await w.app.inject({ method: 'POST', url, headers: bearer(w.a.secret), payload });
      expect(res.statusCode, url).toBe(400);
      expect(json(res).code).toBe('TM_ERR_BAD_PERIOD');
    }
    const sampled = await runJob(w.app, w.a.secret, `/v1/populations/${pop.id}/samples`, SAMPLE);
    const res = await w.app.inject({ method: 'GET', url: `${sampled.result.href}/workbook?period=${inverted}`, headers: bearer(w.a.secret) });
    expect(res.statusCode).toBe(400);
    expect(json(res).code).toBe('TM_ERR_BAD_PERIOD');
  });
});
