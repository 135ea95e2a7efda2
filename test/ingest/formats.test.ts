/**
 * Real client exports in, read as their systems wrote them (fixtures/formats/, see fixtures/README.md):
 * encodings, report preambles and footers, spreadsheet re-saves, repeated headers, and their dates.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { TickmarkError } from '../../src/errors.js';
import { ingestFile, ingestStream, malformedRows, type IngestOptions } from '../../src/ingest/ingest.js';
import type { PopulationChunk, PopulationMeta } from '../../src/population/types.js';
import { readChunks } from '../../src/store/read-chunks.js';
import type { Store } from '../../src/store/store.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';
// @ts-expect-error -- a plain ES module script (it also runs on its own to write the fixtures); its export is typed where used
import { formats as formatList } from '../../fixtures/formats/make-formats.mjs';

const formats = formatList as Record<string, string | Buffer>;

const fixture = (name: string) => `fixtures/formats/${name}`;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const utc = Date.UTC;

/** The population and its rows, column by column (source text and typed fields), across chunks. */
async function read(store: Store, population: PopulationMeta) {
  const chunks: PopulationChunk[] = [];
  for await (const c of readChunks(store.populationDir(population.id), population)) chunks.push(c);
  const source = (h: string) => chunks.flatMap((c) => c.source[h]!);
  const field = (f: string) => chunks.flatMap((c) => Array.from(c.fields[f]!.values as ArrayLike<number | string | null>));
  const lines = chunks.flatMap((c) => [...c.line]);
  return { population, source, field, lines };
}

async function ingest(name: string, opts: Omit<IngestOptions, 'kind'> & { kind: string }) {
  const store = tempStore();
  const { population } = await ingestFile(store, fixture(name), { workers: 0, ...opts });
  return { store, ...(await read(store, population)) };
}

async function refused(path: string, opts: IngestOptions): Promise<TickmarkError> {
  const err = await ingestFile(tempStore(), path, opts).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(TickmarkError);
  return err as TickmarkError;
}

describe('the committed fixtures are what make-formats.mjs writes', () => {
  it('byte for byte', () => {
    for (const [name, content] of Object.entries(formats)) {
      expect(readFileSync(fixture(name)).equals(Buffer.isBuffer(content) ? content : Buffer.from(content as string, 'utf8')), name).toBe(true);
    }
  });
});

describe('encodings', () => {
  const euMap = { grant_id: 'Nr.', user_id: 'Benutzer', system: 'Anwendung', role: 'Rolle', request_id: 'Antrag', approver: 'Genehmigt von', approved_at: 'Genehmigt am', granted_at: 'Gültig ab' };

  it('reads a European Excel CSV in Windows-1252: umlauts in the header, €, typographic quotes and dashes, Œ, dot dates', async () => {
    const { population, source, field } = await ingest('excel-eu-cp1252.csv', { kind: 'access_grant', map: euMap });
    expect(population.source).toMatchObject({ encoding: 'windows-1252', delimiter: ';', sha256: sha256(readFileSync(fixture('excel-eu-cp1252.csv'))) });
    expect(population.headers).toContain('Gültig ab');
    expect(population.headers.join('')).not.toContain('\ufffd');
    expect(source('Name')).toEqual(['Anna Müller', 'Jürgen Weiß', 'François Œhler', 'Søren Sørensen', 'Zoë Lefèvre', 'María García Núñez', 'Björn Höglund']);
    expect(source('Lizenzkosten')[0]).toBe('€1.234,50');
    expect(source('Bemerkung')).toEqual(['Jahresabschluss', '„Vier-Augen-Prinzip“', 'Notfall – dringend', 'Lizenz „Enterprise“', 'Zugriff ™-geschützt', 'Straße 12 — Büro', 'Zugänge geprüft']);
    expect(field('approver')[2]).toBe('Anna Müller');
    expect(field('approver')[6]).toBe('Renée Dubé');
    expect(field('approved_at')).toEqual([utc(2025, 0, 2, 9, 15), utc(2025, 0, 13, 16, 40), utc(2025, 1, 28, 8, 5), utc(2025, 2, 31, 11, 30), utc(2025, 3, 15, 14), utc(2025, 4, 5, 10, 20), utc(2025, 5, 12, 17, 45)]);
    expect(field('granted_at')[0]).toBe(utc(2025, 0, 3));
    expect(population.issues.total).toBe(0);
  });

  it('keeps a Windows-1252 chunk without € “ ” – as its Latin-1 bytes, and one with them as UTF-8 text', async () => {
    const dir = tempDir();
    const latin = writeTemp(dir, 'latin.csv', Buffer.from('Number;Short Description;Deployed On\nCHG1;Änderung für Jürgen;2025-01-02\n', 'latin1'));
    const store = tempStore();
    const { population } = await ingestFile(store, latin, { kind: 'change', workers: 0 });
    expect(population.source.encoding).toBe('windows-1252');
    const file = readFileSync(`${store.populationDir(population.id)}/${population.chunks[0]!.file}`);
    expect(file.includes('"encoding":"latin1"')).toBe(true);
    expect((await read(store, population)).field('title')).toEqual(['Änderung für Jürgen']);
    const eu = await ingest('excel-eu-cp1252.csv', { kind: 'access_grant', map: euMap });
    const euFile = readFileSync(`${eu.store.populationDir(eu.population.id)}/${eu.population.chunks[0]!.file}`);
    expect(euFile.includes('"encoding":"utf8"')).toBe(true);
  });

  it('reads Excel "Unicode Text" (UTF-16LE, tabs): Cyrillic, CJK, Greek and an emoji', async () => {
    const { population, source, field } = await ingest('utf16le-unicode-text.csv', { kind: 'termination' });
    expect(population.source).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', sha256: sha256(readFileSync(fixture('utf16le-unicode-text.csv'))) });
    expect(field('employee_name')).toEqual(['Дмитрий Иванов', '渡辺 健', 'Αθηνά Παπαδοπούλου', 'Zoë Brontë']);
    expect(source('Notes')).toEqual(['оставил компанию', '退職 ✔', 'αποχώρηση 👋', null]);
    expect(field('disabled_at')).toEqual([utc(2025, 2, 14, 18, 5), utc(2025, 4, 1, 9), utc(2025, 5, 2, 17, 30), utc(2025, 6, 16, 8, 10)]);
  });

  it('reads UTF-16BE, and UTF-16 without a byte order mark when it is named', async () => {
    const be = await ingest('utf16be.csv', { kind: 'termination' });
    expect(be.population.source.encoding).toBe('utf-16be');
    expect(be.field('employee_name')).toEqual(['Ольга Смирнова', '李 小龍', 'Νίκος Γεωργίου']);
    const noBom = writeTemp(tempDir(), 'nobom.csv', readFileSync(fixture('utf16le-unicode-text.csv')).subarray(2));
    const store = tempStore();
    const { population } = await ingestFile(store, noBom, { kind: 'termination', encoding: 'utf-16le', workers: 0 });
    expect(population.source.encoding).toBe('utf-16le');
    expect((await read(store, population)).field('employee_name')[1]).toBe('渡辺 健');
  });

  it('reads UTF-16 and Windows-1252 streamed in small pieces (a surrogate pair and a line cut between pieces)', async () => {
    for (const name of ['utf16le-unicode-text.csv', 'excel-eu-cp1252.csv']) {
      const bytes = readFileSync(fixture(name));
      async function* pieces() {
        for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
      }
      const store = tempStore();
      const opts = name.startsWith('utf16') ? { kind: 'termination' } : { kind: 'access_grant', map: euMap };
      const { population } = await ingestStream(store, pieces(), { ...opts, workers: 0, chunkSize: 64 });
      const back = await read(store, population);
      if (name.startsWith('utf16')) expect(back.source('Notes')[2]).toBe('αποχώρηση 👋');
      else expect(back.source('Lizenzkosten')[0]).toBe('€1.234,50');
      expect(population.source.sha256).toBe(sha256(bytes));
    }
  });

  it('judges Windows-1252 from the first non-ASCII text even far into the file, on every path', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `CHG${String(i).padStart(6, '0')};Routine change ${i};2025-01-02`);
    const bytes = Buffer.concat([Buffer.from(`Number;Short Description;Deployed On\n${rows.join('\n')}\n`), Buffer.from('CHG999999;Änderung für Jürgen €;2025-01-03\n', 'latin1')]);
    bytes[bytes.length - 13] = 0x80; // the '€' as Windows-1252 writes it
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const path = writeTemp(tempDir(), 'late.csv', bytes);
    for (const [workers, chunkSize] of [[0, 1 << 30], [2, 16_384]] as const) {
      const store = tempStore();
      const { population } = await ingestFile(store, path, { kind: 'change', workers, chunkSize });
      expect(population.source.encoding).toBe('windows-1252');
      expect((await read(store, population)).field('title').at(-1)).toBe('Änderung für Jürgen €');
    }
  });

  it('names the line, the column and the byte a Windows-1252 or UTF-8 file does not define', async () => {
    const cp = await refused(fixture('cp1252-stray-byte.csv'), { kind: 'change', workers: 0 });
    expect(cp.code).toBe('TM_ERR_ENCODING');
    expect(cp.details).toMatchObject({ line: 3, column: '"Short Description"', byte: '0x81', encoding: 'Windows-1252' });
    expect(cp.message).toBe('line 3, column "Short Description": byte 0x81 is not Windows-1252 text (the file was read as Windows-1252: its first non-ASCII text is not UTF-8)');
    const u8 = await refused(fixture('utf8-stray-byte.csv'), { kind: 'change', workers: 0 });
    expect(u8.message).toBe('line 3, column "Approved By": byte 0xFF is not UTF-8 text (the file was read as UTF-8: its first non-ASCII text is UTF-8)');
    // The same byte far into the file: found by the worker that parses it, named the same way.
    const rows = Array.from({ length: 4000 }, (_, i) => `CHG${i};Zertifikat für Jürgen;Anna;04.01.2025`).join('\r\n');
    const late = Buffer.concat([Buffer.from(`Number;Short Description;Approved By;Deployed On\r\n${rows}\r\nCHG9;x;Bj`, 'latin1'), Buffer.from([0x8d]), Buffer.from('rn;05.01.2025\r\n')]);
    const err = await refused(writeTemp(tempDir(), 'late-stray.csv', late), { kind: 'change', workers: 2, chunkSize: 16_384 });
    expect(err.message).toBe('line 4002, column "Approved By": byte 0x8D is not Windows-1252 text (the file was read as Windows-1252: its first non-ASCII text is not UTF-8)');
  });

  it('names an unpaired UTF-16 surrogate by line and column, never a replacement character', async () => {
    const text = Buffer.from('Employee ID,Name,Termination Date\nE1,Ana,2025-01-02\nE2,Bo', 'utf16le');
    const bad = Buffer.concat([Buffer.from([0xff, 0xfe]), text, Buffer.from([0x00, 0xd8]), Buffer.from(',2025-01-03\n', 'utf16le')]);
    const err = await refused(writeTemp(tempDir(), 'surrogate.csv', bad), { kind: 'termination', workers: 0 });
    expect(err.message).toBe('line 3, column "Name": byte 0xD800 is not UTF-16LE text (the file was read as UTF-16LE: its byte order mark says so)');
  });

  it('reads the encoding it is told, and refuses one it does not know or that contradicts a byte order mark', async () => {
    const store = tempStore();
    const utf8 = writeTemp(tempDir(), 'utf8.csv', 'Number,Short Description,Deployed On\nCHG1,Müller,2025-01-02\n');
    const auto = await ingestFile(store, utf8, { kind: 'change', workers: 0 });
    const told = await ingestFile(store, utf8, { kind: 'change', workers: 0, encoding: 'windows-1252' });
    expect(told.population.id).not.toBe(auto.population.id);
    expect((await read(store, told.population)).field('title')).toEqual(['MÃ¼ller']); // what the bytes are in Windows-1252
    const again = await ingestFile(store, utf8, { kind: 'change', workers: 0, encoding: 'utf-8' });
    expect(again).toMatchObject({ created: false, population: { id: auto.population.id } });
    const iso = await refused(fixture('excel-eu-cp1252.csv'), { kind: 'access_grant', map: euMap, encoding: 'iso-8859-1', workers: 0 });
    expect(iso.message).toMatch(/^line 2, column "Lizenzkosten": byte 0x80 is not ISO-8859-1 text/);
    expect((await refused(utf8, { kind: 'change', encoding: 'ebcdic' as never })).message).toBe('option --encoding must be one of utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1; got "ebcdic"');
    expect((await refused(fixture('utf16be.csv'), { kind: 'termination', encoding: 'windows-1252' })).message).toBe('option --encoding contradicts the file\'s UTF-16BE byte order mark; got "windows-1252"');
  });
});

describe('layout: preambles, footers, blank and total rows', () => {
  it('finds a Qualys report\'s header below its metadata, keeps the preamble and the footer as non-data rows, and the lines stay the file\'s', async () => {
    const { store, population, field, lines } = await ingest('qualys-scan-report.csv', { kind: 'vulnerability', map: { vuln_id: 'QID', severity: 'Severity', asset: 'IP', discovered_at: 'First Detected' } });
    expect(population.layout).toEqual({ headerLine: 7, headerFrom: 'found', renamed: [] });
    expect(population.rows).toEqual({ total: 12, accepted: 4, malformed: 0, nonData: 8 });
    expect(population.nonData!.byReason).toEqual({ preamble: 6, footer: 2 });
    expect(population.nonData!.first.map((r) => [r.line, r.reason])).toEqual([[1, 'preamble'], [2, 'preamble'], [3, 'preamble'], [4, 'preamble'], [5, 'preamble'], [6, 'preamble'], [12, 'footer'], [13, 'footer']]);
    expect(population.nonData!.first[0]!.raw).toBe('"Scan Results","scan/1755452383.12345"');
    expect(population.nonData!.first[7]!.raw).toMatch(/^"Qualys provides the QualysGuard Service ""As Is,""/);
    expect(lines).toEqual([8, 9, 10, 11]);
    expect(field('vuln_id')).toEqual(['38173', '376023', '91850', '105489']);
    expect(field('discovered_at')).toEqual([utc(2025, 7, 2, 10, 1, 12), utc(2025, 6, 30, 22, 15), utc(2025, 7, 13, 3, 0, 41), utc(2025, 5, 5, 11, 45, 30)]);
    expect(population.typing.columns).toEqual({ discovered_at: { column: 'First Detected', dateOrder: 'mdy', evidence: { line: 9, raw: '07/30/2025 22:15:00' }, resolved: 2 } });
    expect(await malformedRows(store, population)).toEqual([]);
    // The header line given is the one found: the same population. Line 1 given: another.
    const given = await ingestFile(store, fixture('qualys-scan-report.csv'), { kind: 'vulnerability', map: { vuln_id: 'QID', severity: 'Severity', asset: 'IP', discovered_at: 'First Detected' }, headerRow: 7, workers: 0 });
    expect(given).toMatchObject({ created: false, population: { id: population.id } });
    const wrong = await refused(fixture('qualys-scan-report.csv'), { kind: 'vulnerability', headerRow: 1 });
    expect(wrong.code).toBe('TM_ERR_MISSING_FIELD');
    expect(wrong.details.headers).toEqual(['Scan Results', 'scan/1755452383.12345']);
    expect((await refused(fixture('qualys-scan-report.csv'), { kind: 'vulnerability', headerRow: 2000 })).code).toBe('TM_ERR_INVALID_OPTION');
  });

  it('skips a PowerShell #TYPE line and reads its M/d/yyyy h:mm:ss tt dates month first', async () => {
    const { population, source, field } = await ingest('ad-users.csv', { kind: 'generic', key: ['SamAccountName'], eventTime: 'whenChanged' });
    expect(population.nonData!.first).toEqual([{ line: 1, reason: 'preamble', raw: '#TYPE Microsoft.ActiveDirectory.Management.ADUser' }]);
    expect(population.layout!.headerLine).toBe(2);
    expect(source('DistinguishedName')[0]).toBe('CN=Ana Lima,OU=Users,DC=acme,DC=local');
    expect(field('event_at')).toEqual([utc(2025, 3, 11, 17), utc(2025, 3, 23, 9, 30, 12), utc(2025, 0, 5, 0, 0), utc(2025, 4, 2, 12, 30)]);
    expect(population.typing.columns!.event_at!.evidence).toEqual({ line: 4, raw: '4/23/2025 9:30:12 AM' });
  });

  it('reports an Excel re-save\'s delimiter-only rows and Grand Total row, names its blank last header, and counts add up', async () => {
    const { store, population, source, field } = await ingest('excel-resave.csv', { kind: 'change' });
    expect(population.source.encoding).toBe('utf-8-bom');
    expect(population.rows).toEqual({ total: 9, accepted: 4, malformed: 0, nonData: 5 });
    expect(population.rows.total).toBe(population.rows.accepted + population.rows.malformed + population.rows.nonData!);
    expect(population.nonData).toEqual({
      count: 5, byReason: { blank_row: 4, total_row: 1 },
      first: [
        { line: 4, reason: 'blank_row', raw: ',,,,,,,' }, { line: 7, reason: 'blank_row', raw: ',,,,,,,' },
        { line: 8, reason: 'total_row', raw: 'Grand Total,,,,,,"4,100.00",' }, { line: 9, reason: 'blank_row', raw: ',,,,,,,' }, { line: 10, reason: 'blank_row', raw: ',,,,,,,' },
      ],
    });
    expect(population.layout!.renamed).toEqual([{ column: 8, original: '', name: 'Column 8' }]);
    expect(source('Cost')).toEqual(['1,200.00', '350.00', '2,550.00', '0.00']);
    expect(field('change_id')).toEqual(['CHG0001001', 'CHG0001002', 'CHG0001003', 'CHG0001004']);
    expect(field('deployed_at')).toEqual([utc(2025, 0, 15, 22, 30), utc(2025, 1, 4, 7), utc(2025, 2, 7, 23, 45), utc(2025, 3, 2, 21)]);
    expect(field('approved_at')[1]).toBe(utc(2025, 1, 3, 9, 30));
    const chunks = [];
    for await (const c of readChunks(store.populationDir(population.id), population)) chunks.push(c);
    expect(chunks.flatMap((c) => [...c.record])).toEqual([1, 2, 3, 4]); // non-data rows are not records
  });

  it('keeps short rows in the middle as malformed, and a short last row of a file cut mid-line too', async () => {
    const dir = tempDir();
    const body = 'Number,Short Description,Deployed On\nCHG1,a,2025-01-02\nNote only\nCHG2,b,2025-01-03\nGenerated by ServiceNow\n';
    const store = tempStore();
    const { population } = await ingestFile(store, writeTemp(dir, 'mid.csv', body), { kind: 'change', workers: 0 });
    expect(population.rows).toEqual({ total: 4, accepted: 2, malformed: 1, nonData: 1 });
    expect((await malformedRows(store, population)).map((m) => [m.line, m.raw])).toEqual([[3, 'Note only']]);
    expect(population.nonData!.first).toEqual([{ line: 5, reason: 'footer', raw: 'Generated by ServiceNow' }]);
    const cut = await ingestFile(tempStore(), writeTemp(dir, 'cut.csv', body.trimEnd().replace('Generated by ServiceNow', 'CHG3,c')), { kind: 'change', workers: 0 });
    expect(cut.population.rows).toEqual({ total: 4, accepted: 2, malformed: 2, nonData: 0 });
    expect(cut.population.issues.first.map((i) => [i.code, i.line])).toEqual([['malformed_row', 3], ['malformed_row', 5]]);
  });

  it('finds a GRC workbook\'s table below its title rows, and its total line', async () => {
    const { population, field, lines } = await ingest('grc-access-review.xlsx', { kind: 'access_review' });
    expect(population.layout).toEqual({ headerLine: 4, headerFrom: 'found', renamed: [] });
    expect(population.rows).toEqual({ total: 8, accepted: 5, malformed: 0, nonData: 3 });
    expect(population.nonData!.first).toEqual([
      { line: 1, reason: 'preamble', raw: 'User Access Review — Q3 2025 (SAP FI)' },
      { line: 2, reason: 'preamble', raw: 'Generated 2025-10-02 08:00 by GRC Suite for ACME Corp' },
      { line: 11, reason: 'total_row', raw: 'Total reviewed: 5,,,,,,' },
    ]);
    expect(lines).toEqual([5, 6, 7, 8, 9]);
    expect(field('reviewed_user')).toEqual(['amueller', 'mgarcia', 'foehler', 'jweiss', 'ssoerensen']);
    expect(field('completed_at')[3]).toBe(utc(2025, 9, 2, 7, 45));
    const given = await ingestFile(tempStore(), fixture('grc-access-review.xlsx'), { kind: 'access_review', headerRow: 4 });
    expect(given.population.id).toBe(population.id);
  });
});

describe('repeated headers and dates of Jira and Tenable', () => {
  it('reads a Jira export: every field quoted, CRLF, multi-line descriptions, repeated columns kept apart, dd/Mon/yy h:mm AM/PM', async () => {
    const { population, source, field, lines } = await ingest('jira-export.csv', { kind: 'ticket', map: { ticket_id: 'Issue key', severity: 'Priority', opened_at: 'Created', resolved_at: 'Resolved', owner: 'Assignee' } });
    expect(population.headers.slice(11)).toEqual(['Labels', 'Labels (2)', 'Labels (3)', 'Sprint', 'Sprint (2)', 'Description', 'Watchers', 'Watchers (2)', 'Attachment', 'Attachment (2)', 'Comment', 'Comment (2)', 'Comment (3)']);
    expect(population.layout!.renamed.map((r) => [r.column, r.original, r.name])).toEqual([
      [13, 'Labels', 'Labels (2)'], [14, 'Labels', 'Labels (3)'], [16, 'Sprint', 'Sprint (2)'], [19, 'Watchers', 'Watchers (2)'], [21, 'Attachment', 'Attachment (2)'], [23, 'Comment', 'Comment (2)'], [24, 'Comment', 'Comment (3)'],
    ]);
    expect(source('Labels')).toEqual(['prod', 'backup', 'certs', 'network']);
    expect(source('Labels (2)')).toEqual(['sev1', null, 'tls', 'vpn']);
    expect(source('Labels (3)')).toEqual(['customer-facing', null, null, 'sev2']);
    expect(source('Description')[0]).toBe('Users see "Internal Server Error"\r\nafter the 14:00 deploy.\r\nRolled back at 14:35.');
    expect(lines).toEqual([2, 5, 7, 8]);
    expect(field('opened_at')).toEqual([utc(2025, 0, 3, 14, 22), utc(2025, 1, 17, 1, 5), utc(2025, 2, 28, 10), utc(2025, 4, 12, 12)]);
    expect(field('resolved_at').map((v) => (Number.isNaN(v) ? null : v))).toEqual([utc(2025, 0, 3, 18, 40), utc(2025, 1, 17, 9, 15), null, utc(2025, 4, 12, 23, 59)]);
    expect(population.issues.total).toBe(0);
  });

  it('reads Tenable\'s "Aug 17, 2025 17:39:43 UTC"', async () => {
    const { field } = await ingest('tenable-vulns.csv', { kind: 'vulnerability', map: { vuln_id: 'Plugin ID', severity: 'Risk', asset: 'Host', discovered_at: 'First Discovered', remediated_at: 'Last Fixed' } });
    expect(field('discovered_at')).toEqual([utc(2025, 7, 17, 17, 39, 43), utc(2025, 0, 3, 8), utc(2024, 11, 31, 23, 59, 59)]);
    expect(field('remediated_at').map((v) => (Number.isNaN(v) ? null : v))).toEqual([null, utc(2025, 1, 14, 11, 30), null]);
  });

  it('refuses an event-time column that holds no dates, through the library and the command line (exit 3)', async () => {
    const err = await refused(fixture('untyped-event-time.csv'), { kind: 'change', workers: 0 });
    expect(err.code).toBe('TM_ERR_UNTYPED_COLUMN');
    expect(err.details).toMatchObject({ column: 'Deployed On', field: 'deployed_at', failed: 5, values: 5, share: '100%', examples: ['next sprint', 'TBD', 'after CAB'] });
    const r = spawnSync(process.execPath, ['bin/tickmark.js', 'ingest', fixture('untyped-event-time.csv'), '--kind', 'change', '--data-dir', tempDir()], { encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('[TM_ERR_UNTYPED_COLUMN]');
  });
});

describe('the command line says how the file was read', () => {
  it('names the non-data rows, the header line found, renamed columns, the encoding and a decided day/month order', () => {
    const run = (args: string[]) => spawnSync(process.execPath, ['bin/tickmark.js', 'ingest', ...args, '--data-dir', tempDir()], { encoding: 'utf8' });
    const qualys = run([fixture('qualys-scan-report.csv'), '--kind', 'generic', '--key', 'IP', '--key', 'QID', '--event-time', 'First Detected']);
    expect(qualys.status).toBe(0);
    expect(qualys.stdout).toContain('rows     12 total = 4 accepted + 0 malformed + 8 not data (6 preamble, 2 footer)');
    expect(qualys.stdout).toContain('header   line 7 (found below a preamble)');
    expect(qualys.stdout).toContain('"First Detected" (event_at) read month first: line 9 "07/30/2025 22:15:00" can only be read so');
    expect(qualys.stdout).toContain('line 12 footer: "\\"CONFIDENTIAL AND PROPRIETARY INFORMATION.\\""');
    const eu = run([fixture('excel-eu-cp1252.csv'), '--kind', 'generic', '--key', 'Nr.', '--event-time', 'Gültig ab', '--encoding', 'cp1252', '--json']);
    expect(eu.status).toBe(0);
    const summary = JSON.parse(eu.stdout);
    expect(summary).toMatchObject({ encoding: 'windows-1252', rows: { total: 7, accepted: 7, malformed: 0, nonData: 0 }, layout: { headerLine: 1, headerFrom: 'first', renamed: [] } });
    const jira = run([fixture('jira-export.csv'), '--kind', 'generic', '--key', 'Issue key', '--event-time', 'Created', '--header-row', '1']);
    expect(jira.stdout).toContain('renamed  "Labels" (column 13) → "Labels (2)", "Labels" (column 14) → "Labels (3)"');
  });
});

describe('the header fixtures that used to stop an ingest', () => {
  it('bad/duplicate-headers.csv: the second "Approved By" is "Approved By (2)", and the mapping takes the first', async () => {
    const store = tempStore();
    const { population } = await ingestFile(store, 'fixtures/bad/duplicate-headers.csv', { kind: 'change', workers: 0 });
    expect(population.headers[6]).toBe('Approved By (2)');
    expect(population.layout!.renamed).toEqual([{ column: 7, original: 'Approved By', name: 'Approved By (2)' }]);
    expect(population.mapping.approver).toBe('Approved By');
    const back = await read(store, population);
    expect(back.source('Approved By (2)')[0]).toBe('david.chen');
  });

  it('bad/blank-header.csv: the blank 3rd and 9th names are "Column 3" and "Column 9"', async () => {
    const store = tempStore();
    const { population } = await ingestFile(store, 'fixtures/bad/blank-header.csv', { kind: 'change', workers: 0 });
    expect([population.headers[2], population.headers[8]]).toEqual(['Column 3', 'Column 9']);
    expect(population.layout!.renamed).toEqual([{ column: 3, original: '', name: 'Column 3' }, { column: 9, original: '  ', name: 'Column 9' }]);
    expect((await read(store, population)).source('Column 3')[0]).toBe('Upgrade OpenSSL on payments-api');
  });
});

describe('footers are lines of text, not rows cut short', () => {
  it('a last row with more than half the fields stays malformed', async () => {
    const body = 'Number,Type,Short Description,Approved By,Deployed On,System\nCHG1,Normal,a,dchen,2025-01-02,web\nCHG2,Normal,b,dchen,2025-01-03\nGenerated 2025-01-04,by ServiceNow\n';
    const store = tempStore();
    const { population } = await ingestFile(store, writeTemp(tempDir(), 'cut-row.csv', body), { kind: 'change', workers: 0 });
    expect(population.rows).toEqual({ total: 3, accepted: 1, malformed: 1, nonData: 1 });
    expect((await malformedRows(store, population)).map((m) => m.line)).toEqual([3]);
    expect(population.nonData!.first).toEqual([{ line: 4, reason: 'footer', raw: 'Generated 2025-01-04,by ServiceNow' }]);
  });
});

describe('the XLSX reader finds a header below titles only when asked (a population export), never in tickmark\'s own sheets', () => {
  it('reads the GRC workbook from its first row by default, and from row 4 when asked to find the header', async () => {
    const { openXlsx } = await import('../../src/ingest/xlsx/index.js');
    const plain = await openXlsx(fixture('grc-access-review.xlsx'));
    expect([plain.headerLine, plain.headers, plain.preamble]).toEqual([1, ['User Access Review — Q3 2025 (SAP FI)'], []]);
    await plain.close();
    const found = await openXlsx(fixture('grc-access-review.xlsx'), { findHeaderRow: true });
    expect([found.headerLine, found.headerFrom, found.headers[0], found.preamble.map((r) => r.line)]).toEqual([4, 'found', 'Review ID', [1, 2]]);
    const rows = [];
    for await (const r of found.rows) rows.push(r.line);
    expect(rows).toEqual([5, 6, 7, 8, 9, 11]);
  });
});

describe('a population already read is found again only when it was read the same way', () => {
  it('an encoding or header row named against the file is not what reading it plainly gives', async () => {
    const store = tempStore();
    const dir = tempDir();
    const utf8 = writeTemp(dir, 'plain.csv', 'Number,Short Description,Deployed On\nCHG1,Müller,2025-01-02\n');
    const named = await ingestFile(store, utf8, { kind: 'change', encoding: 'windows-1252', workers: 0 });
    const plain = await ingestFile(store, utf8, { kind: 'change', workers: 0 });
    expect(plain.created).toBe(true);
    expect(plain.population.id).not.toBe(named.population.id);
    expect(plain.population.source.encoding).toBe('utf-8');
    const euOpts = { kind: 'access_grant', map: { user_id: 'Benutzer', granted_at: 'Gültig ab' }, workers: 0 };
    const cp = await ingestFile(store, fixture('excel-eu-cp1252.csv'), euOpts);
    const cpAgain = await ingestFile(store, fixture('excel-eu-cp1252.csv'), euOpts);
    expect(cpAgain).toMatchObject({ created: false, population: { id: cp.population.id } }); // the full read finds the same population
    const report = fixture('qualys-scan-report.csv');
    const given = await ingestFile(store, report, { kind: 'generic', headerRow: 4, workers: 0 });
    expect(given.population.layout).toMatchObject({ headerLine: 4, headerFrom: 'given' });
    const found = await ingestFile(store, report, { kind: 'generic', workers: 0 });
    expect(found.created).toBe(true);
    expect(found.population.layout).toMatchObject({ headerLine: 7, headerFrom: 'found' });
  });
});

describe('a footer is a few closing lines', () => {
  it('a run of more short rows than a footer has is malformed rows, whatever the chunking', async () => {
    const lines = ['Number,Short Description,Approved By,Deployed On', 'CHG1,a,dchen,2025-01-02'];
    for (let i = 0; i < 1500; i++) lines.push(`CHG${i + 2}`); // rows cut to their key: not a footer
    const path = writeTemp(tempDir(), 'long-run.csv', lines.join('\n') + '\n');
    for (const [workers, chunkSize] of [[0, 1 << 30], [0, 1024], [2, 4096]] as const) {
      const { population } = await ingestFile(tempStore(), path, { kind: 'change', workers, chunkSize });
      expect(population.rows).toEqual({ total: 1501, accepted: 1, malformed: 1500, nonData: 0 });
      expect(population.issues.first[0]).toMatchObject({ code: 'malformed_row', line: 3 });
    }
  });
});
