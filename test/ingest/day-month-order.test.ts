import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { TickmarkError } from '../../src/errors.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { populationDigest } from '../../src/store/digest.js';
import { readChunks } from '../../src/store/read-chunks.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';

const dir = tempDir();
const HEADER = 'Number,Approved On,Deployed On';

/** `rows` changes approved on month-first dates whose day is ≤ 12, except row `proofAt` (day 25); with the instants they mean. */
function usDates(rows: number, proofAt: number): { csv: string; approved: number[]; ambiguous: number } {
  const lines = [HEADER];
  const approved: number[] = [];
  let ambiguous = 0;
  for (let i = 1; i <= rows; i++) {
    const m = 1 + (i % 12);
    const d = i === proofAt ? 25 : 1 + (i % 12 === 5 ? 3 : i % 11);
    const h = 1 + (i % 12); // 1–12 PM
    if (d <= 12 && d !== m) ambiguous++;
    lines.push(`CHG${String(i).padStart(6, '0')},${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/2025 ${h}:05 PM,2025-06-01T00:00:00Z`);
    approved.push(Date.UTC(2025, m - 1, d, h === 12 ? 12 : h + 12, 5));
  }
  return { csv: lines.join('\n') + '\n', approved, ambiguous };
}

async function values(store: ReturnType<typeof tempStore>, id: string, meta: Parameters<typeof readChunks>[1], field: string): Promise<number[]> {
  const out: number[] = [];
  for await (const c of readChunks(store.populationDir(id), meta)) out.push(...(c.fields[field]!.values as Float64Array));
  return out;
}

describe('a column\'s day/month order from its own values', () => {
  it('is decided by the first value that proves it, wherever the chunks are cut, and types every ambiguous value', async () => {
    const { csv, approved: expected, ambiguous } = usDates(3000, 2900);
    expect(ambiguous).toBeGreaterThan(2500);
    const path = writeTemp(dir, 'us.csv', csv);
    const digests = new Set<string>();
    for (const [workers, chunkSize] of [[0, 1 << 30], [0, 2048], [1, 8192], [2, 4096], [2, 65_536]] as const) {
      const store = tempStore();
      const { population } = await ingestFile(store, path, { kind: 'change', workers, chunkSize });
      expect(population.typing.columns, `${workers}/${chunkSize}`).toEqual({
        approved_at: { column: 'Approved On', dateOrder: 'mdy', evidence: { line: 2901, raw: '09/25/2025 9:05 PM' }, resolved: ambiguous },
      });
      expect(population.issues.total).toBe(0);
      expect(await values(store, population.id, population, 'approved_at')).toEqual(expected);
      const profile = population.columns.find((c) => c.field === 'approved_at')!;
      expect([profile.nonBlank, profile.invalid, profile.min, profile.max]).toEqual([3000, 0, new Date(Math.min(...expected)).toISOString(), new Date(Math.max(...expected)).toISOString()]);
      digests.add(await populationDigest(store.populationDir(population.id), population));
    }
    expect(digests.size).toBe(1);
  });

  it('leaves ambiguous values as issues when nothing proves the order, the same for any chunking', async () => {
    const { csv: dates, ambiguous } = usDates(400, -1);
    const csv = dates + 'CHG999999,,2025-06-01T00:00:00Z\n'.repeat(10);
    const path = writeTemp(dir, 'undecided.csv', csv);
    const seen = new Set<string>();
    for (const [workers, chunkSize] of [[0, 1 << 30], [0, 1024], [2, 3000]] as const) {
      const store = tempStore();
      const { population } = await ingestFile(store, path, { kind: 'change', workers, chunkSize });
      expect(population.typing.columns).toBeUndefined();
      expect(population.issues.byCode).toEqual({ ambiguous_date: ambiguous }); // "05/05/2025" (the same either way) is typed
      expect(population.issues.first).toHaveLength(200);
      expect(population.issues.first.every((i, k, all) => k === 0 || i.record > all[k - 1]!.record)).toBe(true);
      seen.add(JSON.stringify([population.issues, population.columns]));
    }
    expect(seen.size).toBe(1);
  });

  it('is an error when the column proves both orders, naming both values', async () => {
    const csv = `${HEADER}\nCHG1,03/04/2025,2025-01-01\nCHG2,25/04/2025,2025-01-01\nCHG3,04/03/2025,2025-01-01\nCHG4,04/26/2025,2025-01-01\nCHG5,31/05/2025,2025-01-01\n`;
    for (const [workers, chunkSize] of [[0, 1 << 30], [0, 64]] as const) {
      const store = tempStore();
      const err = await ingestFile(store, writeTemp(dir, `both-${chunkSize}.csv`, csv), { kind: 'change', workers, chunkSize }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TickmarkError);
      expect((err as TickmarkError).code).toBe('TM_ERR_DATE_ORDER_CONFLICT');
      expect((err as TickmarkError).details).toEqual({ column: 'Approved On', field: 'approved_at', dmy: { line: 3, raw: '25/04/2025' }, mdy: { line: 5, raw: '04/26/2025' } });
      expect((err as TickmarkError).message).toBe('column "Approved On" (approved_at) writes dates both day first and month first: line 3 "25/04/2025" can only be day/month, line 5 "04/26/2025" only month/day');
      expect(store.listPopulations()).toHaveLength(0);
    }
  });

  it('yields to an order that is given: values against it are issues, and nothing is inferred', async () => {
    const csv = `${HEADER}\nCHG1,03/04/2025,2025-01-01\nCHG2,25/04/2025,2025-01-01\nCHG3,04/26/2025,2025-01-01\n`;
    const store = tempStore();
    const { population } = await ingestFile(store, writeTemp(dir, 'given.csv', csv), { kind: 'change', dateOrder: 'mdy', workers: 0 });
    expect(population.typing.columns).toBeUndefined();
    expect(population.issues.first.map((i) => [i.line, i.raw])).toEqual([[3, '25/04/2025']]);
    const approved = await values(store, population.id, population, 'approved_at');
    expect(approved[0]).toBe(Date.UTC(2025, 2, 4));
    expect(approved[2]).toBe(Date.UTC(2025, 3, 26));
    const perField = await ingestFile(tempStore(), writeTemp(dir, 'given2.csv', csv), { kind: 'change', formats: { approved_at: { dateOrder: 'dmy' } }, workers: 0 });
    expect(perField.population.issues.first.map((i) => [i.line, i.raw])).toEqual([[4, '04/26/2025']]);
  });
});

describe('a required or event-time column that mostly does not type stops the ingest', () => {
  const bad = `${HEADER}\nCHG1,2025-01-01,yesterday\nCHG2,2025-01-01,2025-13-01\nCHG3,2025-01-01,soon\nCHG4,2025-01-01,2025-02-03\n`;

  it('names the column, the field, the share, the formats read and three values', async () => {
    const store = tempStore();
    const err = (await ingestFile(store, writeTemp(dir, 'untyped.csv', bad), { kind: 'change', workers: 0 }).catch((e: unknown) => e)) as TickmarkError;
    expect(err.code).toBe('TM_ERR_UNTYPED_COLUMN');
    expect(err.details).toMatchObject({ column: 'Deployed On', field: 'deployed_at', role: 'the event time', failed: 3, values: 4, share: '75%', examples: ['yesterday', '2025-13-01', 'soon'] });
    expect(err.message).toMatch(/^column "Deployed On" \(deployed_at, the event time\) does not read as timestamps: 3 of its 4 non-blank values \(75%\) failed; expected a timestamp: ISO 8601/);
    expect(err.message).toContain('e.g. "yesterday", "2025-13-01", "soon"');
    expect(err.status).toBe(422);
    expect(store.listPopulations()).toHaveLength(0);
  });

  it('keeps a minority of bad values as row issues (half is not most)', async () => {
    const half = `${HEADER}\nCHG1,2025-01-01,yesterday\nCHG2,2025-01-01,2025-02-03\n`;
    const { population } = await ingestFile(tempStore(), writeTemp(dir, 'half.csv', half), { kind: 'change', workers: 0 });
    expect(population.issues.byCode).toEqual({ invalid_value: 1 });
    // An optional column that never types is only issues.
    const optional = `${HEADER}\nCHG1,never,2025-01-01\nCHG2,nope,2025-01-02\n`;
    const opt = await ingestFile(tempStore(), writeTemp(dir, 'optional.csv', optional), { kind: 'change', workers: 0 });
    expect(opt.population.issues.byColumn).toEqual({ 'Approved On': 2 });
  });

  it('says so when the values could be read either way and nothing decided', async () => {
    const csv = `${HEADER}\nCHG1,2025-01-01,03/04/2025\nCHG2,2025-01-01,05/06/2025\n`;
    const err = (await ingestFile(tempStore(), writeTemp(dir, 'amb.csv', csv), { kind: 'change', workers: 0 }).catch((e: unknown) => e)) as TickmarkError;
    expect(err.code).toBe('TM_ERR_UNTYPED_COLUMN');
    expect(err.details).toMatchObject({ failed: 2, ambiguous: 2, examples: ['03/04/2025', '05/06/2025'] });
    expect(err.message).toContain('(2 value(s) could be read day first or month first)');
  });

  it('exits 3 from the command line', () => {
    const path = writeTemp(dir, 'cli-untyped.csv', bad);
    const r = spawnSync(process.execPath, ['bin/tickmark.js', 'ingest', path, '--kind', 'change', '--data-dir', tempDir()], { encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('TM_ERR_UNTYPED_COLUMN');
    expect(r.stderr).toContain('column "Deployed On" (deployed_at, the event time) does not read as timestamps');
  });
});
