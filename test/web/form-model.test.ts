/** What the forms send: the re-ingest mapping, the plan of a pull, a seed; the fingerprint line. */
import { describe, expect, it } from 'vitest';
import type { PopulationView } from '../../src/web/api/types.js';
import { citation } from '../../src/web/format.js';
import { mapToSend } from '../../src/web/model/mapping.js';
import { planOf, suggestSeed } from '../../src/web/model/pull-request.js';

const population = {
  mapping: { change_id: 'Number', system: 'Application', deployed_at: 'Deployed On' },
  source: { name: 'changes-2025.csv', sha256: '52c01b237de07e169799456d7b7881712d8d2fc270bad1e29e50713af7504059', bytes: 97535, format: 'csv', encoding: 'utf-8' },
  rows: { total: 500, accepted: 500, malformed: 0 },
} as unknown as PopulationView;

describe('the re-ingest mapping', () => {
  it('repeats every current choice when the service does not say how each was made', () => {
    expect(mapToSend(population, { system: 'Environment', deployed_at: 'Deployed On' })).toEqual({ change_id: 'Number', system: 'Environment', deployed_at: 'Deployed On' });
  });

  it("sends only the changes and the earlier people's choices when it does", () => {
    const decided = { ...population, mappingDecisions: [
      { field: 'change_id', header: 'Number', how: 'synonym', alternatives: [] },
      { field: 'deployed_at', header: 'Deployed On', how: 'override', alternatives: [] },
    ] } as PopulationView;
    expect(mapToSend(decided, { system: 'Environment' })).toEqual({ deployed_at: 'Deployed On', system: 'Environment' });
  });

  it('sends a field chosen as not mapped as null, and nothing for a choice equal to the current one', () => {
    const decided = { ...population, mappingDecisions: [] } as unknown as PopulationView;
    expect(mapToSend(decided, { system: '', change_id: 'Number' })).toEqual({ system: null });
  });
});

describe('a pull', () => {
  it('asks for the plan the form describes', () => {
    const base = { size: '25', frequency: 'daily', risk: 'higher', confidence: '95%', tolerable: '0.05', expectedCount: '1', distribution: 'poisson' };
    expect(planOf({ ...base, basis: 'fixed' })).toEqual({ basis: 'fixed', n: 25 });
    expect(planOf({ ...base, basis: 'frequency' })).toEqual({ basis: 'frequency', frequency: 'daily', risk: 'higher' });
    expect(planOf({ ...base, basis: 'statistical' })).toEqual({ basis: 'statistical', confidence: '95%', tolerable: '0.05', expectedCount: 1, distribution: 'poisson' });
    expect(planOf({ ...base, basis: 'statistical', expectedCount: ' ' })).not.toHaveProperty('expectedCount');
  });

  it('suggests nine-digit seeds', () => {
    const seeds = Array.from({ length: 50 }, suggestSeed);
    expect(seeds.every((s) => /^[1-9]\d{8}$/.test(s))).toBe(true);
    expect(new Set(seeds).size).toBeGreaterThan(45);
  });
});

describe('the fingerprint line', () => {
  it('is what a workpaper cites: file, SHA-256, bytes, rows, encoding', () => {
    expect(citation(population)).toBe('changes-2025.csv · SHA-256 52c01b237de07e169799456d7b7881712d8d2fc270bad1e29e50713af7504059 · 97,535 bytes · 500 rows (500 accepted, 0 malformed) · encoding utf-8');
  });
});
