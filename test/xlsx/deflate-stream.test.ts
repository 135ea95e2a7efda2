/**
 * DeflateStream: pieces written faster than they compress come out as one raw deflate stream of
 * their concatenation, in order; each piece is reported consumed once; a failing output fails `end`.
 */
import { inflateRawSync } from 'node:zlib';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { DeflateStream } from '../../src/xlsx/deflate-stream.js';

describe('DeflateStream', () => {
  it('deflates many pieces into one stream of their concatenation, each reported consumed once', async () => {
    const rng = seedrandom('deflate-stream');
    const pieces = Array.from({ length: 60 }, (_, i) => Buffer.from(`<row r="${i}">${'x'.repeat(Math.floor(rng() * 400_000))}${Math.floor(rng() * 1e9)}</row>`));
    const out: Buffer[] = [];
    const consumed: number[] = [];
    const stream = new DeflateStream(1, async (bytes) => {
      await new Promise((resolve) => setImmediate(resolve)); // a slow output
      out.push(bytes);
    });
    for (const [i, piece] of pieces.entries()) await stream.write(piece, () => consumed.push(i));
    const compressed = await stream.end();
    expect(compressed).toBe(Buffer.concat(out).length);
    expect(inflateRawSync(Buffer.concat(out)).equals(Buffer.concat(pieces))).toBe(true);
    expect(consumed).toEqual(pieces.map((_, i) => i));
  });

  it('fails end when the output fails', async () => {
    const stream = new DeflateStream(1, () => Promise.reject(new Error('disk full')));
    await stream.write(Buffer.from('a'.repeat(1 << 20))).catch(() => undefined);
    await expect(stream.end()).rejects.toThrow('disk full');
  });
});
