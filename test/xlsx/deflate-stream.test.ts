/**
 * DeflateStream: pieces written faster than they compress come out as one raw deflate stream of
 * their concatenation, in order, whatever their sizes (empty, shorter than the window, larger
 * than the in-flight limit); each piece is reported consumed once; a failing output fails `end`.
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
    expect(consumed.sort((a, b) => a - b)).toEqual(pieces.map((_, i) => i));
  });

  it('joins pieces of any size, repeated text across their edges, into the same text', async () => {
    const rng = seedrandom('deflate-sizes');
    const phrase = Buffer.from('<c r="A1" s="3" t="s"><v>12</v></c>');
    const piece = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => phrase[(i + Math.floor(rng() * 2)) % phrase.length]!));
    const pieces = [0, 1, 17, 40_000, 0, 5, 9 << 20, 32 << 10, 3].map(piece);
    const out: Buffer[] = [];
    const stream = new DeflateStream(1, (bytes) => void out.push(bytes));
    for (const p of pieces) await stream.write(p);
    const compressed = await stream.end();
    expect(compressed).toBe(Buffer.concat(out).length);
    expect(inflateRawSync(Buffer.concat(out)).equals(Buffer.concat(pieces))).toBe(true);
  });

  it('primes each piece with the tail of the one before: a piece that repeats it costs a few bytes', async () => {
    const rng = seedrandom('deflate-window');
    const noise = Buffer.from(Array.from({ length: 20_000 }, () => Math.floor(rng() * 256)));
    const out: Buffer[] = [];
    const stream = new DeflateStream(1, (bytes) => void out.push(bytes));
    await stream.write(noise);
    await stream.write(Buffer.from(noise));
    const compressed = await stream.end();
    expect(inflateRawSync(Buffer.concat(out)).equals(Buffer.concat([noise, noise]))).toBe(true);
    expect(compressed).toBeLessThan(noise.length + 1_000);
  });

  it('ends an empty stream as an empty deflate stream', async () => {
    const out: Buffer[] = [];
    const stream = new DeflateStream(1, (bytes) => void out.push(bytes));
    expect(await stream.end()).toBe(2);
    expect(inflateRawSync(Buffer.concat(out)).length).toBe(0);
  });

  it('fails end when the output fails', async () => {
    const stream = new DeflateStream(1, () => Promise.reject(new Error('disk full')));
    await stream.write(Buffer.from('a'.repeat(1 << 20))).catch(() => undefined);
    await expect(stream.end()).rejects.toThrow('disk full');
  });
});
