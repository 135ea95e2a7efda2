/**
 * Export shapes as generator options: the bytes written are the shape asked for, the rows are
 * the same population, and a shape that cannot be written is refused naming its option.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { TickmarkError } from '../../src/errors.js';
import { singleByteText } from '../../src/ingest/csv/encoding.js';
import { resolveOptions, type GenerateOptions } from '../../src/synthetic/options.js';
import { writePopulation } from '../../src/synthetic/write.js';
import { tempDir } from '../helpers/tmp.js';

const base = { kind: 'change', rows: 400, seed: 'shapes' } as const;

async function written(dir: string, name: string, opts: Partial<GenerateOptions>) {
  const path = join(dir, `${name}.csv`);
  const manifest = await writePopulation(path, { ...base, ...opts });
  return { bytes: readFileSync(path), manifest };
}

describe('generator shapes', () => {
  const dir = tempDir();

  it('quotes every field with CRLF after a BOM, and reads back as the default file’s records', async () => {
    const plain = await written(dir, 'plain', {});
    const { bytes, manifest } = await written(dir, 'quoted', { quoting: 'all', lineEnding: '\r\n', bom: true });
    expect([...bytes.subarray(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 0x22]);
    const text = bytes.toString('utf8', 3);
    const records = parse(text, { record_delimiter: '\r\n' }) as string[][];
    expect(records).toEqual(parse(plain.bytes.toString('utf8')));
    // Every cell is quoted: each record line starts and ends with a quote, and no line ends without CR.
    for (const line of text.split('\r\n').slice(0, -1)) if (!line.includes('\n')) expect(line.startsWith('"') && line.endsWith('"'), line).toBe(true);
    expect(manifest.format).toMatchObject({ bom: true, quoting: 'all', lineEnding: '\r\n', encoding: 'utf-8' });
    expect(manifest.totals.recordsQuoted).toBe(manifest.totals.dataRows);
  });

  it('adds Jira-like columns with repeated names, and free text in several scripts', async () => {
    const { bytes, manifest } = await written(dir, 'jira', { extraColumns: 26, nonAsciiText: 'scripts' });
    const records = parse(bytes.toString('utf8'), { relax_column_count: false }) as string[][];
    expect(records[0]!.length).toBe(40);
    expect(manifest.headers.length).toBe(40);
    expect(records[0]!.filter((h) => h === 'Labels').length).toBe(3);
    expect(records.length - 1).toBe(manifest.totals.dataRows);
    const scripts = [/\p{Script=Cyrillic}/u, /\p{Script=Greek}/u, /\p{Script=Han}/u, /\p{Script=Arabic}/u, /\p{Script=Devanagari}/u, /\p{Script=Hangul}/u];
    const titles = records.slice(1).map((r) => r[2]!).join('\n');
    for (const s of scripts) expect(titles, String(s)).toMatch(s);
  });

  it('writes Windows-1252 bytes for € – “ ”, read back by the ingest decoder', async () => {
    const { bytes, manifest } = await written(dir, 'cp1252', { encoding: 'windows-1252', nonAsciiText: 'western', delimiter: ';' });
    expect(bytes.includes(0x80)).toBe(true); // €
    expect(bytes.includes(0x96)).toBe(true); // –
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = singleByteText(bytes, 'windows-1252');
    expect(text).toContain('1.200 €');
    expect(manifest.format.encoding).toBe('windows-1252');
    expect((parse(text, { delimiter: ';' }) as string[][]).length - 1).toBe(manifest.totals.dataRows);
  });

  it('refuses shapes that cannot be written, naming the option', () => {
    const refused = (opts: Partial<GenerateOptions>) => {
      try {
        resolveOptions({ ...base, ...opts } as GenerateOptions);
      } catch (err) {
        if (err instanceof TickmarkError) return [err.code, err.details.option];
        throw err;
      }
      return null;
    };
    expect(refused({ bom: true, encoding: 'windows-1252' })).toEqual(['TM_ERR_INVALID_OPTION', 'options.bom']);
    expect(refused({ nonAsciiText: 'scripts', encoding: 'windows-1252' })).toEqual(['TM_ERR_INVALID_OPTION', 'options.nonAsciiText']);
    expect(refused({ quoting: 'some' as 'all' })).toEqual(['TM_ERR_INVALID_OPTION', 'options.quoting']);
    expect(refused({ extraColumns: -1 })).toEqual(['TM_ERR_INVALID_OPTION', 'options.extraColumns']);
    expect(refused({ encoding: 'latin9' as 'utf-8' })).toEqual(['TM_ERR_INVALID_OPTION', 'options.encoding']);
  });
});
