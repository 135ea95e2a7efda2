/**
 * The PRN kernels (prn-batch.ts: native SHA-NI and WebAssembly SHA-256) against prn.ts:
 * bit-identical PRNs for every key they take, -1 for every key they must hand back (non-ASCII,
 * empty, null, literal), on random keys and seeds; and a stored chunk's scan gives each eligible
 * row prn(seed, its key). Each kernel this machine has is tested; TICKMARK_REQUIRE_NATIVE=1 (CI)
 * makes a missing native kernel a failure rather than a skip.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { ingestFile } from '../../src/ingest/ingest.js';
import { selectionSpec, planFor } from '../../src/operations/sample.js';
import { recordKeys } from '../../src/population/key.js';
import { prn } from '../../src/sampling/prn.js';
import { prnKernel, prnKeys, prnSpans, setPrnKernelThreads, wasmPrnSpans } from '../../src/sampling/prn-batch.js';
import { scanChunk, EXCLUDED } from '../../src/sampling/scan.js';
import { columnsOf } from '../../src/population/vectors.js';
import type { PopulationChunk } from '../../src/population/types.js';
import { loadChunk } from '../../src/store/read-chunks.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_/ .#';

function randomKey(rng: () => number): string {
  const r = rng();
  const len = r < 0.05 ? 0 : r < 0.7 ? 1 + Math.floor(rng() * 20) : 1 + Math.floor(rng() * 140); // one block, or several
  let k = '';
  for (let i = 0; i < len; i++) k += rng() < 0.03 ? String.fromCharCode(0xa0 + Math.floor(rng() * 96)) : ALPHABET[Math.floor(rng() * ALPHABET.length)]!;
  return k;
}

type Spans = typeof prnSpans;
const kernels: [string, Spans | undefined][] = [
  ['wasm-simd', wasmPrnSpans],
  ['sha-ni', prnKernel() === 'sha-ni' ? prnSpans : undefined],
];

/** Whether the chunk's field is read as Latin-1 code units straight from its file (the path under test). */
function latin1Units(chunk: PopulationChunk, field: string): boolean {
  const column = columnsOf(chunk).field(field);
  return chunk.vectors !== undefined && column?.kind === 'text' && column.units().units instanceof Uint8Array;
}

describe('the kernel in use', () => {
  it('is a batch kernel, and the native one where CI requires it', () => {
    if (process.env.TICKMARK_REQUIRE_NATIVE === '1') expect(prnKernel()).toBe('sha-ni');
    else expect(['sha-ni', 'wasm-simd']).toContain(prnKernel());
  });

  it.skipIf(prnKernel() !== 'sha-ni')('the native kernel refuses a span outside the text instead of reading past it', () => {
    const text = Buffer.from('CHG0000001', 'latin1');
    expect(() => prnSpans('1\u001f', text, Int32Array.from([0]), Int32Array.from([11]), 1)).toThrow(RangeError);
    expect(() => prnSpans('1\u001f', text, Int32Array.from([0]), Int32Array.from([10]), 2)).toThrow(RangeError);
  });

  it.skipIf(prnKernel() !== 'sha-ni')('the native kernel gives the same PRNs with its rows shared among threads', () => {
    const rng = seedrandom('threads');
    const keys = Array.from({ length: 30_001 }, (_, i) => (i % 1000 === 3 ? 'é' : randomKey(rng)));
    const text = Buffer.from(keys.join(''), 'latin1');
    const start = new Int32Array(keys.length);
    const end = new Int32Array(keys.length);
    keys.reduce((at, k, i) => ((start[i] = i % 501 === 0 ? -1 : at), (end[i] = at + k.length), at + k.length), 0);
    const alone = prnSpans('s\u001f', text, start, end, keys.length)!;
    for (const threads of [2, 3, 64]) {
      const before = setPrnKernelThreads(threads);
      try {
        expect(prnSpans('s\u001f', text, start, end, keys.length)).toEqual(alone);
      } finally {
        setPrnKernelThreads(before);
      }
    }
    expect(alone.filter((p) => p === -1).length).toBeGreaterThan(60); // rows handed back stay handed back
    expect(alone[7]).toBe(keys[7] === '' || /[^\x00-\x7f]/.test(keys[7]!) ? -1 : prn('s', keys[7]!));
  });
});

for (const [name, spans] of kernels) describe.skipIf(!spans)(`prnSpans (${name} kernel)`, () => {
  const prnSpans = spans!;
  const seeds = ['20251231', '1', '', 'é✓ seed', 'x'.repeat(60)];
  for (const seed of seeds) {
    it(`equals prn() on 3,000 random keys, seed ${JSON.stringify(seed.slice(0, 12))}`, () => {
      const rng = seedrandom(`kernel ${seed}`);
      const keys = Array.from({ length: 3000 }, () => randomKey(rng));
      const text = Buffer.from(keys.join('|'), 'latin1');
      const start = new Int32Array(keys.length);
      const end = new Int32Array(keys.length);
      let at = 0;
      keys.forEach((k, i) => {
        start[i] = i % 97 === 5 ? -1 : i % 89 === 7 ? -3 : at; // some null and literal cells
        end[i] = at + k.length;
        at += k.length + 1;
      });
      const out = prnSpans(seed + '\u001f', text, start, end, keys.length)!;
      expect(out).toBeInstanceOf(Float64Array);
      let hashed = 0;
      keys.forEach((k, i) => {
        const handBack = start[i]! < 0 || k === '' || /[^\x00-\x7f]/.test(k);
        if (handBack) expect(out[i], `key ${i}`).toBe(-1);
        else {
          hashed++;
          expect(out[i], `key ${i} ${JSON.stringify(k)}`).toBe(prn(seed, k));
        }
      });
      expect(hashed).toBeGreaterThan(1200);
    });
  }

  it('takes rows in batches: a chunk larger than one batch, and a partial last batch', () => {
    const keys = Array.from({ length: 9000 }, (_, i) => `CHG${String(i).padStart(7, '0')}`);
    const text = Buffer.from(keys.join(''), 'latin1');
    const start = Int32Array.from(keys, (_, i) => i * 10);
    const end = Int32Array.from(keys, (_, i) => i * 10 + 10);
    const out = prnSpans('42\u001f', text, start, end, keys.length)!;
    for (const i of [0, 4095, 4096, 8191, 8192, 8999]) expect(out[i]).toBe(prn('42', keys[i]!));
  });

  it('reads keys from a Buffer that is a view into a larger pooled buffer, and only up to rows', () => {
    const pool = Buffer.from(`xxxxCHG0000001CHG0000002CHG0000003yyyy`, 'latin1');
    const text = pool.subarray(4, 34); // byteOffset 4
    const start = Int32Array.from([0, 10, 20, 0]);
    const end = Int32Array.from([10, 20, 30, 5]);
    const out = prnSpans('9\u001f', text, start, end, 3)!;
    expect(out.length).toBe(3);
    expect([...out]).toEqual(['CHG0000001', 'CHG0000002', 'CHG0000003'].map((k) => prn('9', k)));
  });
});

describe('prnKeys (key strings through the kernel)', () => {
  it('equals prn() on random keys, and hands back (-1) exactly the non-ASCII and empty ones', () => {
    const rng = seedrandom('prn-keys');
    const keys = Array.from({ length: 3000 }, () => randomKey(rng));
    keys.push('中文键', '😀', 'CHG\u0100'); // beyond Latin-1: their low bytes must never be hashed
    const out = prnKeys('20251231\u001f', keys)!;
    let hashed = 0;
    keys.forEach((k, i) => {
      if (k === '' || /[^\x00-\x7f]/.test(k)) expect(out[i], `key ${i}`).toBe(-1);
      else {
        hashed++;
        expect(out[i], `key ${i} ${JSON.stringify(k)}`).toBe(prn('20251231', k));
      }
    });
    expect(hashed).toBeGreaterThan(1500);
  });
});

describe('scan.prns() on a stored chunk', () => {
  it("gives every eligible row prn(seed, key) and the key recordKeys gives, whatever the key's form", async () => {
    const dir = tempDir();
    const rows = [
      'Number,Type,Short Description,Requested By,Approved By,Approved On,Implemented By,Deployed On',
      'CHG0000001,Normal,plain,alice,bob,2025-01-02 10:00,carol,2025-01-03T10:00:00Z',
      '  CHG0000002  ,Normal,padded key,alice,bob,2025-01-02 10:00,carol,2025-01-03T11:00:00Z',
      '"CHG""3""",Normal,quoted key with quotes (a literal cell),alice,bob,2025-01-02 10:00,carol,2025-01-04T10:00:00Z',
      'CHGé4,Normal,non-ASCII key,alice,bob,2025-01-02 10:00,carol,2025-01-05T10:00:00Z',
      ',Normal,blank key (content key),alice,bob,2025-01-02 10:00,carol,2025-01-06T10:00:00Z',
      `${'K'.repeat(80)},Normal,long key,alice,bob,2025-01-02 10:00,carol,2025-01-07T10:00:00Z`,
      'CHG0000007,Normal,outside the period,alice,bob,2024-01-02 10:00,carol,2024-01-07T10:00:00Z',
    ];
    // Written as Latin-1 bytes: the chunk's text is Latin-1 (a UTF-8 file with é is kept as UTF-8, whose non-ASCII columns are read as UTF-16).
    const file = writeTemp(dir, 'keys.csv', Buffer.from(rows.join('\n') + '\n', 'latin1'));
    const store = tempStore();
    const { population } = await ingestFile(store, file, { kind: 'change', workers: 0, timeZone: 'UTC' });
    const request = { seed: '7', size: 3, method: 'random' as const, period: '2025-01-01..2025-12-31', timeZone: 'UTC' };
    const spec = selectionSpec(population, request, planFor(population, request).n);
    const chunk = loadChunk(store.populationDir(population.id), population.chunks[0]!);
    expect(latin1Units(chunk, spec.key[0]!)).toBe(true); // the kernel's path is the one under test
    const scan = scanChunk(chunk, spec);
    const keys = recordKeys(chunk, spec.key, spec.headers);
    const prns = scan.prns();
    expect(keys.slice(0, 4)).toEqual(['CHG0000001', 'CHG0000002', 'CHG"3"', 'CHGé4']);
    expect(keys[4]).toMatch(/^#[0-9a-f]{64}$/);
    for (let i = 0; i < chunk.rows; i++) {
      expect(scan.key(i)).toBe(keys[i]);
      if (scan.eligible[i] === EXCLUDED) expect(prns[i]).toBeNaN();
      else expect(prns[i], `row ${i}`).toBe(prn('7', keys[i]!));
    }
    expect(scan.eligible[6]).toBe(EXCLUDED);
  });

  it('gives quoted (literal) key cells and composite keys the same PRNs through the kernel', async () => {
    const dir = tempDir();
    // Every key cell quoted, as some exporters write them: all literals, over the kernel's threshold.
    const lines = ['Number,Type,Short Description,Requested By,Approved By,Approved On,Implemented By,Deployed On'];
    for (let i = 0; i < 300; i++) lines.push(`"CHG${String(i).padStart(7, '0')}",Normal,"d ${i}",alice,bob,2025-01-02 10:00,carol,2025-0${1 + (i % 9)}-03T10:00:00Z`);
    lines.push('"CHGé",Normal,non-ASCII literal,alice,bob,2025-01-02 10:00,carol,2025-01-03T10:00:00Z');
    const file = writeTemp(dir, 'quoted.csv', lines.join('\n') + '\n');
    const store = tempStore();
    const change = (await ingestFile(store, file, { kind: 'change', workers: 0, timeZone: 'UTC' })).population;
    const composite = (await ingestFile(store, file, { kind: 'generic', key: ['Number', 'Type'], eventTime: 'Deployed On', workers: 0, timeZone: 'UTC' })).population;
    for (const population of [change, composite]) {
      const chunk = loadChunk(store.populationDir(population.id), population.chunks[0]!);
      const request = { seed: 's', size: 5, method: 'random' as const, period: '2025-01-01..2025-12-31', timeZone: 'UTC' };
      const spec = selectionSpec(population, request, planFor(population, request).n);
      expect(spec.key.length).toBe(population === composite ? 2 : 1);
      const keys = recordKeys(chunk, spec.key, spec.headers);
      const prns = scanChunk(chunk, spec).prns();
      expect(chunk.rows).toBe(301);
      for (let i = 0; i < chunk.rows; i++) expect(prns[i], `row ${i}`).toBe(prn('s', keys[i]!));
    }
  });
});
