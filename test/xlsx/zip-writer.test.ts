/**
 * The zip writer: whole and streamed entries read back byte for byte by tickmark's strict zip
 * reader (central directory, local headers, sizes, CRC-32) and by Python's zipfile, however the
 * streamed text is cut; a streamed entry spans several deflate pieces.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ZipWriter } from '../../src/xlsx/index.js';
import { tempDir } from '../helpers/tmp.js';
import { zipParts } from './helpers/zip-parts.js';

describe('ZipWriter', () => {
  const dir = tempDir('tickmark-zip-writer-');

  it('writes whole and streamed entries that read back exactly', async () => {
    const rng = seedrandom('zip');
    const words = ['<row r="1">', 'é ✓ 😀', 'text ', '\r\n', '&amp;', String(Math.PI)];
    let big = '';
    while (big.length < 3_500_000) big += words[Math.floor(rng() * words.length)];
    const path = join(dir, 'a.zip');
    const out = createWriteStream(path);
    const zip = new ZipWriter(out, new Date('2026-01-10T12:34:56Z'));
    await zip.add('small.xml', '<a/>');
    await zip.add('empty.txt', '');
    const entry = zip.open('dir/big.xml');
    for (let at = 0; at < big.length; ) {
      const n = 1 + Math.floor(rng() * 300_000);
      await entry.write(big.slice(at, at + n));
      at += n;
    }
    await entry.end();
    const none = zip.open('streamed-empty.xml');
    await none.end();
    await zip.add('[Content_Types].xml', Buffer.from('<Types/>'));
    await zip.finish();
    await finished(out);

    const got = await zipParts(path);
    expect([...got.keys()]).toEqual(['small.xml', 'empty.txt', 'dir/big.xml', 'streamed-empty.xml', '[Content_Types].xml']);
    expect(got.get('small.xml')).toBe('<a/>');
    expect(got.get('empty.txt')).toBe('');
    expect(got.get('dir/big.xml')).toBe(big);
    expect(got.get('streamed-empty.xml')).toBe('');

    const python = spawnSync('python3', ['-c', 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint(z.testzip(), len(z.read("dir/big.xml")), z.getinfo("small.xml").date_time)', path], { encoding: 'utf8' });
    if (python.status === 0) expect(python.stdout.trim()).toBe(`None ${Buffer.byteLength(big)} (2026, 1, 10, 12, 34, 56)`);
  }, 60_000);

  it('streams text and bytes mixed, the bytes read before write returns, a pair cut between two texts kept whole', async () => {
    const rng = seedrandom('zip-bytes');
    const words = ['<row r="1">', 'é ✓ 😀', 'text ', '&amp;', String(Math.E)];
    let big = '';
    while (big.length < 2_500_000) big += words[Math.floor(rng() * words.length)];
    const path = join(dir, 'mixed.zip');
    const out = createWriteStream(path);
    const zip = new ZipWriter(out, new Date('2026-01-10T12:34:56Z'));
    const entry = zip.open('mixed.xml');
    const reused = Buffer.alloc(1 << 16);
    for (let at = 0; at < big.length; ) {
      const piece = big.slice(at, at + 1 + Math.floor(rng() * 40_000));
      const last = piece.charCodeAt(piece.length - 1);
      if (rng() < 0.5 && !(last >= 0xd800 && last <= 0xdbff)) {
        // Bytes in a buffer the caller fills again as soon as write returns.
        const n = reused.write(piece, 0, 'utf8');
        const writing = entry.write(reused.subarray(0, n));
        reused.fill(0x41);
        await writing;
      } else await entry.write(piece);
      at += piece.length;
    }
    await entry.end();
    await zip.finish();
    await finished(out);
    expect((await zipParts(path)).get('mixed.xml')).toBe(big);
  });

  it('writes ZIP64 fields where classic ones cannot hold a number, read back by both readers', async () => {
    // Lowered from 4 GiB so that a small archive has every kind of ZIP64 field.
    const from = 100;
    const text = 'row '.repeat(20_000);
    const path = join(dir, 'zip64.zip');
    const out = createWriteStream(path);
    const zip = new ZipWriter(out, new Date('2026-01-10T12:00:00Z'), from);
    await zip.add('first.xml', '<a/>');
    const entry = zip.open('big.xml');
    await entry.write(text);
    await entry.end();
    await zip.add('after.xml', '<b/>'); // its offset is past the threshold
    await zip.finish();
    await finished(out);
    const got = await zipParts(path);
    expect([...got.keys()]).toEqual(['first.xml', 'big.xml', 'after.xml']);
    expect(got.get('big.xml')).toBe(text);
    expect(got.get('after.xml')).toBe('<b/>');
    const python = spawnSync('python3', ['-c', 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint(z.testzip(), [(i.filename, i.file_size) for i in z.infolist()])', path], { encoding: 'utf8' });
    if (python.status === 0) expect(python.stdout.trim()).toBe(`None [('first.xml', 4), ('big.xml', ${text.length}), ('after.xml', 4)]`);
  });

  it('refuses a second entry while one is streaming', async () => {
    const path = join(dir, 'b.zip');
    const out = createWriteStream(path);
    const zip = new ZipWriter(out, new Date());
    const entry = zip.open('a.xml');
    await expect(zip.add('b.xml', 'x')).rejects.toThrow('an entry is still being written');
    await entry.end();
    await zip.finish();
    await finished(out);
    expect([...(await zipParts(path)).keys()]).toEqual(['a.xml']);
  });
});
