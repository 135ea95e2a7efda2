import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { isoTimestampUnits } from '../../../src/kernels/timestamp/iso-units.js';
import { timestampMs } from '../../../src/kernels/timestamp/parse.js';
import { utf16 } from '../random-text.js';

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const two = (n: number) => String(n).padStart(2, '0');

/** ISO-shaped cells, valid and not: dates (some impossible), separators, clocks, fractions, zones, stray text. */
function isoCell(rng: Rng): string {
  const y = pick(rng, ['2025', '1999', '2024', '0999', '20x5']);
  const date = `${y}-${two(1 + Math.floor(rng() * 13))}-${two(1 + Math.floor(rng() * 31))}`;
  if (rng() < 0.2) return date;
  const clock = `${pick(rng, ['', '0'])}${Math.floor(rng() * 26)}:${two(Math.floor(rng() * 61))}${rng() < 0.6 ? `:${two(Math.floor(rng() * 62))}` : ''}${rng() < 0.3 ? pick(rng, ['.5', '.123', ',25', '.', '.1234']) : ''}`;
  const zone = pick(rng, ['', 'Z', 'z', '+05:30', '-0800', '+14', '+15:00', ' ', ' PM', 'UTC', '€']);
  return `${date}${pick(rng, ['T', 't', ' ', '  ', '_'])}${clock}${zone}`;
}

describe('ISO timestamp kernel', () => {
  it('the code-unit form equals timestampMs for every ISO cell it reads, over Latin-1 bytes and UTF-16', () => {
    let read = 0;
    for (const timeZone of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
      const rng = seedrandom(`iso-${timeZone}`);
      for (let k = 0; k < 3000; k++) {
        const v = isoCell(rng);
        const fromWide = isoTimestampUnits(utf16(`;${v};`), 1, 1 + v.length, timeZone);
        if (!/[^\u0000-\u00ff]/.test(v)) expect(isoTimestampUnits(Buffer.from(v, 'latin1'), 0, v.length, timeZone), v).toEqual(fromWide);
        if (Number.isNaN(fromWide)) continue;
        read++;
        expect(fromWide, `${JSON.stringify(v)} in ${timeZone}`).toBe(timestampMs(v, { timeZone }));
      }
    }
    expect(read).toBeGreaterThan(1000);
  });
});
