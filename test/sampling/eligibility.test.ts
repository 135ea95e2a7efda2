import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/period/period.js';
import { eligibleRows, filterRecords, selectSample } from '../../src/sampling/index.js';
import { chunkOf } from './helpers/chunk-of.js';
import { baseSpec } from './helpers/population.js';

const rows = [
  { change_id: 'CHG1', environment: 'production', deployed_at: '2025-01-02T10:00:00Z' },
  { change_id: 'CHG2', environment: 'staging', deployed_at: '2025-01-03T10:00:00Z' },
  { change_id: 'CHG3', environment: 'production', deployed_at: '2024-12-31T23:59:59Z' },
  { change_id: 'CHG4', environment: 'production', deployed_at: null },
  { change_id: 'CHG5', environment: 'production', deployed_at: '2026-01-01T04:59:59Z' },
  { change_id: 'CHG6', environment: 'production', deployed_at: '2026-01-01T05:00:00Z' },
];
const chunk = chunkOf(rows, 'change');
const headers = ['change_id', 'environment', 'deployed_at'];
const period = parsePeriod('2025-01-01..2025-12-31', 'America/New_York');

describe('eligibility and filters', () => {
  it('applies the condition, then the period, counting each exclusion once', () => {
    const spec = baseSpec({ headers, filter: 'environment=production', period });
    const { eligible, counts } = eligibleRows(chunk, spec);
    // CHG3 is 18:59 on Dec 31 2024 in New York: before the period; CHG5 is 23:59:59 Dec 31 2025: inside
    expect([...eligible]).toEqual([1, 0, 0, 0, 1, 0]);
    expect(counts).toEqual({ considered: 6, unitMembers: 0, excludedByFilter: 1, excludedByPeriod: 3, undated: 1, eligible: 2 });
    expect(filterRecords(spec, counts)).toEqual([
      { type: 'condition', expression: 'environment=production', excluded: 1 },
      { type: 'in-period', field: 'deployed_at', period: { start: '2025-01-01', end: '2025-12-31', timeZone: 'America/New_York' }, excluded: 3, undated: 1 },
    ]);
  });

  it('records the filters in the selection, and draws only eligible records', () => {
    const s = selectSample([chunk], baseSpec({ headers, n: 10, filter: 'environment=production', period }));
    expect(s.items.map((i) => i.key).sort()).toEqual(['CHG1', 'CHG5']);
    expect(s.eligible).toBe(2);
    expect(s.allSelected).toBe(true);
    expect(s.filters.map((f) => f.type)).toEqual(['condition', 'in-period']);
  });

  it('without filters every record is eligible, undated ones included', () => {
    const s = selectSample([chunk], baseSpec({ headers, n: 10 }));
    expect(s.eligible).toBe(6);
    expect(s.filters).toEqual([]);
  });
});
