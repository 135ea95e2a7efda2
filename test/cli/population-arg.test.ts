import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/command.js';
import { startIngestWorkers } from '../../src/cli/population-arg.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { closePools, poolStarted } from '../../src/pool/pool.js';
import { openStore } from '../../src/store/store.js';
import { changeLogCsv } from '../helpers/csv.js';
import { tempDir, writeTemp } from '../helpers/tmp.js';

afterEach(() => closePools());

const dir = tempDir();
const csv = writeTemp(dir, 'changes.csv', changeLogCsv(200, 'early-workers'));
const silent = { out: () => undefined, err: () => undefined, isTTY: false };

/** The context of `tickmark pull ARG --workers 3 --data-dir …` (3: a pool size no other test here starts). */
function pullArgs(arg: string, dataDir: string, values: CommandContext['values'] = {}): CommandContext {
  return { values: { workers: '3', 'data-dir': dataDir, ...values }, positionals: [arg], io: silent };
}

describe('the ingest workers a command starts before it runs', () => {
  it('start for a CSV file to parse on workers', () => {
    startIngestWorkers(pullArgs(csv, tempDir()));
    expect(poolStarted(3)).toBe(true);
  });

  it.each([
    ['a stored population id', 'pop_0123456789abcdef01234567', {}],
    ['standard input', '-', {}],
    ['an XLSX file', writeTemp(dir, 'changes.xlsx', 'not read'), {}],
    ['a file that is not there', `${dir}/missing.csv`, {}],
    ['a folder', dir, {}],
    ['a file parsed in this thread (--workers 0)', csv, { workers: '0' }],
    ['an unreadable --workers (left for the command to report)', csv, { workers: 'many' }],
  ])('do not start for %s', (_what, arg, values) => {
    startIngestWorkers(pullArgs(arg, tempDir(), values));
    expect(poolStarted(3)).toBe(false);
  });

  it('do not start for a file the size of a population already stored: a re-ingest finds it by its hash', async () => {
    const dataDir = tempDir();
    const store = openStore({ dataDir });
    await ingestFile(store, csv, { kind: 'change', workers: 0 });
    store.close();
    startIngestWorkers(pullArgs(csv, dataDir));
    expect(poolStarted(3)).toBe(false);
    // Another file of another size in the same store: started.
    startIngestWorkers(pullArgs(writeTemp(dir, 'other.csv', changeLogCsv(300, 'early-workers')), dataDir));
    expect(poolStarted(3)).toBe(true);
  });
});
