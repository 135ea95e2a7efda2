/**
 * The vectors of a chunk read from its file (population/vectors.ts), over the file's own bytes:
 * text spans into the chunk's Latin-1 or UTF-8 text, in bytes (start −1: null; ≤ −2: a quoted
 * cell kept as a literal; older files count UTF-8 text in UTF-16 code units), UTF-8 columns with offsets and a null map, dictionary codes (−1: null) and float64
 * numbers. These encodings stay here: a reader sees cells, strings or code units with a validity
 * map. Strings are made on first use and kept.
 *
 * @example
 * const v = new SpansText(text, start, end, () => literals, rows); v.cell(3) // 'CHG0000004'
 */
import { unitsOf, unitsOfStrings, type TextUnits, type Units } from '../kernels/units.js';
import { utf8ToUnits } from '../kernels/utf8.js';
import type { TextVector } from '../population/vectors.js';
import { blankRowsOf } from '../population/vectors.js';

/**
 * The chunk's own text (CSV chunks): its bytes, and — for Latin-1 text, or UTF-8 text of an older
 * file whose spans count UTF-16 code units — its string decoded once when asked for.
 */
export class ChunkText {
  private decoded: string | undefined;
  private wide: Units | undefined;
  /** Whether spans are byte ranges of UTF-8 text (each cell decodes alone). */
  readonly utf8: boolean;
  constructor(readonly bytes: Buffer, readonly encoding: 'latin1' | 'utf8', byteSpans = true) {
    this.utf8 = encoding === 'utf8' && byteSpans;
  }

  /** The whole text, when spans index it (Latin-1, or an older file's UTF-8). */
  string(): string {
    return (this.decoded ??= this.bytes.toString(this.encoding));
  }

  /** The text's code units, when spans index them: its bytes when Latin-1, else (an older file's UTF-8) UTF-16. */
  units(): Units {
    return this.encoding === 'latin1' ? this.bytes : (this.wide ??= unitsOf(this.string()));
  }

  /** The cell [a, b); a Latin-1 or UTF-8 cell decodes alone (a sample reads a few cells a chunk). */
  slice(a: number, b: number): string {
    if (this.utf8) return this.bytes.toString('utf8', a, b);
    if (this.decoded !== undefined) return this.decoded.slice(a, b);
    return this.encoding === 'latin1' ? this.bytes.toString('latin1', a, b) : this.string().slice(a, b);
  }
}

/**
 * What two vectors of one stored column share (a field that aliases a source column): its strings
 * once made, and the last cell made alone (a row read column by column asks for it twice).
 */
export interface Memo {
  values?: (string | null)[];
  units?: TextUnits;
  row?: number;
  cell?: string | null;
}

/**
 * Where a column's text and its literal cells lie in the chunk file's bytes, when both read as
 * Latin-1 code units there (Latin-1 text, ASCII literals): then the column's cells are ranges of
 * the file itself.
 */
export interface InFile {
  file: Uint8Array;
  /** Offset of the chunk text in `file`. */
  textAt: number;
  /** Offset of the literals' text in `file`, and each literal's start (count + 1 of them). */
  literalsAt: number;
  literalOffsets: Int32Array;
}

/** A column as spans into the chunk text (its ends as stored, or made from stored widths on first use). */
export class SpansText implements TextVector {
  readonly kind = 'text';
  constructor(
    private readonly text: ChunkText,
    private readonly start: Int32Array,
    private ends: Int32Array | (() => Int32Array),
    private readonly literals: () => string[],
    readonly rows: number,
    readonly type: 'string' | 'enum' = 'string',
    private readonly inFile?: InFile,
    private readonly memo: Memo = {},
  ) {}

  private get end(): Int32Array {
    if (typeof this.ends === 'function') this.ends = this.ends();
    return this.ends;
  }

  /** The same column as another field type (an alias), sharing the strings. */
  as(type: 'string' | 'enum'): SpansText {
    return new SpansText(this.text, this.start, () => this.end, this.literals, this.rows, type, this.inFile, this.memo);
  }

  cell(i: number): string | null {
    const memo = this.memo;
    if (memo.values) return memo.values[i] ?? null;
    if (memo.row === i) return memo.cell ?? null;
    const a = this.start[i]!;
    const cell = a >= 0 ? this.text.slice(a, this.end[i]!) : a === -1 ? null : (this.literals()[-2 - a] ?? null);
    memo.row = i;
    memo.cell = cell;
    return cell;
  }

  values(): (string | null)[] {
    return (this.memo.values ??= this.text.utf8 ? sliceUtf8Spans(this.text.bytes, this.start, this.end, this.literals(), this.rows) : sliceSpans(this.text.string(), this.start, this.end, this.literals(), this.rows));
  }

  units(): TextUnits {
    return (this.memo.units ??= spanUnits(this.text, this.start, this.end, this.literals, this.rows, this.inFile));
  }

  blankRows(): number[] {
    const out: number[] = [];
    blankSpans(this.start, this.end, this.rows, this.literals, out);
    return out;
  }
}

/** A column stored as UTF-8 with cumulative UTF-16 offsets and a null map. */
export class Utf8Text implements TextVector {
  readonly kind = 'text';
  private strings: (string | null)[] | undefined;
  constructor(
    private readonly text: () => string,
    private readonly offsets: Int32Array,
    private readonly nulls: Uint8Array,
    readonly rows: number,
    readonly type: 'string' | 'enum' = 'string',
  ) {}

  cell(i: number): string | null {
    return this.values()[i] ?? null;
  }

  values(): (string | null)[] {
    if (this.strings) return this.strings;
    const text = this.text();
    const out = new Array<string | null>(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.nulls[i] ? null : text.slice(this.offsets[i]!, this.offsets[i + 1]!);
    return (this.strings = out);
  }

  units(): TextUnits {
    const start = this.offsets.slice(0, this.rows);
    const end = this.offsets.slice(1, this.rows + 1);
    const valid = new Uint8Array(this.rows);
    for (let i = 0; i < this.rows; i++) valid[i] = this.nulls[i] ? 0 : 1;
    return { units: unitsOf(this.text()), start, end, valid };
  }

  blankRows(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.rows; i++) if (this.nulls[i] || this.offsets[i + 1] === this.offsets[i]) out.push(i);
    return out;
  }
}

/** An enum column as codes into its dictionary. */
export class DictText implements TextVector {
  readonly kind = 'text';
  private strings: (string | null)[] | undefined;
  constructor(private readonly codes: Int32Array, private readonly dict: readonly string[], readonly rows: number, readonly type: 'string' | 'enum') {}

  cell(i: number): string | null {
    const code = this.codes[i]!;
    return code >= 0 ? this.dict[code]! : null;
  }

  dictionary(): { codes: Int32Array; values: readonly string[] } {
    return { codes: this.codes, values: this.dict };
  }

  values(): (string | null)[] {
    if (this.strings) return this.strings;
    const out = new Array<string | null>(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.cell(i);
    return (this.strings = out);
  }

  units(): TextUnits {
    return unitsOfStrings(this.values(), this.rows);
  }

  blankRows(): number[] {
    return blankRowsOf(this.values(), this.rows);
  }
}

// The per-row loops live at the top level: inside closures V8 ran them many times slower.

/** The strings of a spans column: slices of the chunk text, literals, nulls. */
function sliceSpans(text: string, start: Int32Array, end: Int32Array, literals: string[], rows: number): (string | null)[] {
  const out = new Array<string | null>(rows);
  for (let i = 0; i < rows; i++) {
    const a = start[i]!;
    out[i] = a >= 0 ? text.slice(a, end[i]!) : a === -1 ? null : literals[-2 - a]!;
  }
  return out;
}

/** The strings of a spans column over UTF-8 bytes: each cell decoded alone. */
function sliceUtf8Spans(bytes: Buffer, start: Int32Array, end: Int32Array, literals: string[], rows: number): (string | null)[] {
  const out = new Array<string | null>(rows);
  for (let i = 0; i < rows; i++) {
    const a = start[i]!;
    out[i] = a >= 0 ? bytes.toString('utf8', a, end[i]!) : a === -1 ? null : literals[-2 - a]!;
  }
  return out;
}

/** Rows of a spans column that are null or ''. */
function blankSpans(start: Int32Array, end: Int32Array, rows: number, literalsOf: () => string[], out: number[]): void {
  let literals: string[] | undefined;
  for (let i = 0; i < rows; i++) {
    const a = start[i]!;
    if (a === -1 || (a >= 0 && end[i] === a)) out.push(i);
    else if (a <= -2 && (literals ??= literalsOf())[-2 - a] === '') out.push(i);
  }
}

/**
 * A spans column as code units: the chunk text's own units (no copy) when every cell is a slice;
 * else the column's cells gathered into a buffer of their own (literal cells included; null cells
 * get an empty range) — a copy of the column, never of the whole chunk text.
 */
function spanUnits(text: ChunkText, start: Int32Array, end: Int32Array, literalsOf: () => string[], rows: number, inFile: InFile | undefined): TextUnits {
  if (text.utf8) return utf8SpanUnits(text.bytes, start, end, literalsOf, rows);
  const valid = new Uint8Array(rows);
  const slices = markSlices(start, end, valid, rows);
  if (slices >= 0) return { units: text.units(), start, end, valid };
  if (inFile) {
    const s = new Int32Array(rows);
    const e = new Int32Array(rows);
    fileRanges(inFile, start, end, valid, s, e, rows);
    return { units: inFile.file, start: s, end: e, valid };
  }
  const literals = literalsOf();
  const size = -1 - slices + literalUnits(start, literals, rows);
  const wide = text.encoding !== 'latin1' || literals.some((v) => NOT_LATIN1.test(v));
  const s = new Int32Array(rows);
  const e = new Int32Array(rows);
  const units: Units = wide ? new Uint16Array(size) : new Uint8Array(size);
  gatherSpans(text.units(), start, end, literals, valid, units, s, e, rows);
  return { units, start: s, end: e, valid };
}

const NOT_LATIN1 = /[^\u0000-\u00ff]/;

/**
 * A spans column over UTF-8 bytes as code units: the bytes themselves (no copy) when every cell
 * is an ASCII slice — ids, codes, dates, most columns of a non-ASCII export — else the column's
 * cells decoded into UTF-16 of their own, once.
 */
function utf8SpanUnits(bytes: Buffer, start: Int32Array, end: Int32Array, literalsOf: () => string[], rows: number): TextUnits {
  const valid = new Uint8Array(rows);
  const slices = markSlices(start, end, valid, rows);
  if (slices >= 0 && asciiSpans(bytes, start, end, rows)) return { units: bytes, start, end, valid };
  const literals = slices >= 0 ? [] : literalsOf();
  const units = new Uint16Array((slices >= 0 ? slices : -1 - slices) + literalUnits(start, literals, rows));
  const s = new Int32Array(rows);
  const e = new Int32Array(rows);
  gatherUtf8Spans(bytes, start, end, literals, valid, units, s, e, rows);
  return { units, start: s, end: e, valid };
}

/** Whether every slice of a spans column is ASCII. */
function asciiSpans(bytes: Buffer, start: Int32Array, end: Int32Array, rows: number): boolean {
  for (let i = 0; i < rows; i++) {
    const a = start[i]!;
    if (a < 0) continue;
    const b = end[i]!;
    for (let k = a; k < b; k++) if (bytes[k]! >= 0x80) return false;
  }
  return true;
}

/** `gatherSpans` over UTF-8 bytes: each slice decoded into `out`, each literal copied. */
function gatherUtf8Spans(bytes: Buffer, start: Int32Array, end: Int32Array, literals: string[], valid: Uint8Array, out: Uint16Array, s: Int32Array, e: Int32Array, rows: number): void {
  let at = 0;
  for (let i = 0; i < rows; i++) {
    const a = start[i]!;
    s[i] = at;
    if (a >= 0) at = utf8ToUnits(bytes, a, end[i]!, out, at);
    else if (a <= -2) {
      valid[i] = 1;
      const v = literals[-2 - a]!;
      for (let k = 0; k < v.length; k++) out[at++] = v.charCodeAt(k);
    }
    e[i] = at;
  }
}

/** Each cell's range in the chunk file (`InFile`); null cells get an empty range. */
function fileRanges(f: InFile, start: Int32Array, end: Int32Array, valid: Uint8Array, s: Int32Array, e: Int32Array, rows: number): void {
  const { textAt, literalsAt, literalOffsets } = f;
  for (let i = 0; i < rows; i++) {
    const a = start[i]!;
    if (a >= 0) {
      s[i] = textAt + a;
      e[i] = textAt + end[i]!;
    } else if (a <= -2) {
      valid[i] = 1;
      s[i] = literalsAt + literalOffsets[-2 - a]!;
      e[i] = literalsAt + literalOffsets[-1 - a]!;
    }
  }
}

/** The code units of a spans column's literal cells. */
function literalUnits(start: Int32Array, literals: string[], rows: number): number {
  let size = 0;
  for (let i = 0; i < rows; i++) {
    const a = start[i]!;
    if (a <= -2) size += literals[-2 - a]!.length;
  }
  return size;
}

/**
 * Mark the rows that are slices of the text as valid. Returns the units they hold when every row
 * is one, else −1 minus that count.
 */
function markSlices(start: Int32Array, end: Int32Array, valid: Uint8Array, rows: number): number {
  let size = 0;
  let plain = true;
  for (let i = 0; i < rows; i++) {
    const a = start[i]!;
    if (a >= 0) {
      valid[i] = 1;
      size += end[i]! - a;
    } else plain = false;
  }
  return plain ? size : -1 - size;
}

/** Copy each cell of a spans column (slice or literal) into `out`, with its new offsets. */
function gatherSpans(src: Units, start: Int32Array, end: Int32Array, literals: string[], valid: Uint8Array, out: Units, s: Int32Array, e: Int32Array, rows: number): void {
  let at = 0;
  for (let i = 0; i < rows; i++) {
    const a = start[i]!;
    s[i] = at;
    if (a >= 0) {
      const b = end[i]!;
      for (let k = a; k < b; k++) out[at++] = src[k]!;
    } else if (a <= -2) {
      valid[i] = 1;
      const v = literals[-2 - a]!;
      for (let k = 0; k < v.length; k++) out[at++] = v.charCodeAt(k);
    }
    e[i] = at;
  }
}
