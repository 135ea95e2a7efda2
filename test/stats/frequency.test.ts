import { describe, it, expect } from 'vitest';
import { DEFAULT_FREQUENCY_TABLE, frequencySampleSize, parseControlRisk, parseFrequencyTable } from '../../src/stats/frequency.js';
import { TickmarkError } from '../../src/errors.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof TickmarkError ? err.code : 'not a TickmarkError';
  }
  return undefined;
}

describe('frequency table', () => {
  it('holds the practice table from statistics.md', () => {
    expect(DEFAULT_FREQUENCY_TABLE).toEqual({
      annual: [1, 1],
      quarterly: [2, 2],
      monthly: [2, 5],
      weekly: [5, 15],
      daily: [20, 40],
      'many-per-day': [25, 60],
      automated: [1, 1],
    });
  });

  it('takes the low end for lower risk and the high end for higher risk', () => {
    const sizes = Object.keys(DEFAULT_FREQUENCY_TABLE).map((frequency) => [
      frequency,
      frequencySampleSize({ frequency, risk: 'lower' }).n,
      frequencySampleSize({ frequency, risk: 'higher' }).n,
    ]);
    expect(sizes).toEqual([
      ['annual', 1, 1],
      ['quarterly', 2, 2],
      ['monthly', 2, 5],
      ['weekly', 5, 15],
      ['daily', 20, 40],
      ['many-per-day', 25, 60],
      ['automated', 1, 1],
    ]);
  });

  it('tests every item when the population is no larger than the size', () => {
    expect(frequencySampleSize({ frequency: 'daily', risk: 'higher', population: 30 })).toMatchObject({ n: 30, tableSize: 40, allTested: true });
    expect(frequencySampleSize({ frequency: 'daily', risk: 'higher', population: 40 })).toMatchObject({ n: 40, allTested: true });
    expect(frequencySampleSize({ frequency: 'daily', risk: 'higher', population: 41 })).toMatchObject({ n: 40, allTested: false });
  });

  it('reads names and risks loosely but refuses unknown ones with TM_ERR_BAD_PLAN', () => {
    expect(frequencySampleSize({ frequency: 'Many per day', risk: 'HIGH' }).n).toBe(60);
    expect(frequencySampleSize({ frequency: 'per event', risk: 'low' }).frequency).toBe('many-per-day');
    expect(frequencySampleSize({ frequency: 'annually', risk: 'lower' }).frequency).toBe('annual');
    expect(parseControlRisk('Lower')).toBe('lower');
    expect(codeOf(() => frequencySampleSize({ frequency: 'hourly', risk: 'lower' }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => frequencySampleSize({ frequency: 'constructor', risk: 'lower' }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => frequencySampleSize({ frequency: 'daily', risk: 'medium' }))).toBe('TM_ERR_BAD_PLAN');
    expect(codeOf(() => frequencySampleSize({ frequency: 'daily', risk: 'lower', population: 0 }))).toBe('TM_ERR_BAD_PLAN');
    expect(() => frequencySampleSize({ frequency: 'hourly', risk: 'lower' })).toThrow(/expected one of annual, quarterly/);
  });

  it('lays a firm table over the default and validates every entry', () => {
    const firm = parseFrequencyTable({ daily: [25, 45], 'Month End': 3 });
    expect(firm.daily).toEqual([25, 45]);
    expect(firm['month-end']).toEqual([3, 3]);
    expect(firm.weekly).toEqual([5, 15]);
    expect(frequencySampleSize({ frequency: 'daily', risk: 'higher', table: firm }).n).toBe(45);
    expect(frequencySampleSize({ frequency: 'month end', risk: 'higher', table: firm }).n).toBe(3);
    for (const bad of [[], 'daily', null, { daily: [40, 20] }, { daily: [0, 5] }, { daily: [1.5, 3] }, { daily: [1, 2, 3] }, { daily: '20' }, { ' ': 1 }]) {
      expect(codeOf(() => parseFrequencyTable(bad)), JSON.stringify(bad)).toBe('TM_ERR_BAD_PLAN');
    }
    expect(() => parseFrequencyTable({ daily: [40, 20] })).toThrow(/frequency table entry "daily" must be \[low, high\]/);
  });

  it('never lets a "__proto__" entry change the table\'s prototype', () => {
    const firm = parseFrequencyTable(JSON.parse('{"__proto__": [3, 4]}'));
    expect(Object.getPrototypeOf(firm)).toBe(Object.prototype);
    expect(firm['-proto-']).toEqual([3, 4]); // separators normalise: "_" → "-"
  });
});
