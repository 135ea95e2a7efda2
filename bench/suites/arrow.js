/**
 * `npm run bench -- arrow [--rows N] [--once]`: the chunks of a stored population in tickmark's
 * chunk format against Arrow IPC written and read through flechette (arquero's Arrow library),
 * chunk by chunk, on the generated change log (default 1,000,000 rows, ingested once with 2
 * workers into a temporary data directory). Both sides encode from the same in-memory chunk
 * (record and line numbers, each source column's values as strings, typed fields: numbers and
 * timestamps as Float64, enums as dictionaries) — our `values` form is the XLSX path; a CSV chunk
 * is written as spans into its own text, which costs less. Decoding is timed twice: what a scan
 * reads (numbering and typed fields, no strings) and every cell as a string. Times are summed
 * over the chunks, median of the runs; the cache format is not changed by this suite.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dictionary, float64, int32, tableFromArrays, tableFromIPC, tableToIPC, utf8 } from '@uwdata/flechette';
import { fmt, generated, root, table } from '../lib.js';

const lib = (p) => import(join(root, 'dist/src', p));

function timed(fn) {
  const t0 = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

/** The chunk as the codec's in-memory form, every text column as strings. */
function chunkColumns(chunk, headers) {
  const fields = {};
  for (const [name, f] of Object.entries(chunk.fields)) {
    fields[name] = f.values instanceof Float64Array ? { type: f.type, kind: 'f64', values: f.values } : { type: f.type, kind: 'text', column: { kind: 'values', values: f.values } };
  }
  return { rows: chunk.rows, record: chunk.record, line: chunk.line, source: headers.map((h) => ({ header: h, column: { kind: 'values', values: chunk.source[h] } })), fields };
}

/** The same chunk as an Arrow table (fields prefixed `f:` beside the source headers). */
function arrowTable(chunk, headers) {
  const data = { record: chunk.record.subarray(0, chunk.rows), line: chunk.line.subarray(0, chunk.rows) };
  const types = { record: int32(), line: int32() };
  for (const h of headers) {
    data[h] = chunk.source[h];
    types[h] = utf8();
  }
  for (const [name, f] of Object.entries(chunk.fields)) {
    data[`f:${name}`] = f.values;
    types[`f:${name}`] = f.values instanceof Float64Array ? float64() : f.type === 'enum' ? dictionary(utf8()) : utf8();
  }
  return tableFromArrays(data, { types });
}

function touchStrings(values) {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] != null) n += values[i].length;
  return n;
}

export async function run({ rows: requested, runs, argv }) {
  const rows = argv.includes('--rows') ? requested : 1_000_000;
  const file = await generated('change', rows);
  const { openStore } = await lib('store/store.js');
  const { ingestFile } = await lib('ingest/ingest.js');
  const { decodeChunk, encodeChunk } = await lib('store/chunk-codec.js');
  const { closePools } = await lib('pool/pool.js');
  const dir = mkdtempSync(join(tmpdir(), 'tm-bench-arrow-'));
  const store = openStore({ dataDir: dir });
  const { population } = await ingestFile(store, file, { kind: 'change', workers: 2 });
  await closePools();
  const popDir = store.populationDir(population.id);
  const ops = ['encode', 'decode (scan columns)', 'decode (every cell a string)'];
  const passes = [];
  let sizes = { ours: 0, written: 0, arrow: 0 };
  for (let pass = 0; pass < runs; pass++) {
    const t = Object.fromEntries(ops.flatMap((op) => [[`ours ${op}`, 0], [`arrow ${op}`, 0]]));
    sizes = { ours: 0, written: 0, arrow: 0 };
    for (const ref of population.chunks) {
      const stored = readFileSync(join(popDir, ref.file));
      const chunk = decodeChunk(stored);
      for (const h of population.headers) touchStrings(chunk.source[h]);
      const enc = timed(() => encodeChunk(chunkColumns(chunk, population.headers)));
      const ipc = timed(() => tableToIPC(arrowTable(chunk, population.headers), { format: 'stream' }));
      t['ours encode'] += enc.seconds;
      t['arrow encode'] += ipc.seconds;
      sizes.ours += stored.length;
      sizes.written += enc.value.length;
      sizes.arrow += ipc.value.length;
      const numeric = Object.keys(population.mapping).filter((f) => chunk.fields[f]?.values instanceof Float64Array);
      t['ours decode (scan columns)'] += timed(() => {
        const c = decodeChunk(stored);
        let s = c.record[c.rows - 1];
        for (const f of numeric) s += c.fields[f].values[0];
        return s;
      }).seconds;
      t['arrow decode (scan columns)'] += timed(() => {
        const a = tableFromIPC(ipc.value);
        let s = a.getChild('record').toArray()[a.numRows - 1];
        for (const f of numeric) s += a.getChild(`f:${f}`).toArray()[0];
        return s;
      }).seconds;
      t['ours decode (every cell a string)'] += timed(() => {
        const c = decodeChunk(stored);
        let n = 0;
        for (const h of population.headers) n += touchStrings(c.source[h]);
        return n;
      }).seconds;
      t['arrow decode (every cell a string)'] += timed(() => {
        const a = tableFromIPC(ipc.value);
        let n = 0;
        for (const h of population.headers) n += touchStrings(a.getChild(h).toArray());
        return n;
      }).seconds;
    }
    passes.push(t);
  }
  store.close();
  rmSync(dir, { recursive: true, force: true });
  const med = (key) => passes.map((p) => p[key]).sort((a, b) => a - b)[Math.floor(passes.length / 2)];
  const out = ops.map((op) => ({ what: op, 'tickmark s': fmt.s(med(`ours ${op}`)), 'Arrow IPC s': fmt.s(med(`arrow ${op}`)), 'Arrow / tickmark': fmt.ratio(med(`arrow ${op}`) / med(`ours ${op}`)) }));
  out.push({ what: 'bytes (MB): stored CSV chunks | values form | Arrow IPC', 'tickmark s': `${fmt.mb(sizes.ours / 1e6)} | ${fmt.mb(sizes.written / 1e6)}`, 'Arrow IPC s': fmt.mb(sizes.arrow / 1e6), 'Arrow / tickmark': fmt.ratio(sizes.arrow / sizes.ours) });
  console.log(`\narrow: ${rows.toLocaleString('en-US')}-row change log, ${population.chunks.length} chunks, median of ${runs}\n`);
  table(out);
}
