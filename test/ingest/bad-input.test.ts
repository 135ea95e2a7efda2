import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TickmarkError } from '../../src/errors.js';
import { ingestFile, malformedRows } from '../../src/ingest/ingest.js';
import { readChunks } from '../../src/store/read-chunks.js';
import { AMBIGUOUS_EXPECTED } from '../../src/ingest/typing/day-month-evidence.js';
import { CHANGE_HEADER } from '../helpers/csv.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';

const dir = tempDir();

async function failsWith(content: string | Buffer, code: string, opts: Record<string, unknown> = {}) {
  const store = tempStore();
  const path = writeTemp(dir, `bad-${Math.random().toString(36).slice(2)}.csv`, content);
  const err = await ingestFile(store, path, { kind: 'change', ...opts }).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(TickmarkError);
  expect((err as TickmarkError).code).toBe(code);
  // Nothing half-written: no population in the catalog, no temp folder left.
  expect(store.listPopulations()).toHaveLength(0);
  expect(readdirSync(join(store.dir, 'tmp'))).toEqual([]);
  expect(readdirSync(join(store.dir, 'populations'))).toEqual([]);
  return err as TickmarkError;
}

async function ingestText(content: string | Buffer, opts: Record<string, unknown> = {}) {
  const store = tempStore();
  const path = writeTemp(dir, `ok-${Math.random().toString(36).slice(2)}.csv`, content);
  const { population } = await ingestFile(store, path, { kind: 'change', ...opts });
  const chunks = [];
  for await (const c of readChunks(store.populationDir(population.id), population)) chunks.push(c);
  return { store, population, chunks };
}

describe('bad CSV inputs give coded errors or counted row issues', () => {
  it('refuses an empty file', async () => {
    await failsWith('', 'TM_ERR_EMPTY_FILE');
    await failsWith('\n\n', 'TM_ERR_EMPTY_FILE');
  });

  it('accepts a header-only file as a valid, empty population', async () => {
    const { population, chunks } = await ingestText(CHANGE_HEADER + '\n');
    expect(population.rows).toEqual({ total: 0, accepted: 0, malformed: 0, nonData: 0 });
    expect(population.mapping.deployed_at).toBe('Deployed On');
    expect(chunks).toHaveLength(0);
  });

  it('refuses binary bytes and names the offset', async () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x13, 0x07]);
    const err = await failsWith(bytes, 'TM_ERR_BINARY_FILE');
    expect(err.details.offset).toBe(4);
  });

  it('refuses invalid UTF-8 in the data of a UTF-8 file and names the line, the column and the byte', async () => {
    const content = Buffer.concat([Buffer.from(`${CHANGE_HEADER}\nCHG1,Normal,Müller,a,b,2025-01-01,c,2025-01-02\nCHG2,Normal,caf`), Buffer.from([0xe9]), Buffer.from(',a,b,2025-01-01,c,2025-01-02\n')]);
    const err = await failsWith(content, 'TM_ERR_ENCODING');
    expect(err.message).toBe('line 3, column "Short Description": byte 0xE9 is not UTF-8 text (the file was read as UTF-8: its first non-ASCII text is UTF-8)');
    // The same byte with no UTF-8 before it: the file is Windows-1252, and reads.
    const cp1252 = Buffer.concat([Buffer.from(`${CHANGE_HEADER}\nCHG2,Normal,caf`), Buffer.from([0xe9]), Buffer.from(',a,b,2025-01-01,c,2025-01-02\n')]);
    const { population, chunks } = await ingestText(cp1252);
    expect(population.source.encoding).toBe('windows-1252');
    expect(chunks[0]!.fields.title!.values[0]).toBe('café');
  });

  it('reports an unclosed quote at EOF with the line where it opened', async () => {
    const err = await failsWith(`${CHANGE_HEADER}\nCHG1,Normal,ok,a,b,2025-01-01,c,2025-01-02\nCHG2,Normal,"never closed,a,b,2025-01-01,c,2025-01-02\nCHG3,x\n`, 'TM_ERR_UNCLOSED_QUOTE');
    expect(err.details.line).toBe(3);
  });

  it('names the line and column of a quote inside an unquoted field (5" monitor) and of text after a closing quote', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `CHG${i + 1},Normal,"ok, quoted",a,b,2025-01-01,c,2025-01-02`);
    rows[19] = 'CHG20,Normal,5" monitor,a,b,2025-01-01,c,2025-01-02';
    const err = await failsWith(`${CHANGE_HEADER}\n${rows.join('\n')}\n`, 'TM_ERR_BAD_QUOTE');
    expect(err.details).toMatchObject({ line: 21, column: 'Short Description', reason: 'a quote inside an unquoted field' });
    const closing = await failsWith(`${CHANGE_HEADER}\nCHG1,Normal,ok,a,b,2025-01-01,c,2025-01-02\nCHG2,"Normal"x,ok,a,b,2025-01-01,c,2025-01-02\n`, 'TM_ERR_BAD_QUOTE');
    expect(closing.details).toMatchObject({ line: 3, column: 'Type', reason: 'text after a closing quote' });
  });

  it('keeps ragged rows as malformed with raw text and line; counts add up', async () => {
    const content = `${CHANGE_HEADER}\nCHG1,Normal,ok,a,b,2025-01-01,c,2025-01-02\nCHG2,Normal,"two\nlines",a\nCHG3,Normal,ok,a,b,2025-01-01,c,2025-01-02,EXTRA\nCHG4,Normal,ok,a,b,2025-01-01,c,2025-01-03\n`;
    const { store, population } = await ingestText(content);
    expect(population.rows).toEqual({ total: 4, accepted: 2, malformed: 2, nonData: 0 });
    expect(population.rows.total).toBe(population.rows.accepted + population.rows.malformed + population.rows.nonData!);
    const bad = await malformedRows(store, population);
    expect(bad.map((b) => [b.record, b.line, b.fields])).toEqual([[2, 3, 4], [3, 5, 9]]);
    expect(bad[0]!.raw).toBe('CHG2,Normal,"two\nlines",a');
    expect(population.issues.byCode.malformed_row).toBe(2);
  });

  it('gives repeated and blank header names distinct names, and records the renaming', async () => {
    const dup = await ingestText('Number,Deployed On,Number,Type,Type\nx,2025-01-01,y,z,w\n');
    expect(dup.population.headers).toEqual(['Number', 'Deployed On', 'Number (2)', 'Type', 'Type (2)']);
    expect(dup.population.mapping).toMatchObject({ change_id: 'Number', deployed_at: 'Deployed On' });
    expect(dup.population.layout!.renamed).toEqual([{ column: 3, original: 'Number', name: 'Number (2)' }, { column: 5, original: 'Type', name: 'Type (2)' }]);
    expect(dup.chunks[0]!.source['Number (2)']![0]).toBe('y');
    const blank = await ingestText('Number,,Deployed On, \nx,y,2025-01-01,\n');
    expect(blank.population.headers).toEqual(['Number', 'Column 2', 'Deployed On', 'Column 4']);
    expect(blank.population.layout!.renamed).toEqual([{ column: 2, original: '', name: 'Column 2' }, { column: 4, original: ' ', name: 'Column 4' }]);
    expect(blank.chunks[0]!.source['Column 2']![0]).toBe('y');
  });

  it('detects a semicolon delimiter, and an explicit delimiter overrides a wrong guess', async () => {
    const semi = 'Number;Short Description;Deployed On\nCHG1;"a, b, c";2025-01-02\nCHG2;d, e;2025-01-03\n';
    const guessed = await ingestText(semi);
    expect(guessed.population.source.delimiter).toBe(';');
    expect(guessed.chunks[0]!.fields.title!.values).toEqual(['a, b, c', 'd, e']);
    // One comma and one semicolon per line: the guess (comma) is wrong; the user says semicolon.
    const tricky = 'Number;Deployed On, UTC\nCHG1;2025-01-02, x\n';
    const wrong = await failsWith(tricky, 'TM_ERR_MISSING_FIELD');
    expect(wrong.details.headers).toEqual(['Number;Deployed On', 'UTC']);
    // Read with ';', the one event time '2025-01-02, x' is not a timestamp: the column does not type.
    const right = await failsWith(tricky, 'TM_ERR_UNTYPED_COLUMN', { delimiter: ';', map: { deployed_at: 'Deployed On, UTC' } });
    expect(right.details).toMatchObject({ column: 'Deployed On, UTC', field: 'deployed_at', failed: 1, values: 1, examples: ['2025-01-02, x'] });
    const clean = await ingestText('Number;Deployed On, UTC\nCHG1;2025-01-02\n', { delimiter: 'semicolon', map: { deployed_at: 'Deployed On, UTC' } });
    expect(clean.chunks[0]!.fields.deployed_at!.values[0]).toBe(Date.UTC(2025, 0, 2));
  });

  it('names the missing required field, the headers found and the closest matches', async () => {
    const err = await failsWith('Number,Deploy Dat,Approved By\nCHG1,2025-01-01,bob\n', 'TM_ERR_MISSING_FIELD');
    expect(err.details.fields).toEqual(['deployed_at']);
    expect(err.details.headers).toEqual(['Number', 'Deploy Dat', 'Approved By']);
    expect(err.message).toContain('"Deploy Dat"');
  });

  it('keeps unparseable and ambiguous dates as raw text with a null typed value and an issue', async () => {
    const ambiguousOnly = await ingestText(`${CHANGE_HEADER}\nCHG1,Normal,ok,a,b,03/04/2025,c,2025-01-02\nCHG2,Normal,ok,a,b,2025-04-03,c,2025-01-02\n`);
    expect(Number.isNaN(ambiguousOnly.chunks[0]!.fields.approved_at!.values[0] as number)).toBe(true);
    expect(ambiguousOnly.chunks[0]!.source['Approved On']![0]).toBe('03/04/2025');
    expect(ambiguousOnly.population.issues.first).toEqual([{ code: 'ambiguous_date', record: 1, line: 2, column: 'Approved On', field: 'approved_at', raw: '03/04/2025', expected: AMBIGUOUS_EXPECTED }]);
    expect(ambiguousOnly.population.typing.columns).toBeUndefined();

    // 13/04 can only be day first: the column is read day first, 03/04/2025 included.
    const content = `${CHANGE_HEADER}\nCHG1,Normal,ok,a,b,03/04/2025,c,2025-02-30\nCHG2,Normal,ok,a,b,13/04/2025 14:05,c,2025-01-02\n`;
    const plain = await ingestText(content);
    const approved = plain.chunks[0]!.fields.approved_at!.values as Float64Array;
    expect([...approved]).toEqual([Date.UTC(2025, 3, 3), Date.UTC(2025, 3, 13, 14, 5)]);
    expect(plain.population.issues.byCode).toEqual({ invalid_value: 1 });
    expect(plain.population.typing.columns).toEqual({ approved_at: { column: 'Approved On', dateOrder: 'dmy', evidence: { line: 3, raw: '13/04/2025 14:05' }, resolved: 1 } });
    const invalid = plain.population.issues.first.find((i) => i.code === 'invalid_value')!;
    expect(invalid).toMatchObject({ record: 1, line: 2, column: 'Deployed On', raw: '2025-02-30' });
    const dmy = await ingestText(content, { dateOrder: 'dmy' });
    const a = dmy.chunks[0]!.fields.approved_at!.values as Float64Array;
    expect(a[0]).toBe(Date.UTC(2025, 3, 3));
    expect(a[1]).toBe(Date.UTC(2025, 3, 13, 14, 5));
    const mdy = await ingestText(content, { dateOrder: 'mdy' });
    const m = mdy.chunks[0]!.fields.approved_at!.values as Float64Array;
    expect(m[0]).toBe(Date.UTC(2025, 2, 4));
    expect(Number.isNaN(m[1]!)).toBe(true); // month 13 does not exist
  });

  it('reads naive timestamps in the population zone', async () => {
    const content = `${CHANGE_HEADER}\nCHG1,Normal,ok,a,b,2025-07-01 09:00,c,2025-07-01T09:00:00+02:00\n`;
    const { chunks } = await ingestText(content, { timeZone: 'America/New_York' });
    expect(chunks[0]!.fields.approved_at!.values[0]).toBe(Date.UTC(2025, 6, 1, 13)); // EDT = UTC-4
    expect(chunks[0]!.fields.deployed_at!.values[0]).toBe(Date.UTC(2025, 6, 1, 7)); // explicit offset wins
  });

  it('takes a 1 MB cell and 2,000 columns', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const one = await ingestText(`${CHANGE_HEADER}\nCHG1,Normal,"${big}",a,b,2025-01-01,c,2025-01-02\nCHG2,Normal,small,a,b,2025-01-01,c,2025-01-03\n`, { chunkSize: 64 * 1024, workers: 0 });
    expect(one.population.rows.accepted).toBe(2);
    expect(one.chunks.flatMap((c) => c.fields.title!.values as string[])[0]!.length).toBe(1024 * 1024);
    const extra = Array.from({ length: 1992 }, (_, i) => `Extra ${i + 1}`);
    const wide = [CHANGE_HEADER.split(',').concat(extra).join(','), ['CHG1', 'Normal', 't', 'a', 'b', '2025-01-01', 'c', '2025-01-02', ...extra.map((_, i) => String(i))].join(',')].join('\n') + '\n';
    const w = await ingestText(wide);
    expect(w.population.headers).toHaveLength(2000);
    expect(w.chunks[0]!.source['Extra 1992']![0]).toBe('1991');
  });

  it('reads UTF-8 with BOM and UTF-16LE with BOM to the same values', async () => {
    const text = `${CHANGE_HEADER}\nCHG1,Normal,Café résumé,a,b,2025-01-01,c,2025-01-02\n`;
    const bom = await ingestText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const utf16 = await ingestText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(bom.population.headers[0]).toBe('Number');
    expect(utf16.population.source.encoding).toBe('utf-16le');
    expect(utf16.chunks[0]!.fields.title!.values[0]).toBe('Café résumé');
    expect(bom.chunks[0]!.fields.title!.values[0]).toBe('Café résumé');
  });
});
