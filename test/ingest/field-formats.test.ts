import { describe, expect, it } from 'vitest';
import { parseArgs } from 'node:util';
import { TickmarkError } from '../../src/errors.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { ingestFlags, ingestOptions } from '../../src/cli/population-arg.js';
import { readChunks } from '../../src/store/read-chunks.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';

const dir = tempDir();

async function typed(csv: string, opts: Record<string, unknown>) {
  const store = tempStore();
  const path = writeTemp(dir, `f-${Math.random().toString(36).slice(2)}.csv`, csv);
  const { population } = await ingestFile(store, path, { kind: 'change', workers: 0, ...opts });
  const chunks = [];
  for await (const c of readChunks(store.populationDir(population.id), population)) chunks.push(c);
  return { population, fields: chunks[0]!.fields };
}

describe('per-field format hints', () => {
  it('reads a column declared as epoch seconds or milliseconds, and only that column', async () => {
    const csv = 'Number,Approved On,Deployed On\nCHG1,1735689600000,1735776000\nCHG2,1735693200000,2025-01-02T10:00:00Z\n';
    const { population, fields } = await typed(csv, { formats: { deployed_at: { epoch: 's' }, approved_at: { epoch: 'ms' } } });
    expect([...fields.deployed_at!.values as Float64Array]).toEqual([Date.UTC(2025, 0, 2), Date.UTC(2025, 0, 2, 10)]);
    expect([...fields.approved_at!.values as Float64Array]).toEqual([Date.UTC(2025, 0, 1), Date.UTC(2025, 0, 1, 1)]);
    expect(population.typing.formats).toEqual({ approved_at: { epoch: 'ms' }, deployed_at: { epoch: 's' } });
    expect(population.issues.total).toBe(0);
  });

  it('takes a day/month order per field, over the population-wide one', async () => {
    const csv = 'Number,Approved On,Deployed On\nCHG1,03/04/2025,03/04/2025\n';
    const { fields } = await typed(csv, { dateOrder: 'dmy', formats: { deployed_at: { dateOrder: 'mdy' } } });
    expect(fields.approved_at!.values[0]).toBe(Date.UTC(2025, 3, 3));
    expect(fields.deployed_at!.values[0]).toBe(Date.UTC(2025, 2, 4));
  });

  it('is part of the population identity, whatever order the hints are given in', async () => {
    const store = tempStore();
    const path = writeTemp(dir, 'ident.csv', 'Number,Approved On,Deployed On\nCHG1,2025-01-01,2025-01-02\n');
    const plain = await ingestFile(store, path, { kind: 'change', workers: 0 });
    const a = await ingestFile(store, path, { kind: 'change', workers: 0, formats: { deployed_at: { epoch: 's' }, approved_at: { dateOrder: 'dmy' } } });
    const b = await ingestFile(store, path, { kind: 'change', workers: 0, formats: { approved_at: { dateOrder: 'dmy' }, deployed_at: { epoch: 's' } } });
    expect(a.population.id).not.toBe(plain.population.id);
    expect(b.population.id).toBe(a.population.id);
    expect(b.created).toBe(false);
  });

  it('refuses a hint it does not know, naming it', async () => {
    const store = tempStore();
    const path = writeTemp(dir, 'bad.csv', 'Number,Deployed On\nCHG1,2025-01-02\n');
    const err = await ingestFile(store, path, { kind: 'change', formats: { deployed_at: { epoch: 'seconds' } } as never }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TickmarkError);
    expect((err as TickmarkError).code).toBe('TM_ERR_INVALID_OPTION');
    expect((err as TickmarkError).message).toBe('option formats.deployed_at.epoch must be s or ms; got "seconds"');
  });

  it('comes from --field-format on the command line', () => {
    const args = ['x.csv', '--kind', 'change', '--field-format', 'deployed_at=epoch-ms', '--field-format', 'approved_at=mdy', '--field-format', 'deployed_at=dmy'];
    const { values, positionals } = parseArgs({ args, options: ingestFlags, allowPositionals: true, strict: true });
    const opts = ingestOptions({ values, positionals, io: { out: () => {}, err: () => {}, isTTY: false } } as never);
    expect(opts.formats).toEqual({ deployed_at: { epoch: 'ms', dateOrder: 'dmy' }, approved_at: { dateOrder: 'mdy' } });
    const bad = () => ingestOptions({ values: { ...values, 'field-format': ['deployed_at:epoch'] }, positionals, io: {} } as never);
    expect(bad).toThrow(/--field-format must be FIELD=epoch-s, FIELD=epoch-ms, FIELD=dmy or FIELD=mdy/);
  });
});

describe('number fields beside timestamp fields', () => {
  it('are typed as numbers, from bytes and from strings', async () => {
    const store = tempStore();
    const csv = 'Review ID,Application,Completed On,Revocations\nR1,SAP,2025-10-01,3\nR2,SAP,2025-10-02,"1,204"\nR3,SAP,03/10/2025,(2)\nR4,SAP,13/10/2025,\n';
    const { population } = await ingestFile(store, writeTemp(dir, 'numbers.csv', csv), { kind: 'access_review', workers: 0 });
    const chunks = [];
    for await (const c of readChunks(store.populationDir(population.id), population)) chunks.push(c);
    expect([...chunks[0]!.fields.revocations!.values as Float64Array].map((v) => (Number.isNaN(v) ? null : v))).toEqual([3, 1204, -2, null]);
    expect([...chunks[0]!.fields.completed_at!.values as Float64Array]).toEqual([Date.UTC(2025, 9, 1), Date.UTC(2025, 9, 2), Date.UTC(2025, 9, 3), Date.UTC(2025, 9, 13)]);
  });
});
