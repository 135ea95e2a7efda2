/**
 * Option checks: every bad option is a TM_ERR_INVALID_OPTION (or TM_ERR_UNKNOWN_KIND / BAD_PERIOD)
 * naming the option, and rates resolve to exact counts.
 */
import { describe, expect, it } from 'vitest';
import { TickmarkError } from '../../src/errors.js';
import { defaultDefects, resolveDefectCounts } from '../../src/synthetic/defects.js';
import { generatePopulation } from '../../src/synthetic/generate.js';
import { resolveOptions, type GenerateOptions } from '../../src/synthetic/options.js';
import { kinds } from '../../src/population/kinds.js';

function codeOf(f: () => unknown): { code: string; option?: string } {
  try {
    f();
  } catch (err) {
    if (err instanceof TickmarkError) return { code: err.code, option: err.details.option };
    throw err;
  }
  return { code: 'none' };
}

const base: GenerateOptions = { kind: 'change', rows: 1000, seed: 1 };

describe('defect amounts', () => {
  it('integers ≥ 1 are counts, values below 1 are rates of the data rows', () => {
    const c = resolveDefectCounts('change', 1000, { selfApproval: 0.0125, duplicateRows: 3, outOfPeriodAfter: 0 });
    expect(c.selfApproval).toBe(13);
    expect(c.duplicateRows).toBe(3);
    expect(c.outOfPeriodAfter).toBe(0);
    expect(c.approvalAfterDeploy).toBe(0);
    expect(c.sequenceGapLength).toEqual([1, 5]);
  });
  it('rejects fractional counts, negative amounts, rates for day counts, and unknown or foreign defects', () => {
    expect(codeOf(() => resolveDefectCounts('change', 1000, { selfApproval: 2.5 }))).toEqual({ code: 'TM_ERR_INVALID_OPTION', option: 'defects.selfApproval' });
    expect(codeOf(() => resolveDefectCounts('change', 1000, { selfApproval: -1 }))).toEqual({ code: 'TM_ERR_INVALID_OPTION', option: 'defects.selfApproval' });
    expect(codeOf(() => resolveDefectCounts('change', 1000, { emptyDays: 0.5 }))).toEqual({ code: 'TM_ERR_INVALID_OPTION', option: 'defects.emptyDays' });
    expect(codeOf(() => resolveDefectCounts('change', 1000, { lateDisable: 2 }))).toEqual({ code: 'TM_ERR_INVALID_OPTION', option: 'defects.lateDisable' });
    expect(codeOf(() => resolveDefectCounts('change', 1000, { nonsense: 2 } as never))).toEqual({ code: 'TM_ERR_INVALID_OPTION', option: 'defects.nonsense' });
    expect(codeOf(() => resolveDefectCounts('termination', 1000, { sequenceGaps: 2 }))).toEqual({ code: 'TM_ERR_INVALID_OPTION', option: 'defects.sequenceGaps' });
    expect(codeOf(() => resolveDefectCounts('change', 1000, { sequenceGapLength: [3, 2] }))).toEqual({ code: 'TM_ERR_INVALID_OPTION', option: 'defects.sequenceGapLength' });
  });
  it('the default set is valid for every kind at 1,000 and 1,000,000 rows', () => {
    for (const kind of kinds) {
      for (const rows of [1000, 1_000_000]) expect(() => resolveDefectCounts(kind, rows, defaultDefects(kind, rows))).not.toThrow();
    }
    expect(defaultDefects('change', 1_000_000).selfApproval).toBe(500);
    expect(defaultDefects('termination', 1000).sequenceGaps).toBeUndefined();
  });
});

describe('options', () => {
  it('defaults to all of 2025 in UTC, commas, LF, ISO timestamps and a 0.1 % newline rate', () => {
    const r = resolveOptions(base);
    expect([r.period.start, r.period.end, r.period.timeZone]).toEqual(['2025-01-01', '2025-12-31', 'UTC']);
    expect([r.delimiter, r.lineEnding, r.timestampFormat, r.quotedNewlineRate]).toEqual([',', '\n', 'iso', 0.001]);
  });
  it('names the bad option', () => {
    expect(codeOf(() => resolveOptions({ ...base, kind: 'payroll' }))).toEqual({ code: 'TM_ERR_UNKNOWN_KIND', option: undefined });
    expect(codeOf(() => resolveOptions({ ...base, rows: -1 })).option).toBe('options.rows');
    expect(codeOf(() => resolveOptions({ ...base, rows: 1.5 })).option).toBe('options.rows');
    expect(codeOf(() => resolveOptions({ ...base, seed: {} as never })).option).toBe('options.seed');
    expect(codeOf(() => resolveOptions({ ...base, delimiter: ':' as never })).option).toBe('options.delimiter');
    expect(codeOf(() => resolveOptions({ ...base, lineEnding: '\r' as never })).option).toBe('options.lineEnding');
    expect(codeOf(() => resolveOptions({ ...base, timestampFormat: 'us' as never })).option).toBe('options.timestampFormat');
    expect(codeOf(() => resolveOptions({ ...base, quotedNewlineRate: 2 })).option).toBe('options.quotedNewlineRate');
    expect(codeOf(() => resolveOptions({ ...base, period: '2025-12-31..2025-01-01' })).code).toBe('TM_ERR_BAD_PERIOD');
    expect(codeOf(() => resolveOptions({ ...base, timeZone: 'Mars/Olympus' })).code).toBe('TM_ERR_BAD_TIMEZONE');
  });
  it('refuses defects that do not fit, before writing anything', () => {
    expect(codeOf(() => generatePopulation({ ...base, rows: 20, defects: { selfApproval: 15, duplicateRows: 10 } })).option).toBe('options.rows');
    expect(codeOf(() => generatePopulation({ ...base, period: '2025-01-01..2025-01-10', defects: { emptyWeeks: 2 } })).option).toBe('defects.emptyWeeks');
    expect(codeOf(() => generatePopulation({ ...base, period: '2025-01-01..2025-01-03', defects: { emptyDays: 2 } })).option).toBe('defects.emptyDays');
    expect(codeOf(() => generatePopulation({ ...base, rows: 30, defects: { sequenceGaps: 20 } })).option).toBe('defects.sequenceGaps');
  });
  it('generates an empty population (header only) for 0 rows', async () => {
    const population = generatePopulation({ ...base, rows: 0 });
    let text = '';
    for await (const t of population) text += t;
    expect(text).toBe('Number,Type,Short Description,Requested By,Approved By,Approved On,Implemented By,Deployed On,Environment,Application,Test Evidence,Tested On,PIR Date,Ticket\n');
    expect(population.manifest.totals.dataRows).toBe(0);
    expect(population.manifest.sequence).toEqual({ prefix: 'CHG', width: 7, first: 0, last: 0 });
  });
});
