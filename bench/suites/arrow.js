/**
 * `npm run bench -- arrow [--rows N] [--once] [--only a,d]`: the chunks of a stored population in
 * tickmark's chunk format against Arrow IPC (flechette, arquero's Arrow library), chunk by chunk,
 * on generated change logs in the shapes of `npm run bench -- shapes` (default (a) and (d),
 * 1,000,000 rows, each ingested once with 2 workers into a temporary data directory).
 *
 * From the parser's own buffers: the Arrow side is built from the chunk's vectors as the file
 * holds them (src/tables/arrow-columns.ts: text gathered from the spans' bytes into Utf8 with int32
 * offsets, enums as Dictionary<Utf8,Int32> over the stored codes, Float64 and Timestamp(ms) from
 * the float64 columns, validity bitmaps from blanks; fields that alias a source column as schema
 * metadata, as the chunk file keeps them), against our own encoder writing the same columns from
 * the same spans. Decoding reads what the selection and completeness scans read: the key column's
 * bytes and every timestamp column, with no string per cell — once over Arrow's own buffers, once
 * through flechette's `toArray()` (what arquero reads).
 *
 * From JS strings (shape (a) only, the comparison kept from the first measurement): both sides
 * encode from the same in-memory chunk with each source column as strings — our `values` form is
 * the XLSX path. Decoding is timed twice: numbering and typed fields, and every cell as a string.
 *
 * Times are summed over the chunks, median of the runs; the cache format is not changed here.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, Endianness, Table, Version, dictionary, field, float64, int32, tableFromArrays, tableFromIPC, tableToIPC, utf8 } from '@uwdata/flechette';
import { fmt, generated, root, table } from '../lib.js';
import { SHAPES } from './shapes.js';

const lib = (p) => import(join(root, 'dist/src', p));

function timed(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { value, seconds, cpu: (c.user + c.system) / 1e6 };
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

/** A chunk file's JSON header. */
function fileHeader(codec, buf) {
  const length = codec.headerLength(buf);
  return { header: JSON.parse(buf.toString('utf8', 12, 12 + length)), base: codec.dataStart(length) };
}

/**
 * The in-memory form the ingest worker hands the codec (text, spans, literals, codes, float64),
 * read back from a chunk file: what our encoder is timed on. Re-encoding it gives the file's bytes.
 */
function spansForm(codec, buf) {
  const { header, base } = fileHeader(codec, buf);
  const rows = header.rows;
  const typed = (Ctor, offset, count) => {
    const at = buf.byteOffset + base + offset;
    return at % Ctor.BYTES_PER_ELEMENT === 0 ? new Ctor(buf.buffer, at, count) : new Ctor(buf.buffer.slice(at, at + count * Ctor.BYTES_PER_ELEMENT));
  };
  const byName = new Map(header.sections.map((s) => [s.name, s]));
  const spans = (s) => {
    const offsets = typed(Int32Array, s.offset + rows * 8, s.literals + 1);
    const at = base + s.offset + rows * 8 + (s.literals + 1) * 4;
    const text = buf.toString('utf8', at, at + s.literalBytes);
    const literals = Array.from({ length: s.literals }, (_, k) => text.slice(offsets[k], offsets[k + 1]));
    return { kind: 'spans', start: typed(Int32Array, s.offset, rows), end: typed(Int32Array, s.offset + rows * 4, rows), literals };
  };
  const raw = byName.get('text');
  const fields = {};
  for (const s of header.sections) {
    if (!s.name.startsWith('f:')) continue;
    const name = s.name.slice(2);
    if (s.kind === 'f64') fields[name] = { type: s.fieldType, kind: 'f64', values: typed(Float64Array, s.offset, rows) };
    else if (s.kind === 'dict') fields[name] = { type: s.fieldType, kind: 'dict', codes: typed(Int32Array, s.offset, rows), dict: s.dict };
    else if (s.kind === 'alias') fields[name] = { type: s.fieldType, kind: 'alias', of: s.of.slice(2) };
    else if (s.kind === 'spans') fields[name] = { type: s.fieldType, kind: 'text', column: spans(s) };
    else throw new Error(`bench: section ${s.name} (${s.kind}) is not read here`);
  }
  const hash = byName.get('rowhash');
  const rest = byName.get('rowrest');
  return {
    rows,
    record: typed(Int32Array, byName.get('record').offset, rows),
    line: typed(Int32Array, byName.get('line').offset, rows),
    ...(raw ? { text: { bytes: buf.subarray(base + raw.offset, base + raw.offset + raw.length), encoding: raw.encoding, ...(raw.delimiter !== undefined ? { delimiter: raw.delimiter } : {}) } } : {}),
    source: header.headers.map((h) => ({ header: h, column: spans(byName.get(`s:${h}`)) })),
    fields,
    ...(hash && rest ? { rowHashes: { hash: typed(Float64Array, hash.offset, rows), rest: typed(Int32Array, rest.offset, rows) } } : {}),
  };
}

/**
 * A decoded chunk as the Arrow table a cache of it would hold: numbering, each source column, each
 * field the file stores apart (aliases of a source column as schema metadata, as the file keeps
 * them) and the ingest's row hashes.
 */
function cacheTable(m, chunk, header) {
  const rows = chunk.rows;
  const cols = m.columnsOf(chunk);
  const names = [];
  const columns = [];
  const aliases = {};
  let transcoded = 0;
  const add = (name, { batch, transcoded: t }) => {
    names.push(name);
    columns.push(new Column([batch]));
    transcoded += t;
  };
  add('record', { batch: m.int32Batch(chunk.record, rows), transcoded: 0 });
  add('line', { batch: m.int32Batch(chunk.line, rows), transcoded: 0 });
  for (const h of header.headers) add(h, m.arrowBatch(cols.source(h), rows));
  for (const s of header.sections) {
    if (!s.name.startsWith('f:')) continue;
    if (s.kind === 'alias') aliases[s.name.slice(2)] = s.of.slice(2);
    else add(s.name, m.arrowBatch(cols.field(s.name.slice(2)), rows));
  }
  const hashes = cols.rowHashes();
  if (hashes) {
    add('tm:rowhash', m.arrowBatch({ kind: 'number', type: 'number', rows, values: hashes.hash }, rows));
    add('tm:rowrest', { batch: m.int32Batch(hashes.rest, rows), transcoded: 0 });
  }
  const schema = { version: Version.V5, endianness: Endianness.Little, fields: names.map((n, i) => field(n, columns[i].type)), metadata: new Map([['tickmark:aliases', JSON.stringify(aliases)]]) };
  return { table: new Table(schema, columns), transcoded };
}

/** FNV-1a over each valid cell's units [start, end): the same work on both sides of the scan. */
function hashCells(units, start, end, valid, rows) {
  let h = 0x811c9dc5;
  for (let i = 0; i < rows; i++) {
    if (!valid[i]) continue;
    const b = end[i];
    for (let k = start[i]; k < b; k++) h = Math.imul(h ^ units[k], 16777619);
  }
  return h >>> 0;
}

function hashArrowUtf8(bytes, offsets, validity, nullCount, rows) {
  let h = 0x811c9dc5;
  for (let i = 0; i < rows; i++) {
    if (nullCount && !((validity[i >> 3] >> (i & 7)) & 1)) continue;
    const b = offsets[i + 1];
    for (let k = offsets[i]; k < b; k++) h = Math.imul(h ^ bytes[k], 16777619);
  }
  return h >>> 0;
}

function sumValid(values, rows) {
  let s = 0;
  for (let i = 0; i < rows; i++) if (values[i] === values[i]) s += values[i];
  return s;
}

/** Sum of int64 epoch ms read as two int32 words each, skipping nulls. */
function sumInt64(values, validity, nullCount, rows) {
  const words = new Int32Array(values.buffer, values.byteOffset, rows * 2);
  let s = 0;
  for (let i = 0; i < rows; i++) {
    if (nullCount && !((validity[i >> 3] >> (i & 7)) & 1)) continue;
    s += words[2 * i + 1] * 4294967296 + (words[2 * i] >>> 0);
  }
  return s;
}

/** Every cell of the Arrow table read back through flechette equals the chunk's own cell. */
function checkTable(m, ipc, chunk, header) {
  const t = tableFromIPC(ipc);
  const cols = m.columnsOf(chunk);
  const pairs = [['record', { cell: (i) => chunk.record[i] }], ['line', { cell: (i) => chunk.line[i] }], ...header.headers.map((h) => [h, cols.source(h)])];
  for (const s of header.sections) if (s.name.startsWith('f:') && s.kind !== 'alias') pairs.push([s.name, cols.field(s.name.slice(2))]);
  for (const [name, vector] of pairs) {
    const column = t.getChild(name);
    for (let i = 0; i < chunk.rows; i++) {
      const a = column.at(i);
      const b = vector.cell(i);
      if (a !== b) throw new Error(`bench: Arrow column ${name} row ${i}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
    }
  }
  return pairs.length;
}

async function fromParserBuffers(ctx, population, popDir, runs) {
  const { codec, m } = ctx;
  const key = population.mapping.change_id;
  const ops = ['encode', 'decode+scan (buffers)', 'decode+scan (toArray)'];
  const passes = [];
  let sizes = { ours: 0, arrow: 0 };
  let transcoded = 0;
  let checked = 0;
  for (let pass = 0; pass < runs; pass++) {
    const t = Object.fromEntries(ops.flatMap((op) => ['ours', 'arrow'].flatMap((side) => [[`${side} ${op}`, 0], [`${side} ${op} cpu`, 0]])));
    const note = (name, r) => {
      t[name] += r.seconds;
      t[`${name} cpu`] += r.cpu;
      return r.value;
    };
    sizes = { ours: 0, arrow: 0 };
    transcoded = 0;
    for (const ref of population.chunks) {
      const stored = readFileSync(join(popDir, ref.file));
      const { header } = fileHeader(codec, stored);
      const form = spansForm(codec, stored);
      const written = note('ours encode', timed(() => codec.encodeChunk(form)));
      if (pass === 0 && !written.equals(stored)) throw new Error(`bench: re-encoding ${ref.file} from its spans did not give its bytes`);
      const chunk = codec.decodeChunk(stored);
      const built = note('arrow encode', timed(() => {
        const { table: arrow, transcoded: n } = cacheTable(m, chunk, header);
        return { ipc: tableToIPC(arrow, { format: 'stream' }), n };
      }));
      const ipc = built.ipc;
      transcoded += built.n;
      sizes.ours += stored.length;
      sizes.arrow += ipc.length;
      if (pass === 0 && ref === population.chunks[0]) checked = checkTable(m, ipc, chunk, header);
      const stamps = header.sections.filter((s) => s.kind === 'f64' && s.fieldType === 'timestamp').map((s) => s.name);
      const ours = note('ours decode+scan (buffers)', timed(() => {
        const c = m.columnsOf(codec.decodeChunk(stored));
        const u = c.field('change_id').units();
        let s = hashCells(u.units, u.start, u.end, u.valid, header.rows);
        for (const f of stamps) s += sumValid(c.field(f.slice(2)).values, header.rows);
        return s;
      }));
      const arrow = note('arrow decode+scan (buffers)', timed(() => {
        const a = tableFromIPC(ipc);
        const k = a.getChild(key).data[0];
        let s = hashArrowUtf8(k.values, k.offsets, k.validity, k.nullCount, header.rows);
        for (const f of stamps) {
          const b = a.getChild(f).data[0];
          s += sumInt64(b.values, b.validity, b.nullCount, header.rows);
        }
        return s;
      }));
      if (pass === 0 && built.n === 0 && ours !== arrow) throw new Error(`bench: ${ref.file}: the scans disagree (${ours} ≠ ${arrow})`);
      note('ours decode+scan (toArray)', timed(() => {
        const c = codec.decodeChunk(stored);
        let n = touchStrings(c.fields.change_id.values);
        for (const f of stamps) n += sumValid(c.fields[f.slice(2)].values, header.rows);
        return n;
      }));
      note('arrow decode+scan (toArray)', timed(() => {
        const a = tableFromIPC(ipc);
        let n = touchStrings(a.getChild(key).toArray());
        for (const f of stamps) n += sumValid(a.getChild(f).toArray(), header.rows);
        return n;
      }));
    }
    passes.push(t);
  }
  return { passes, ops, sizes, transcoded, checked };
}

async function fromStrings(ctx, population, popDir, runs) {
  const { codec } = ctx;
  const ops = ['encode', 'decode (scan columns)', 'decode (every cell a string)'];
  const passes = [];
  let sizes = { ours: 0, written: 0, arrow: 0 };
  for (let pass = 0; pass < runs; pass++) {
    const t = Object.fromEntries(ops.flatMap((op) => [[`ours ${op}`, 0], [`arrow ${op}`, 0]]));
    sizes = { ours: 0, written: 0, arrow: 0 };
    for (const ref of population.chunks) {
      const stored = readFileSync(join(popDir, ref.file));
      const chunk = codec.decodeChunk(stored);
      for (const h of population.headers) touchStrings(chunk.source[h]);
      const enc = timed(() => codec.encodeChunk(chunkColumns(chunk, population.headers)));
      const ipc = timed(() => tableToIPC(arrowTable(chunk, population.headers), { format: 'stream' }));
      t['ours encode'] += enc.seconds;
      t['arrow encode'] += ipc.seconds;
      sizes.ours += stored.length;
      sizes.written += enc.value.length;
      sizes.arrow += ipc.value.length;
      const numeric = Object.keys(population.mapping).filter((f) => chunk.fields[f]?.values instanceof Float64Array);
      t['ours decode (scan columns)'] += timed(() => {
        const c = codec.decodeChunk(stored);
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
        const c = codec.decodeChunk(stored);
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
  return { passes, ops, sizes };
}

const medianOf = (passes, key) => passes.map((p) => p[key]).sort((a, b) => a - b)[Math.floor(passes.length / 2)];

export async function run({ rows: requested, runs, argv }) {
  const rows = argv.includes('--rows') ? requested : 1_000_000;
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? argv[onlyAt + 1].split(',') : ['a', 'd'];
  const { openStore } = await lib('store/store.js');
  const { ingestFile } = await lib('ingest/ingest.js');
  const { closePools } = await lib('pool/pool.js');
  const codec = await lib('store/chunk-codec.js');
  const m = { ...(await lib('population/vectors.js')), ...(await lib('tables/arrow-columns.js')) };
  const ctx = { codec, m };
  const dir = mkdtempSync(join(tmpdir(), 'tm-bench-arrow-'));
  const store = openStore({ dataDir: dir });
  const out = [];
  const notes = [];
  try {
    for (const shape of SHAPES.filter((s) => only.includes(s.name))) {
      const file = await generated('change', rows, 7, shape);
      const { population } = await ingestFile(store, file, { kind: 'change', workers: 2 });
      await closePools();
      const popDir = store.populationDir(population.id);
      const r = await fromParserBuffers(ctx, population, popDir, runs);
      const med = (key) => medianOf(r.passes, key);
      for (const op of r.ops) {
        const ours = med(`ours ${op}`);
        const arrow = med(`arrow ${op}`);
        out.push({ shape: shape.name, what: `from parser buffers: ${op}`, 'tickmark s (cpu)': `${fmt.s(ours)} (${fmt.s(med(`ours ${op} cpu`))})`, 'Arrow IPC s (cpu)': `${fmt.s(arrow)} (${fmt.s(med(`arrow ${op} cpu`))})`, 'Arrow / tickmark': fmt.ratio(arrow / ours) });
      }
      out.push({ shape: shape.name, what: 'from parser buffers: size MB', 'tickmark s (cpu)': fmt.mb(r.sizes.ours / 1e6), 'Arrow IPC s (cpu)': fmt.mb(r.sizes.arrow / 1e6), 'Arrow / tickmark': fmt.ratio(r.sizes.arrow / r.sizes.ours) });
      notes.push(`(${shape.name}) ${population.chunks.length} chunks, ${population.headers.length} columns; ${r.transcoded.toLocaleString('en-US')} code units transcoded to multi-byte UTF-8; first chunk's ${r.checked} Arrow columns read back through flechette equal the chunk's cells`);
      if (shape.name === 'a') {
        const s = await fromStrings(ctx, population, popDir, runs);
        for (const op of s.ops) {
          const ours = medianOf(s.passes, `ours ${op}`);
          const arrow = medianOf(s.passes, `arrow ${op}`);
          out.push({ shape: shape.name, what: `from JS strings: ${op}`, 'tickmark s (cpu)': fmt.s(ours), 'Arrow IPC s (cpu)': fmt.s(arrow), 'Arrow / tickmark': fmt.ratio(arrow / ours) });
        }
        out.push({ shape: shape.name, what: 'from JS strings: size MB (stored | values form)', 'tickmark s (cpu)': `${fmt.mb(s.sizes.ours / 1e6)} | ${fmt.mb(s.sizes.written / 1e6)}`, 'Arrow IPC s (cpu)': fmt.mb(s.sizes.arrow / 1e6), 'Arrow / tickmark': fmt.ratio(s.sizes.arrow / s.sizes.ours) });
      }
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\narrow: ${rows.toLocaleString('en-US')}-row change logs, chunk by chunk (times summed over chunks), median of ${runs}\n`);
  table(out);
  for (const n of notes) console.log(n);
}
