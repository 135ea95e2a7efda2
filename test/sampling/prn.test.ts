import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describePrn, hexOfPrn, prn, prnHex, prnInput, PRN_ALGORITHM } from '../../src/sampling/index.js';

/** The reviewer's recomputation: printf + sha256sum, seed and key passed as positional args. */
function shellPrnHex(seed: string, key: string): string {
  const out = execFileSync('sh', ['-c', `printf '%s\\037%s' "$1" "$2" | sha256sum`, 'sh', seed, key], { encoding: 'utf8' });
  return out.slice(0, 13);
}

describe('permanent random numbers', () => {
  const records: [string, string][] = [
    ['20251231', 'CHG0001234'],
    ['20251231', 'CHG0001235'],
    ['my seed', 'EMP-7\u001facct.jdoe'],
    ['42', 'Zürich – ünïcode ✓'],
    ['7', "'; rm -rf / #$(whoami)"],
    ['20251231', '#e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ];

  it.each(records)('matches the system sha256sum for seed %j, key %j', (seed, key) => {
    const hex = shellPrnHex(seed, key);
    expect(prnHex(seed, key)).toBe(hex);
    expect(prn(seed, key)).toBe(parseInt(hex, 16) / 2 ** 52);
  });

  it('is the top 52 bits of the digest of seed ␟ key, read from the first 7 bytes', () => {
    const digest = createHash('sha256').update('20251231\u001fCHG0001234', 'utf8').digest();
    const b = [...digest.subarray(0, 7)] as [number, number, number, number, number, number, number];
    const expected = (b[0] * 2 ** 44 + b[1] * 2 ** 36 + b[2] * 2 ** 28 + b[3] * 2 ** 20 + b[4] * 2 ** 12 + b[5] * 2 ** 4 + (b[6] >> 4)) / 2 ** 52;
    expect(prn('20251231', 'CHG0001234')).toBe(expected);
    expect(prnInput('20251231', 'CHG0001234')).toBe('20251231\u001fCHG0001234');
  });

  it('reads the same 52 bits from the digest bytes as from its hex digits, for any text (property)', () => {
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
    for (let n = 0; n < 3000; n++) {
      const length = next() % 90;
      let key = '';
      // Code units from every range: ASCII, Latin-1, BMP, surrogate halves (paired and lone).
      for (let i = 0; i < length; i++) key += String.fromCharCode([next() % 128, next() % 256, next() % 0x10000][next() % 3]!);
      const seed = String(next());
      const hex = createHash('sha256').update(prnInput(seed, key), 'utf8').digest('hex').slice(0, 13);
      expect(prn(seed, key)).toBe(parseInt(hex, 16) / 2 ** 52);
      expect(prnHex(seed, key)).toBe(hex);
    }
  });

  it('round-trips between the value and its 13 hex digits, including leading zeros', () => {
    expect(hexOfPrn(0)).toBe('0000000000000');
    expect(hexOfPrn(1 / 2 ** 52)).toBe('0000000000001');
    expect(hexOfPrn((2 ** 52 - 1) / 2 ** 52)).toBe('fffffffffffff');
    for (const [seed, key] of records) expect(hexOfPrn(prn(seed, key))).toBe(prnHex(seed, key));
  });

  it('differs by seed and by key, and stays in [0, 1)', () => {
    expect(prn('1', 'A')).not.toBe(prn('2', 'A'));
    expect(prn('1', 'A')).not.toBe(prn('1', 'B'));
    for (let i = 0; i < 2000; i++) {
      const p = prn('s', `K${i}`);
      expect(p >= 0 && p < 1).toBe(true);
    }
  });

  it('documents a recomputation a reviewer can follow', () => {
    const text = describePrn();
    expect(text).toContain(PRN_ALGORITHM);
    expect(text).toContain("printf '%s\\037%s' 'SEED' 'KEY' | sha256sum");
    expect(text).toContain('2^52');
    expect(text).toContain('HEX2DEC(LEFT(A1,7))*2^24 + HEX2DEC(MID(A1,8,6))');
  });

  it('the documented spreadsheet split gives the same integer as the 13 hex digits', () => {
    const hex = prnHex('20251231', 'CHG0001234');
    const spreadsheet = (parseInt(hex.slice(0, 7), 16) * 2 ** 24 + parseInt(hex.slice(7, 13), 16)) / 2 ** 52;
    expect(spreadsheet).toBe(prn('20251231', 'CHG0001234'));
  });

  it('the documented python one-liner gives the same value', () => {
    let python: string;
    try {
      python = execFileSync('python3', ['-c', "import hashlib,sys; h=hashlib.sha256((sys.argv[1]+chr(31)+sys.argv[2]).encode()).hexdigest()[:13]; print(h, repr(int(h,16)/2**52))", '42', 'Zürich'], { encoding: 'utf8' });
    } catch {
      return; // no python on this machine: the sha256sum test above covers the recomputation
    }
    const [hex, value] = python.trim().split(' ');
    expect(hex).toBe(prnHex('42', 'Zürich'));
    expect(Number(value)).toBe(prn('42', 'Zürich'));
  });
});

describe('permanent random numbers of multi-field keys', () => {
  it('match the documented printf with one argument per key field', () => {
    const out = execFileSync('sh', ['-c', `printf '%s\\037%s\\037%s' "$1" "$2" "$3" | sha256sum`, 'sh', '20251231', 'EMP-7', 'acct.jdoe'], { encoding: 'utf8' });
    expect(prnHex('20251231', 'EMP-7\u001facct.jdoe')).toBe(out.slice(0, 13));
  });
});
