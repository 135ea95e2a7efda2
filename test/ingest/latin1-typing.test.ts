import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { afterEach, describe, expect, it } from 'vitest';
import { parseChunk, type ParseChunkResult } from '../../src/ingest/csv/parse-chunk.js';
import { addDistinct, mergeDistinct, newDistinct } from '../../src/ingest/profile/distinct.js';
import { ByteDistinct } from '../../src/ingest/profile/byte-distinct.js';
import { RowHasher } from '../../src/kernels/row-hash.js';
import { isBlankUnits as isBlankLatin1 } from '../../src/kernels/blank.js';
import { isoTimestampUnits as isoTimestampLatin1 } from '../../src/kernels/timestamp/iso-units.js';
import { enumCodeLatin1 } from '../../src/ingest/typing/latin1-cells.js';
import { trimEnd, trimStart } from '../../src/kernels/trim.js';
import { makeTypingPlan } from '../../src/ingest/typing/plan.js';
import { timestampMs } from '../../src/kernels/timestamp/parse.js';
import { isBlankCell } from '../../src/kernels/blank.js';
import type { FieldSpec } from '../../src/population/kinds.js';
import { tempDir } from '../helpers/tmp.js';

const latin1 = (s: string) => Buffer.from(s, 'latin1');
type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/** Characters the byte rules must get exactly right: every JS blank in Latin-1, accents, digits, separators. */
const ALPHABET = [' ', ' ', '\t', '\u000b', '\u000c', '\r', '\u00a0', '\u0085', '\u0000', 'a', 'Z', 'é', 'É', 'ß', 'ÿ', '0', '7', '9', ':', '-', '+', '.', ',', 'T', 't', 'Z', 'z', '/'];

function randomText(rng: Rng, max: number): string {
  let s = '';
  const n = Math.floor(rng() * max);
  for (let i = 0; i < n; i++) s += pick(rng, ALPHABET);
  return s;
}

/** Timestamp-shaped text: ISO variants (offsets, fractions, one-digit hours, lower-case separators), odd and broken forms. */
function randomTimestamp(rng: Rng): string {
  const two = (n: number) => String(n).padStart(2, '0');
  // Each part is usually valid (so the byte rules decide often) and sometimes broken.
  const either = (good: readonly string[], bad: readonly string[]) => pick(rng, rng() < 0.88 ? good : bad);
  const year = either(['2025', '2024', '1999', '2000'], ['0999', '20x5', '202']);
  const month = rng() < 0.9 ? two(1 + Math.floor(rng() * 12)) : pick(rng, ['00', '13', '1', 'x1']);
  const day = rng() < 0.9 ? two(1 + Math.floor(rng() * 28)) : pick(rng, ['00', '29', '30', '31', '32', '3']);
  const sep = either(['T', 't', ' ', 'T  '], ['_', '']);
  const hour = either(['9', '09', '23', '00', '24'], ['25', '1x', '']);
  const minute = either(['00', '59', '30'], ['60', '5', '']);
  const second = either(['', ':00', ':59', ':60', ':30.5', ':30.123', ':30,25', ':30.1234567'], [':61', ':5', ':30.', ':']);
  const zone = either(['', 'Z', 'z', '+05:30', '-08:00', '+0530', '-08', ' '], ['Zx', '+15:00', '+05:60', '+5', ' PM', 'AM', ' am', '-']);
  const time = rng() < 0.2 ? '' : `${sep}${hour}:${minute}${second}`;
  const pad = () => pick(rng, ['', '', '', ' ', '\t', '\u00a0']);
  const r = rng();
  const s = r < 0.8 ? `${year}-${month}-${day}${time}${zone}` : r < 0.9 ? exportDate(rng) : pick(rng, ['20250304', '03/04/2025', '45720.5', '2025-3-4', randomText(rng, 24)]);
  return pad() + s + pad();
}

/** The date families of client exports (only the string parser reads them: the byte rules must decline each). */
function exportDate(rng: Rng): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const d = 1 + Math.floor(rng() * 31);
  const m = 1 + Math.floor(rng() * 12);
  const mon = pick(rng, ['Jan', 'FEB', 'mar', 'April', 'Sept', 'Dec', 'Foo']);
  const clock = pick(rng, ['', ' 2:22 PM', ' 02:22:05 pm', ' 14:22', ' 12:00 AM', ' 13:00 PM', ' 17:39:43 UTC', ' 09:00 GMT+02:00', ' 10:00 +0000']);
  return pick(rng, [
    `${two(d)}/${mon}/${pick(rng, ['25', '2025', '69', '5'])}${clock}`,
    `${d}-${mon}-2025${clock}`,
    `${d} ${mon} 2025${clock}`,
    `${mon} ${d}, 2025${clock}`,
    `${pick(rng, ['Tue', 'Wed', 'Sunday'])}, ${two(d)} ${mon} 2025${clock}`,
    `${two(d)}.${two(m)}.${pick(rng, ['2025', '25'])}${clock}`,
    `${two(d)}/${two(m)}/${pick(rng, ['2025', '25'])}${clock}`,
    `${two(m)}-${two(d)}-2025${clock}`,
    `2025/${two(m)}/${two(d)}${clock}`,
    `2025-${two(m)}-${two(d)}${pick(rng, [' UTC', ' 17:00:00 UTC', ' 17:00 GMT', ' 5:00 PM', ', 17:00'])}`,
  ]);
}

describe('cell rules read from Latin-1 bytes', () => {
  it('blank, trim and enum lookup answer as the string rules do', () => {
    const values = ['normal', 'standard', 'emergency', 'é'];
    for (let seed = 0; seed < 4000; seed++) {
      const rng = seedrandom(`cells-${seed}`);
      const v = seed % 3 === 0 ? `${pick(rng, ['', ' ', '\u00a0', '\t'])}${pick(rng, ['Normal', 'STANDARD', 'emergency', 'É', 'normal ', 'norma'])}${pick(rng, ['', ' ', '\u00a0'])}` : randomText(rng, 8);
      const b = latin1(`x,${v},y`);
      const from = 2;
      const to = 2 + v.length;
      expect(isBlankLatin1(b, from, to), JSON.stringify(v)).toBe(isBlankCell(v));
      const t = v.trim();
      const ta = trimStart(b, from, to);
      const tb = trimEnd(b, ta, to);
      expect(b.toString('latin1', ta, tb), JSON.stringify(v)).toBe(t);
      const code = enumCodeLatin1(b, ta, tb, values);
      const expected = values.indexOf(t.toLowerCase());
      if (/[^\x00-\x7f]/.test(t)) expect(code, JSON.stringify(v)).toBe(-2);
      else expect(code, JSON.stringify(v)).toBe(expected);
    }
  });

  it('an ISO timestamp read from bytes is the number timestampMs gives, and every other text is left to it', () => {
    let read = 0;
    for (const timeZone of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
      for (let seed = 0; seed < 3000; seed++) {
        const rng = seedrandom(`ts-${timeZone}-${seed}`);
        const v = randomTimestamp(rng);
        const b = latin1(`;${v};`);
        const ta = trimStart(b, 1, 1 + v.length);
        const ms = isoTimestampLatin1(b, ta, trimEnd(b, ta, 1 + v.length), timeZone);
        if (Number.isNaN(ms)) continue;
        read++;
        expect(ms, `${JSON.stringify(v)} in ${timeZone}`).toBe(timestampMs(v, { timeZone }));
      }
    }
    expect(read).toBeGreaterThan(1500); // the generator reaches the byte rules often, not only the fallback
    expect(isoTimestampLatin1(latin1('2025-01-02T03:04:05Z'), 0, 20, 'UTC')).toBe(Date.UTC(2025, 0, 2, 3, 4, 5));
    expect(isoTimestampLatin1(latin1('2025-01-02 03:04 PM'), 0, 19, 'UTC')).toBeNaN(); // AM/PM: the string parser's
  });

  it('a distinct sketch fed with byte spans (and some strings) equals one fed with the strings, below and above the exact cap', () => {
    for (const [seed, count, range] of [[1, 50, 10], [2, 3000, 2048], [3, 3000, 2049], [4, 20_000, 100_000]] as const) {
      const rng = seedrandom(`distinct-${seed}`);
      const cells = Array.from({ length: count }, () => `v${Math.floor(rng() * range)}${pick(rng, ['', 'é', ' '])}`);
      const text = latin1(cells.join(','));
      const bytes = new ByteDistinct(text, 'latin1');
      const strings = newDistinct();
      const hasher = new RowHasher(); // the typer's: each cell's distinct hash from the row hash's word loads
      let at = 0;
      for (const [i, c] of cells.entries()) {
        if (i % 7 === 3) bytes.addText(c); // cells read as strings (quoted) share the table
        else bytes.add(at, at + c.length, hasher.valueUnits(text, at, at + c.length));
        addDistinct(strings, c);
        at += c.length + 1;
      }
      const got = bytes.sketch();
      expect(got.exact ? [...got.exact].sort() : null, `seed ${seed}`).toEqual(strings.exact ? [...strings.exact].sort() : null);
      expect(got.registers, `seed ${seed}`).toEqual(strings.registers);
    }
  });
});

describe('a byte sketch started past the exact cap', () => {
  it('merges with an overflowed chunk into the sketch the strings of both chunks give', () => {
    let merged = 0;
    for (const [seed, first, second, range] of [[1, 3000, 10, 100_000], [2, 3000, 500, 100_000], [3, 5000, 3000, 4000], [4, 2100, 2100, 2_000_000], [5, 3000, 40, 3]] as const) {
      const rng = seedrandom(`past-${seed}`);
      const cellsOf = (n: number, prefix: string) => Array.from({ length: n }, () => `${prefix}${Math.floor(rng() * range)}${pick(rng, ['', 'é'])}`);
      const chunks = [cellsOf(first, 'v'), cellsOf(second, rng() < 0.5 ? 'v' : 'w')];
      const sketches = chunks.map((cells, k) => {
        const text = latin1(cells.join(','));
        const d = new ByteDistinct(text, 'latin1', k === 1); // the second chunk knows the first went past the cap
        const hasher = new RowHasher();
        let at = 0;
        for (const c of cells) {
          d.add(at, at + c.length, hasher.valueUnits(text, at, at + c.length));
          at += c.length + 1;
        }
        return d;
      });
      expect(sketches[0]!.overflowed, `seed ${seed}: the first chunk holds more than the cap`).toBe(new Set(chunks[0]).size > 2048);
      if (!sketches[0]!.overflowed) continue;
      const strings = newDistinct();
      for (const c of chunks.flat()) addDistinct(strings, c);
      const both = mergeDistinct(sketches[0]!.sketch(), sketches[1]!.sketch());
      expect(both.exact, `seed ${seed}`).toBeNull();
      expect(both.registers, `seed ${seed}`).toEqual(strings.registers);
      merged++;
    }
    expect(merged).toBe(4); // every seed but the one whose first chunk stays below the cap
  });
});

const HEADERS = ['Key', 'Kind', 'When', 'Amount', 'Flag', 'Note', 'Who'];
const FIELDS: FieldSpec[] = [
  { name: 'key', type: 'string', synonyms: [] },
  { name: 'kind', type: 'enum', synonyms: [], values: ['normal', 'standard', 'emergency'] },
  { name: 'when', type: 'timestamp', synonyms: [] },
  { name: 'amount', type: 'number', synonyms: [] },
  { name: 'flag', type: 'boolean', synonyms: [] },
  { name: 'who', type: 'string', synonyms: [] },
];
const MAPPING = { key: 'Key', kind: 'Kind', when: 'When', amount: 'Amount', flag: 'Flag', who: 'Who' };

/** A random chunk: padded, blank and NBSP cells, quoted runs, doubled quotes, ragged and blank lines, odd values of every type. */
function randomChunk(rng: Rng, rows: number, delimiter: string, eol: string): string {
  const cell = (plain: string) => {
    const r = rng();
    if (r < 0.06) return '';
    if (r < 0.09) return pick(rng, ['   ', '\t', '\u00a0', '\u00a0 ', ' \u00a0']);
    if (r < 0.14) return `  ${plain} `;
    if (r < 0.17) return `"${plain}${delimiter} quoted"`;
    if (r < 0.19) return `"say ""${plain}"""`;
    if (r < 0.2) return `"${plain}${eol}next line"`;
    if (r < 0.25) return `${plain}é`;
    return plain;
  };
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const r = rng();
    if (r < 0.02) {
      lines.push(pick(rng, ['', ' ']));
      continue;
    }
    if (r < 0.05) {
      // Rows of the table's width that are (or nearly are) not data: blank, total rows, data keyed like a label.
      const first = pick(rng, ['', ' ', '\u00a0', 'Total', ' Grand Total', 'TOTALS:', 'Subtotal', 'Count: 12', 'count', 'Record count', 'Totally', 'Counter', 'Rows', 'Row count', 'Tot', 'CHG1']);
      const rest = Array.from({ length: 6 }, () => pick(rng, ['', '', ' ', '12', '1,234.50', '(3)', '$5', 'alice', '2025-01-02', '\u00a0']));
      if (rng() < 0.3) [rest[0], rest[1]] = [first, rest[0]!]; // the label in the second cell, the first blank
      lines.push([rng() < 0.3 ? '' : first, ...rest].join(delimiter));
      continue;
    }
    const rec = [
      cell(`K${i}`),
      pick(rng, ['Normal', 'STANDARD', ' emergency ', 'bogus', 'Émergency', '', '"normal"']),
      pick(rng, [randomTimestamp(rng), '2025-02-03T04:05:06Z', '2025-02-03 04:05']),
      pick(rng, ['1,234.50', '(12)', '$5', '7', 'x', '', '1e3']),
      pick(rng, ['yes', 'N', 'true', 'maybe', '']),
      cell(randomText(rng, 6)),
      cell(pick(rng, ['alice', 'Bob', 'carol', 'dave', 'núñez'])),
    ];
    if (r < 0.05) rec.pop();
    else if (r < 0.07) rec.push('extra');
    lines.push(rec.join(delimiter));
  }
  if (rng() < 0.3) for (let k = Math.floor(rng() * 4); k > 0; k--) lines.push(pick(rng, ['Generated by tickmark', 'Page 1 of 1', `a${delimiter}b`])); // short rows at the end: a footer
  return lines.join(eol) + (rng() < 0.5 ? eol : '');
}

describe('typing a Latin-1 chunk from its bytes', () => {
  const dir = tempDir();
  afterEach(() => {
    delete process.env.TICKMARK_TYPING;
  });

  /** parseChunk the usual way (bytes) and through strings (TICKMARK_TYPING=text): result and file. */
  function bothWays(text: string, delimiter: string, name: string, timeZone = 'UTC') {
    const plan = makeTypingPlan(HEADERS, MAPPING, FIELDS, { timeZone });
    const run = (typing: string | undefined): { result: ParseChunkResult; file: Buffer | null } => {
      if (typing) process.env.TICKMARK_TYPING = typing;
      else delete process.env.TICKMARK_TYPING;
      const outPath = join(dir, `${name}-${typing ?? 'bytes'}.tmck`);
      const result = parseChunk({ bytes: new Uint8Array(Buffer.from(text, 'utf8')), delimiter, plan, outPath, last: true });
      return { result, file: result.rows ? readFileSync(outPath) : null };
    };
    return { bytes: run(undefined), strings: run('text') };
  }

  it('writes the same chunk file and returns the same rows, issues, profile and malformed rows as typing through strings', () => {
    let latin1Chunks = 0;
    let [totalRows, blankRows, footers, dayMonth] = [0, 0, 0, 0];
    for (let seed = 0; seed < 60; seed++) {
      const rng = seedrandom(`latin1-typing-${seed}`);
      const delimiter = [',', ';', '\t', '|'][seed % 4]!;
      const rows = seed % 10 === 0 ? 5000 + Math.floor(rng() * 2000) : 1 + Math.floor(rng() * 120); // some past the exact distinct cap on the byte path alone
      const text = randomChunk(rng, rows, delimiter, seed % 3 === 0 ? '\r\n' : '\n');
      const { bytes, strings } = bothWays(text, delimiter, `r${seed}`, seed % 5 === 0 ? 'America/New_York' : 'UTC');
      expect(bytes.result.failure, `seed ${seed}`).toBeUndefined();
      expect(bytes.result, `seed ${seed}`).toEqual(strings.result);
      expect(bytes.file?.equals(strings.file!) ?? strings.file === null, `seed ${seed}: chunk files differ`).toBe(true);
      if (bytes.file?.includes('"encoding":"latin1"')) latin1Chunks++;
      totalRows += bytes.result.nonData.byReason.total_row ?? 0;
      blankRows += bytes.result.nonData.byReason.blank_row ?? 0;
      footers += bytes.result.tail;
      dayMonth += Object.keys(bytes.result.dayMonth).length;
    }
    expect(latin1Chunks).toBeGreaterThan(50); // the comparison was about the byte path, not a fallback
    expect([totalRows, blankRows, footers, dayMonth].every((n) => n > 20), `${[totalRows, blankRows, footers, dayMonth]}`).toBe(true);
  });

  it('names the same line and column for a stray quote, and the same line for an unclosed one', () => {
    const head = 'K1,Normal,2025-01-01,1,yes,n,alice\nK2,Normal,2025-01-01,1,yes,"ok",bob\n';
    for (const [tail, code] of [
      ['K3,Normal,2025-01-01,1,yes,5" monitor,carol\n', 'TM_ERR_BAD_QUOTE'],
      ['K3,Normal,2025-01-01,1,yes,"a"b,carol\n', 'TM_ERR_BAD_QUOTE'],
      ['K3,Normal,2025-01-01,1,yes,"never closed,carol\nK4,Normal,2025-01-01,1,yes,n,dave\n', 'TM_ERR_UNCLOSED_QUOTE'],
    ] as const) {
      const { bytes, strings } = bothWays(head + 'K2b,Normal,2025-01-01,1,yes,n,x\n' + tail, ',', 'bad');
      expect(bytes.result.failure?.code).toBe(code);
      expect(bytes.result.failure).toEqual(strings.result.failure);
      expect(bytes.result.failure!.line).toBe(4);
    }
  });
});
