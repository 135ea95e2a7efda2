// One measurement in its own process: prints {"seconds", "maxRssMB", ...} as the last line.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './lib.js';

const [task, json] = process.argv.slice(2);
const args = JSON.parse(json ?? '{}');
const lib = (p) => import(join(root, 'dist/src', p));

async function timed(fn) {
  const t0 = performance.now();
  const extra = (await fn()) ?? {};
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, ...extra };
}

const tasks = {
  /** Plain csv-parse, arrays mode, one thread: the baseline. */
  async 'csv-parse'() {
    const { parse } = await import('csv-parse');
    let rows = 0;
    for await (const _ of createReadStream(args.file).pipe(parse({ relax_column_count: true }))) rows++;
    return { rows: rows - 1 };
  },
  /** tickmark ingest into a fresh data directory. */
  async ingest() {
    const { openStore } = await lib('store/store.js');
    const { ingestFile } = await lib('ingest/ingest.js');
    const { closePools } = await lib('pool/pool.js');
    const dataDir = args.dataDir ?? mkdtempSync(join(tmpdir(), 'tm-bench-'));
    const store = openStore({ dataDir });
    const { population } = await ingestFile(store, args.file, { kind: args.kind ?? 'change', workers: args.workers });
    store.close();
    await closePools();
    if (!args.dataDir) rmSync(dataDir, { recursive: true, force: true });
    return { rows: population.rows.total, id: population.id };
  },
  /** Read every chunk of a stored population back (all columns decoded). */
  async reload() {
    const { openStore } = await lib('store/store.js');
    const { readChunks } = await lib('store/read-chunks.js');
    const store = openStore({ dataDir: args.dataDir });
    const meta = store.requirePopulation(args.id);
    let rows = 0;
    for await (const c of readChunks(store.populationDir(meta.id), meta)) {
      for (const h of meta.headers) void c.source[h].length;
      for (const f of Object.keys(meta.mapping)) void c.fields[f].values.length;
      rows += c.rows;
    }
    store.close();
    return { rows };
  },
};

const fn = tasks[task];
if (!fn) throw new Error(`unknown task ${task}`);
const result = await timed(fn);
console.log(JSON.stringify(result));
