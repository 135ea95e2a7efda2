/**
 * A text column of a stored population as arquero reads columns (`length`, `at(row)`, iteration):
 * the chunks' own columns, decoded one chunk at a time the first time a row of that chunk is
 * asked for. Building a table of text columns decodes nothing; a verb that reads the column
 * decodes the chunks it reaches, each once.
 *
 * @example
 * const title = new ChunkedTextColumn(chunks, (c) => c.source['Short Description']!)
 * title.at(0) // 'Enable base images on customer-portal' (decodes the first chunk's column only)
 */
import type { PopulationChunk } from '../population/types.js';

/** The values of one column of one chunk (a lazily decoded chunk decodes the column on first access). */
export type ChunkValues = (chunk: PopulationChunk) => readonly (string | null)[];

export class ChunkedTextColumn {
  readonly length: number;
  readonly #chunks: readonly PopulationChunk[];
  readonly #values: ChunkValues;
  /** First row of each chunk, then the total. */
  readonly #starts: number[];
  readonly #decoded: (readonly (string | null)[] | undefined)[];
  #last = 0;

  constructor(chunks: readonly PopulationChunk[], values: ChunkValues) {
    this.#chunks = chunks;
    this.#values = values;
    this.#starts = [0];
    for (const c of chunks) this.#starts.push(this.#starts[this.#starts.length - 1]! + c.rows);
    this.length = this.#starts[chunks.length]!;
    this.#decoded = new Array(chunks.length);
  }

  at(row: number): string | null {
    if (!(row >= 0 && row < this.length)) return null;
    let i = this.#last;
    if (row < this.#starts[i]! || row >= this.#starts[i + 1]!) {
      let lo = 0;
      let hi = this.#chunks.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.#starts[mid]! <= row) lo = mid;
        else hi = mid - 1;
      }
      i = this.#last = lo;
    }
    return this.#chunk(i)[row - this.#starts[i]!] ?? null;
  }

  *[Symbol.iterator](): Iterator<string | null> {
    for (let i = 0; i < this.#chunks.length; i++) {
      const values = this.#chunk(i);
      for (let j = 0; j < this.#chunks[i]!.rows; j++) yield values[j] ?? null;
    }
  }

  /** Every value as one array (arquero calls this when it needs a plain array). */
  toArray(): (string | null)[] {
    return Array.from(this);
  }

  #chunk(i: number): readonly (string | null)[] {
    let values = this.#decoded[i];
    if (!values) this.#decoded[i] = values = this.#values(this.#chunks[i]!);
    return values;
  }
}
