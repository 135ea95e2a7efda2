/**
 * Parse one record-aligned CSV chunk with csv-parse, type it, and write it to the columnar
 * cache. Runs on a worker (or in-thread for small files): the payload is serialisable and the
 * bulky columns never travel back — only counts, issues and profile partials do.
 * Record numbers and lines in the result are local to the chunk (1-based); the assembler rebases.
 */
import { writeFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { encodeChunk } from '../../store/chunk-codec.js';
import type { TypingPlan } from '../typing/plan.js';
import { typeRecords, type TypedChunk } from '../typing/type-records.js';
import { splitRecords, type SplitResult } from './split-records.js';

export interface ParseChunkPayload {
  bytes: Uint8Array;
  delimiter: string;
  plan: TypingPlan;
  /** Where to write the chunk's cache file; omitted → the chunk is returned instead. */
  outPath?: string;
  /** True for the file's last chunk (an open quote there is an unclosed quote). */
  last: boolean;
}

export interface ParseChunkResult extends Omit<TypedChunk, 'chunk'> {
  rows: number;
  /** Data records in the chunk (accepted + malformed). */
  records: number;
  /** Newline characters in the chunk: the next chunk starts that many lines later. */
  newlines: number;
  chunk?: TypedChunk['chunk'];
  /** A whole-chunk failure, as data (local line): the assembler rebases and throws it. */
  failure?: { code: 'TM_ERR_UNCLOSED_QUOTE' | 'TM_ERR_ENCODING'; line: number; offset?: number };
}

function newlinePositions(text: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) at.push(i);
  return at;
}

export function parseChunk(p: ParseChunkPayload): ParseChunkResult {
  const buf = Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength);
  const text = buf.toString('utf8');
  if (!isUtf8(buf)) {
    const bad = text.indexOf('\uFFFD');
    return failed('TM_ERR_ENCODING', 1 + newlinePositions(text.slice(0, Math.max(bad, 0))).length);
  }
  let split: SplitResult;
  try {
    split = splitRecords(text, p.delimiter);
  } catch (err) {
    const e = err as { code?: string };
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') return failed('TM_ERR_UNCLOSED_QUOTE', openingLine(text));
    throw err;
  }
  const { records, lines } = split;
  let newlineAt: number[] | undefined;
  const rawText = (i: number) => {
    newlineAt ??= newlinePositions(text);
    const startLine = lines[i]!;
    const endLine = i + 1 < lines.length ? lines[i + 1]! : newlineAt.length + 1;
    const from = startLine === 1 ? 0 : newlineAt[startLine - 2]! + 1;
    const to = endLine - 2 < newlineAt.length ? newlineAt[endLine - 2]! : text.length;
    return text.slice(from, to).replace(/\r$/, '');
  };
  const typed = typeRecords(records, { firstRecord: 1, lines, rawText }, p.plan);
  const { chunk, ...rest } = typed;
  if (p.outPath) writeFileSync(p.outPath, encodeChunk(chunk));
  let newlines = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) newlines++;
  return {
    ...rest,
    rows: chunk.rows,
    records: chunk.rows + typed.malformed.length,
    newlines,
    ...(p.outPath ? {} : { chunk }),
  };
}

/** The line of the last record start before an unclosed quote: scan quote parity line by line. */
function openingLine(text: string): number {
  let inQuote = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      if (!inQuote) recordLine = line;
      inQuote = !inQuote;
    } else if (c === 10) line++;
  }
  return recordLine;
}

function failed(code: NonNullable<ParseChunkResult['failure']>['code'], line: number): ParseChunkResult {
  return {
    rows: 0, records: 0, newlines: 0, malformed: [], blankLines: 0, profile: {},
    issues: { first: [], byCode: {}, byColumn: {} },
    failure: { code, line },
  };
}
