/**
 * Byte offsets in a text's UTF-8 form of positions counted in its UTF-16 code units: the record
 * splitter over a string names cells by code unit, the chunk file by byte. Positions are asked for
 * roughly in order (a record's cells, then the next record's), so a cursor walks the text from the
 * last position asked, forward or back: the whole chunk costs one pass.
 *
 * @example
 * const at = new Utf8Offsets('Jö,x'); at.byteAt(3) // 4
 */
import { utf8Width } from '../../kernels/utf8.js';
import type { RecordVisitor } from './split-records.js';

export class Utf8Offsets {
  private unit = 0;
  private byte = 0;

  /** `base`: the byte offset of the text's start. */
  constructor(private readonly text: string, private readonly base = 0) {}

  /** The byte offset of code unit `u` (a negative position, which names no cell, as it is). */
  byteAt(u: number): number {
    if (u < 0) return u;
    const text = this.text;
    let unit = this.unit;
    let byte = this.byte;
    while (unit < u) byte += utf8Width(text.charCodeAt(unit++));
    while (unit > u) byte -= utf8Width(text.charCodeAt(--unit));
    this.unit = unit;
    this.byte = byte;
    return this.base + byte;
  }
}

/**
 * `visit` fed by a splitter over `text`, whose bytes start at byte `base` of the chunk: the
 * record's positions (code units of `text`) as byte offsets of the chunk, in `encoding`.
 */
export function visitInBytes(text: string, encoding: 'latin1' | 'utf8', base: number, visit: RecordVisitor): RecordVisitor {
  if (encoding === 'latin1') {
    const at = (u: number) => (u >= 0 ? u + base : u);
    return (cells, line, start, rawFrom, rawTo, cellStarts) => visit(cells, line, at(start), at(rawFrom), at(rawTo), cellStarts?.map(at));
  }
  const offsets = new Utf8Offsets(text, base);
  const at = (u: number) => offsets.byteAt(u);
  return (cells, line, start, rawFrom, rawTo, cellStarts) => {
    const from = at(rawFrom);
    const first = at(start);
    const starts = cellStarts?.map(at);
    visit(cells, line, first, from, at(rawTo), starts);
  };
}
