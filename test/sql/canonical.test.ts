/**
 * The canonicalisation every dialect compiles, proved where it can run: JavaScript's trim set is
 * exactly the one the compiler writes; DuckDB (and PostgreSQL, with TICKMARK_PG_URL) trim, test
 * blank cells, lower-case and read ISO timestamps exactly as ingest does on random cells; and
 * each dialect's literal of the trim set and of the PRN separator decodes to the same characters
 * (the dialects differ only in how they spell them).
 */
import { describe, expect, it } from 'vitest';
import { lastWasAmbiguous, timestampMs } from '../../src/kernels/timestamp/parse.js';
import { isBlankCell } from '../../src/kernels/blank.js';
import { isBlank, jsLower, jsTrim, JS_TRIM_CHARS, JS_TRIM_CODE_POINTS } from '../../src/sql/compile/text.js';
import { timestampLayers } from '../../src/sql/compile/timestamp.js';
import { layered } from '../../src/sql/compile/layers.js';
import { wallToUtcShift } from '../../src/sql/compile/zone-shift.js';
import { dialects, type Dialect } from '../../src/sql/dialects/index.js';
import { duckdbEngine } from '../../src/sql/engines/duckdb.js';
import { postgresEngine } from '../../src/sql/engines/postgres.js';
import type { SqlEngine } from '../../src/sql/engines/engine.js';
import { PG_URL } from './helpers.js';

/** A deterministic stream of numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('the trim set', () => {
  it('is exactly the code points JavaScript trims', () => {
    const trimmed: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (String.fromCodePoint(cp).trim() === '') trimmed.push(cp);
    }
    expect(trimmed).toEqual([...JS_TRIM_CODE_POINTS]);
  });

  /** Decode a dialect's string literal (the spellings the dialects use) back to its text. */
  function decode(d: Dialect, literal: string): string {
    const pieces = literal.replace(/^\(|\)$/g, '').split(' || ');
    return pieces.map((p) => {
      const chr = /^(?:chr|CHR)\((\d+)\)$/.exec(p);
      if (chr) return String.fromCodePoint(Number(chr[1]));
      const body = p.slice(1, -1);
      if (d.name === 'snowflake') return body.replaceAll("''", "'").replaceAll('\\\\', '\\');
      if (d.name === 'spark' || d.name === 'bigquery') {
        return body.replace(/\\U([0-9A-F]{8})|\\u([0-9A-F]{4})|\\(.)/g, (_, big, small, ch) => (big ? String.fromCodePoint(parseInt(big, 16)) : small ? String.fromCharCode(parseInt(small, 16)) : ch));
      }
      return body.replaceAll("''", "'");
    }).join('');
  }

  it.each(Object.values(dialects).map((d) => ({ d })))('is spelled by $d.name as the same characters, and so is the PRN input', ({ d }) => {
    expect(decode(d, d.text(JS_TRIM_CHARS))).toBe(JS_TRIM_CHARS);
    expect(decode(d, d.text('20251231\u001f'))).toBe('20251231\u001f');
    expect(decode(d, d.text("O'Brien \\ é \u{1F600}"))).toBe("O'Brien \\ é \u{1F600}");
  });
});

const engines: { name: string; open: () => Promise<SqlEngine> }[] = [
  { name: 'duckdb', open: () => duckdbEngine() },
  ...(PG_URL ? [{ name: 'postgres', open: () => postgresEngine(PG_URL!) }] : []),
];

const alphabet = [...JS_TRIM_CHARS, '\u0085', '\u180e', '\u200b', 'a', 'B', 'é', 'İ', '\u212a', '\u{1F600}', "'", '\\', 'x'];

function randomCell(next: () => number): string {
  const n = Math.floor(next() * 6);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
  return s;
}

function randomTimestamp(next: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const pad = (v: number, w = 2) => String(v).padStart(w, '0');
  const date = `${pick(['0999', '1970', '2024', '2025', '2100'])}-${pad(pick([0, 1, 2, 12, 13]))}-${pad(pick([0, 1, 28, 29, 30, 31]))}`;
  const time = pick(['', `T${pad(pick([0, 9, 23, 24, 25]))}:${pad(pick([0, 59, 60]))}`, ` ${pick([1, 9, 12])}:${pad(pick([5, 30]))}:${pad(pick([0, 59, 60, 61]))}`, `t${pad(7)}:${pad(8)}:${pad(9)}${pick(['.5', ',123456', '.123456789', '.', '.9999'])}`]);
  const zone = time ? pick(['', 'Z', 'z', ' Z', '+02:00', '-0530', '+14', '+15:00', '-03:60', '+1', ' +01:00', 'Zx']) : pick(['', 'Z']);
  return pick(['', ' ', '\u00a0']) + date + time + zone + pick(['', ' ', '\t']);
}

describe.each(engines)('on $name, the canonical text rules are JavaScript\'s', ({ open }) => {
  it('trims, tests blank cells and lower-cases random cells as ingest does', async () => {
    const engine = await open();
    const d = engine.dialect;
    try {
      const next = rng(7);
      const cells = Array.from({ length: 400 }, () => randomCell(next));
      const values = cells.map((c, i) => `SELECT ${i} AS i, ${d.text(c)} AS v`).join('\nUNION ALL\n');
      const got = await engine.query(`SELECT i, ${jsTrim(d, 'v')} AS t, CASE WHEN ${isBlank(d, 'v')} THEN 1 ELSE 0 END AS b, ${jsLower(d, 'v')} AS l FROM (${values}) AS q ORDER BY i`, 'canonical');
      got.forEach((row, i) => {
        const c = cells[i]!;
        expect(row.t, JSON.stringify(c)).toBe(c.trim());
        expect(Number(row.b), JSON.stringify(c)).toBe(isBlankCell(c) ? 1 : 0);
        if (/^[\x00-\x7f]*$/.test(c.toLowerCase())) expect(row.l, JSON.stringify(c)).toBe(c.toLowerCase());
      });
    } finally {
      await engine.close();
    }
  }, 120_000);

  it.each(['UTC', 'America/New_York', 'Asia/Kolkata'])('reads ISO timestamps in %s exactly as ingest does (and no other)', async (zone) => {
    const engine = await open();
    const d = engine.dialect;
    try {
      const next = rng(zone.length);
      const cells = Array.from({ length: 500 }, () => randomTimestamp(next));
      const values = cells.map((c, i) => `SELECT ${i} AS i, ${d.text(c)} AS v`).join('\nUNION ALL\n');
      const sql = `SELECT i, tm_ts_ms AS ms, tm_ts_ok AS ok FROM (${layered(`SELECT * FROM (${values}) AS q`, timestampLayers(d, 'v', 'tm_ts', wallToUtcShift(zone, 1960, 2110)), d.fence)}) AS r ORDER BY i`;
      const got = await engine.query(sql, 'timestamps');
      let read = 0;
      got.forEach((row, i) => {
        const expected = timestampMs(cells[i]!, { timeZone: zone });
        const ambiguous = lastWasAmbiguous();
        if (Number(row.ok) === 1) {
          read++;
          expect(Number(row.ms), JSON.stringify(cells[i])).toBe(expected);
        } else expect(Number.isNaN(expected) || ambiguous, JSON.stringify(cells[i])).toBe(true);
      });
      expect(read).toBeGreaterThan(50);
    } finally {
      await engine.close();
    }
  }, 120_000);
});
