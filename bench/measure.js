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
  /**
   * Read every chunk of a stored population back, one of two ways:
   * - default: every cell as a JS string (all source columns and fields decoded) — what only an
   *   export of every cell would pay;
   * - `scan`: the way the scans read it on a worker (one reused buffer per thread): the chunk text
   *   once with every source column as offsets into it, typed fields (numbers as views, enums as
   *   codes), the stored whole-row hashes, and the key column as strings (the PRN hashes them).
   */
  async reload() {
    const { openStore } = await lib('store/store.js');
    const { readChunks, loadChunkTransient } = await lib('store/read-chunks.js');
    const { cellReader } = await lib('store/chunk-codec.js');
    const store = openStore({ dataDir: args.dataDir });
    const meta = store.requirePopulation(args.id);
    const dir = store.populationDir(meta.id);
    let rows = 0;
    if (args.scan) {
      const typed = meta.columns.filter((col) => col.field && col.type !== 'string').map((col) => col.field);
      for (const ref of meta.chunks) {
        const c = loadChunkTransient(dir, ref);
        const cells = cellReader(c);
        for (const h of meta.headers) void (cells.spans(h) ?? c.source[h]).start;
        for (const f of typed) void c.fields[f].values.length;
        for (const k of meta.key) void c.fields[k].values.length;
        void cells.rowHashes().hash.length;
        rows += c.rows;
      }
    } else {
      for await (const c of readChunks(dir, meta)) {
        for (const h of meta.headers) void c.source[h].length;
        for (const f of Object.keys(meta.mapping)) void c.fields[f].values.length;
        rows += c.rows;
      }
    }
    store.close();
    return { rows };
  },
};

async function withStore(fn) {
  const { openStore } = await lib('store/store.js');
  const { closePools } = await lib('pool/pool.js');
  const store = openStore({ dataDir: args.dataDir });
  try {
    return await fn(store);
  } finally {
    store.close();
    await closePools();
  }
}

Object.assign(tasks, {
  /** Completeness over an already-ingested population. */
  async check() {
    const { checkCompleteness } = await lib('operations/completeness.js');
    return withStore(async (store) => {
      const { report } = await checkCompleteness(store, args.id, { period: '2025-01-01..2025-12-31' }, { workers: args.workers });
      return { rows: report.population.rows, status: report.status };
    });
  },
  /** Ingest + completeness from the CSV into a fresh store. */
  async 'ingest-check'() {
    const { ingestFile } = await lib('ingest/ingest.js');
    const { checkCompleteness } = await lib('operations/completeness.js');
    const dataDir = mkdtempSync(join(tmpdir(), 'tm-bench-'));
    args.dataDir = dataDir;
    const out = await withStore(async (store) => {
      const { population } = await ingestFile(store, args.file, { kind: 'change', workers: args.workers });
      const { report } = await checkCompleteness(store, population.id, { period: '2025-01-01..2025-12-31' }, { workers: args.workers });
      return { rows: report.population.rows };
    });
    rmSync(dataDir, { recursive: true, force: true });
    return out;
  },
  /** A sample from an already-ingested population. */
  async sample() {
    const { drawSample } = await lib('operations/sample.js');
    return withStore(async (store) => {
      const s = await drawSample(store, args.id, { seed: '20251231', size: args.size, ...(args.method === 'stratified' ? { method: 'stratified', strata: 'month', period: '2025-01-01..2025-12-31' } : {}) }, { workers: args.workers });
      return { rows: s.manifest.eligible, selectionSha256: s.manifest.selectionSha256 };
    });
  },
  /** Ingest + sample from the CSV into a fresh store. */
  async 'ingest-sample'() {
    const { ingestFile } = await lib('ingest/ingest.js');
    const { drawSample } = await lib('operations/sample.js');
    const dataDir = mkdtempSync(join(tmpdir(), 'tm-bench-'));
    args.dataDir = dataDir;
    const out = await withStore(async (store) => {
      const { population } = await ingestFile(store, args.file, { kind: 'change', workers: args.workers });
      const s = await drawSample(store, population.id, { seed: '20251231', size: args.size }, { workers: args.workers });
      return { rows: s.manifest.eligible, selectionSha256: s.manifest.selectionSha256 };
    });
    rmSync(dataDir, { recursive: true, force: true });
    return out;
  },
  /** SHA-256 PRN throughput, one thread. */
  async prn() {
    const { prn } = await lib('sampling/prn.js');
    let acc = 0;
    for (let i = 0; i < args.count; i++) acc += prn('20251231', `CHG${i}`);
    return { rows: args.count, checksum: acc };
  },
  /** Built-in rules over every row, or over a stored sample. */
  async test() {
    const { runTests } = await lib('operations/test.js');
    return withStore(async (store) => {
      const r = await runTests(store, args.id, args.sampleId ? { sampleId: args.sampleId } : { all: true }, { workers: args.workers });
      return { rows: r.run.overall.items, findings: r.run.findings.length };
    });
  },
});

/** Tasks that live in their own file: bench/tasks/<name>.js exports `default async (args, lib)`. */
const fn = tasks[task] ?? (async () => (await import(`./tasks/${task}.js`)).default(args, lib));
const result = await timed(fn);
console.log(JSON.stringify(result));
