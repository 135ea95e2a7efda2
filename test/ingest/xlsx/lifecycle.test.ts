/**
 * The file is released however the read ends (to the end, break, close() without reading, an
 * error), and an abort signal stops a read with TM_ERR_ABORTED.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readlinkSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { openXlsx } from '../../../src/ingest/xlsx/index.js';
import { tempDir } from './helpers/files.js';
import { row, xlsxBuffer } from './helpers/xlsx-parts.js';

// The test machine's cores are shared: generous per-test time; hangs are caught by explicit guards.
vi.setConfig({ testTimeout: 20_000 });

const tmp = tempDir();
const rows = [row(1, ['id', 'title'])];
// Incompressible titles, so the compressed sheet (~400 KB) is larger than what the streams read ahead.
const noise = (i: number) => createHash('sha512').update(String(i)).digest('base64');
for (let i = 0; i < 4000; i++) rows.push(row(i + 2, [`CHG${i}`, noise(i)]));
const file = tmp.write('big.xlsx', xlsxBuffer({ sheets: [{ name: 'S', rows: rows.join('') }] }));

/** Descriptors this process holds open on `path` (Linux /proc). */
function openHandles(path: string): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) n++;
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

async function eventuallyClosed(path: string): Promise<number> {
  for (let i = 0; i < 50 && openHandles(path) > 0; i++) await new Promise((r) => setTimeout(r, 20));
  return openHandles(path);
}

describe('releasing the file', () => {
  it('releases it at the end', async () => {
    const book = await openXlsx(file);
    let n = 0;
    for await (const _ of book.rows) n++;
    expect(n).toBe(4000);
    expect(await eventuallyClosed(file)).toBe(0);
  });

  it('releases it on break', async () => {
    const book = await openXlsx(file);
    let openAtBreak = 0;
    for await (const record of book.rows) {
      if (record.line === 10) {
        openAtBreak = openHandles(file);
        break;
      }
    }
    expect(openAtBreak).toBeGreaterThan(0);
    expect(await eventuallyClosed(file)).toBe(0);
  });

  it('releases it on close() when the rows are never read', async () => {
    const book = await openXlsx(file);
    expect(book.headers).toEqual(['id', 'title']);
    expect(openHandles(file)).toBeGreaterThan(0);
    await book.close();
    expect(await eventuallyClosed(file)).toBe(0);
  });
});

describe('abort signal', () => {
  it('stops a read in progress with TM_ERR_ABORTED and releases the file', async () => {
    const controller = new AbortController();
    const book = await openXlsx(file, { signal: controller.signal });
    let n = 0;
    const error = await (async () => {
      for await (const _ of book.rows) if (++n === 100) controller.abort();
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TM_ERR_ABORTED' });
    expect(n).toBeLessThan(4000);
    expect(await eventuallyClosed(file)).toBe(0);
  });

  it('refuses to start when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(openXlsx(file, { signal: controller.signal })).rejects.toMatchObject({ code: 'TM_ERR_ABORTED' });
  });
});
