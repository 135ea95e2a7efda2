import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnsOf } from '../../src/population/vectors.js';
import { loadProjection, PROJECTED_KEY, writeProjectionFile, type ProjectionColumns } from '../../src/scan/projection-file.js';
import { tempDir } from '../helpers/tmp.js';

/** Keys laid end to end as the projection stores them. */
function projection(keys: string[], encoding: 'latin1' | 'utf8', times?: number[]): ProjectionColumns {
  const offsets = new Int32Array(keys.length + 1);
  keys.forEach((k, i) => { offsets[i + 1] = offsets[i]! + Buffer.byteLength(k, encoding); });
  return {
    rows: keys.length,
    record: Int32Array.from(keys, (_, i) => 101 + i),
    line: Int32Array.from(keys, (_, i) => 202 + 2 * i),
    offsets,
    text: Buffer.from(keys.join(''), encoding),
    encoding,
    ...(times ? { eventTime: { field: 'deployed_at', values: Float64Array.from(times) } } : {}),
  };
}

function roundTrip(p: ProjectionColumns, name = 'chunk-000000.ktest.sel') {
  const dir = tempDir();
  writeProjectionFile(join(dir, name), p);
  return { dir, chunk: loadProjection(dir, { file: name, rows: p.rows, recordOffset: 0, lineOffset: 0 }) };
}

describe('projection files', () => {
  it('read back the keys, record and line numbers and event times written, as views of one read', () => {
    const keys = ['CHG0000001', 'CHG,2', 'CHGé3', '#' + 'ab'.repeat(32), 'x'];
    const { chunk } = roundTrip(projection(keys, 'latin1', [1_735_689_600_000, Number.NaN, 3, 4, 5]));
    expect(chunk.rows).toBe(5);
    expect(Array.from(chunk.record)).toEqual([101, 102, 103, 104, 105]);
    expect(Array.from(chunk.line)).toEqual([202, 204, 206, 208, 210]);
    const key = columnsOf(chunk).field(PROJECTED_KEY);
    expect(key?.kind === 'text' && key.values()).toEqual(keys);
    expect(key?.kind === 'text' && key.cell(2)).toBe('CHGé3');
    const units = key?.kind === 'text' ? key.units() : undefined;
    expect(units?.units).toBeInstanceOf(Uint8Array); // Latin-1 bytes: the PRN kernel reads them as they are
    expect(Array.from(units!.start)).toEqual([0, 10, 15, 20, 85]);
    expect(Array.from(units!.end)).toEqual([10, 15, 20, 85, 86]);
    const times = columnsOf(chunk).field('deployed_at');
    expect(times?.kind === 'number' && times.type).toBe('timestamp');
    expect(times?.kind === 'number' && [times.cell(0), times.cell(1)]).toEqual([1_735_689_600_000, null]);
    expect(columnsOf(chunk).field('approved_at')).toBeUndefined();
    expect(columnsOf(chunk).source('Number')).toBeUndefined();
  });

  it('keep UTF-8 keys: cells decode alone, code units are UTF-16 once a key is beyond ASCII', () => {
    const keys = ['CHGΩ1', 'CHG2', 'Ärger'];
    const { chunk } = roundTrip(projection(keys, 'utf8'));
    const key = columnsOf(chunk).field(PROJECTED_KEY);
    expect(key?.kind === 'text' && keys.map((_, i) => key.cell(i))).toEqual(keys);
    const units = key?.kind === 'text' ? key.units() : undefined;
    expect(units?.units).toBeInstanceOf(Uint16Array);
    expect(String.fromCharCode(...units!.units.subarray(units!.start[0], units!.end[0]))).toBe('CHGΩ1');
    const ascii = columnsOf(roundTrip(projection(['A1', 'B22'], 'utf8')).chunk).field(PROJECTED_KEY);
    expect(ascii?.kind === 'text' && ascii.units().units).toBeInstanceOf(Uint8Array);
  });

  it('refuse a file that is not a projection or was cut short', () => {
    const name = 'chunk-000001.ktest.sel';
    const { dir } = roundTrip(projection(['CHG1', 'CHG2'], 'latin1', [1, 2]), name);
    const ref = { file: name, rows: 2, recordOffset: 0, lineOffset: 0 };
    const whole = readFileSync(join(dir, name));
    writeFileSync(join(dir, name), whole.subarray(0, whole.length - 1));
    expect(() => loadProjection(dir, ref)).toThrow(/expected/);
    writeFileSync(join(dir, name), Buffer.concat([Buffer.from('TMCK'), whole.subarray(4)]));
    expect(() => loadProjection(dir, ref)).toThrow(/not a tickmark selection projection/);
  });
});
