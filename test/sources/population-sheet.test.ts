/**
 * The Population sheet says which source profile read the export and why, and how each field
 * was mapped (the decision and the columns it beat); the manifest names the profile too.
 */
import { describe, expect, it } from 'vitest';
import { workbookContents } from '../../src/export/workbook/build.js';
import { cellParts } from '../../src/export/workbook/content.js';
import { pull } from '../../src/operations/pull.js';
import { tempStore } from '../helpers/tmp.js';

const text = (row: unknown[]) => row.map((c) => cellParts(c as never).v).map((v) => (v === null || v === undefined ? '' : String(v)));

describe('the Population sheet of a profiled export', () => {
  it('names the profile and the reason, and each field\'s decision with the columns it beat', async () => {
    const store = tempStore();
    const r = await pull(store, {
      file: 'fixtures/sources/servicenow-change/change_request.csv', ingest: {}, period: '2025-01-01..2025-12-31',
      sample: { seed: '7', size: 5 },
    }, { workers: 0 });
    expect(r.sample.manifest.population.profile).toEqual({ id: 'servicenow-change', reason: r.population.profile!.reason });
    const sheet = workbookContents(r.workbook).sheets.find((s) => s.name === 'Population')!;
    const rows = sheet.rows.map(text);
    const profile = rows.find((row) => row[0] === 'Source profile')!;
    expect(profile[1]).toBe(`${r.population.profile!.name} (servicenow-change)`);
    expect(profile[2]).toBe(`detected from the header: ${r.population.profile!.reason}`);
    const approved = rows.find((row) => row[0] === 'approved_at')!;
    expect(approved[1]).toBe('approval_set');
    expect(approved[5]).toBe('source profile');
    const header = rows.find((row) => row[0] === 'Field' && row[1] === 'Source header')!;
    expect(header.slice(5)).toEqual(['Decided by', 'Columns it was chosen over']);
  });
});
