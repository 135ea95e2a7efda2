/**
 * XLSX ingest: hash and copy the file, stream the sheet's rows as text (dates as naive local
 * text), and type them in batches with the same typing as CSV cells — same issues, same cache.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { PopulationLayout, TypingOptions } from '../population/types.js';
import { writeChunkFile } from '../store/chunk-codec.js';
import { PopulationAssembler } from './assemble.js';
import { chunkFile } from './csv/ingest-csv.js';
import { distinctHeaders } from './headers.js';
import type { ColumnMapping } from './mapping/map-columns.js';
import { makeTypingPlan } from './typing/plan.js';
import { typeRecords } from './typing/type-records.js';
import { openXlsx } from './xlsx/index.js';

const BATCH = 50_000;

async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const b of createReadStream(path)) {
    hash.update(b as Buffer);
    bytes += (b as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Rows read before the mapping is decided: its value checks look at them. */
const SAMPLE_ROWS = 1000;

export async function ingestXlsxFile<D extends { mapping: ColumnMapping; typing: TypingOptions }>(
  path: string,
  dir: string,
  decide: (headers: string[], sample: readonly (readonly string[])[]) => D,
  opts: { sheet?: string; headerRow?: number; signal?: AbortSignal; onProgress?: (p: { bytes: number; rows: number }) => void },
): Promise<{ sha256: string; bytes: number; headers: string[]; decision: D; assembler: PopulationAssembler; sheet: string; layout: PopulationLayout }> {
  const { sha256, bytes } = await sha256File(path);
  copyFileSync(path, join(dir, 'source'));
  const book = await openXlsx(path, { ...(opts.sheet ? { sheet: opts.sheet } : {}), ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : { findHeaderRow: true }), ...(opts.signal ? { signal: opts.signal } : {}) });
  try {
    return await readBook();
  } finally {
    await book.close();
  }

  async function readBook() {
  const { headers, renamed } = distinctHeaders(book.headers);
  let records: string[][] = [];
  let lines: number[] = [];
  const rows = book.rows[Symbol.asyncIterator]();
  let next = await rows.next();
  for (; !next.done && records.length < SAMPLE_ROWS; next = await rows.next()) {
    records.push(next.value.values);
    lines.push(next.value.line);
  }
  const decision = decide(headers, records);
  const { mapping, typing } = decision;
  const plan = makeTypingPlan(headers, mapping.mapping, mapping.fields, typing);
  const assembler = new PopulationAssembler(dir, plan);
  assembler.addNonData(book.preamble.map((r) => ({ line: r.line, reason: 'preamble' as const, raw: r.values.join(',') })));
  let index = 0;
  let nextRecord = 1;
  const flush = () => {
    if (!records.length) return;
    const typed = typeRecords(records, { firstRecord: nextRecord, lines }, plan);
    const file = chunkFile(index++);
    const { columns, ...rest } = typed;
    if (columns.rows) writeChunkFile(join(dir, file), columns);
    assembler.add({ file, rows: columns.rows, records: columns.rows + rest.malformed.length, ...rest }, { recordOffset: 0, lineOffset: 0 });
    nextRecord += records.length;
    opts.onProgress?.({ bytes, rows: assembler.accepted });
    records = [];
    lines = [];
  };
  for (; !next.done; next = await rows.next()) {
    records.push(next.value.values);
    lines.push(next.value.line);
    if (records.length >= BATCH) flush();
  }
  flush();
  assembler.endOfFile(true);
  return { sha256, bytes, headers, decision, assembler, sheet: book.sheet, layout: { headerLine: book.headerLine, headerFrom: book.headerFrom, renamed } };
  }
}
