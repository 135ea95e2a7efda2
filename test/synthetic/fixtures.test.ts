/**
 * The committed fixtures are what fixtures/README.md says they are: the demo population matches
 * its manifest and regenerates byte for byte; the good fixtures of every kind map onto their
 * kind's fields and carry no deviation; the edge and bad fixtures hold the quirk they are named for.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { TickmarkError } from '../../src/errors.js';
import { mapColumns } from '../../src/ingest/mapping/map-columns.js';
import { kindSpec, type Kind } from '../../src/population/kinds.js';
import { modelOf } from '../../src/synthetic/kinds/index.js';
import type { PopulationManifest } from '../../src/synthetic/manifest.js';
import { writePopulation } from '../../src/synthetic/write.js';
import { sha256File, tempDir } from './helpers.js';
import { parsePopulation, rowDeviations, verifyManifest } from './verify.js';

vi.setConfig({ testTimeout: 60_000 });
const root = new URL('../../fixtures/', import.meta.url).pathname;
const fixture = (p: string) => join(root, p);
const read = (p: string) => readFileSync(fixture(p), 'utf8');
const dir = tempDir();
afterAll(() => dir.remove());

/** The parts of a manifest the re-check needs, for a hand-made file of `kind`. */
function asManifest(kind: Kind, headers: string[]): PopulationManifest {
  const model = modelOf(kind);
  const mapping = mapColumns(kindSpec(kind), headers).mapping;
  return {
    kind,
    mapping,
    parameters: model.parameters,
    period: { start: '2025-01-01', end: '2025-12-31', timeZone: 'UTC' },
    format: { delimiter: ',' },
    key: { fields: model.keyFields, headers: model.keyFields.map((f) => mapping[f]!), separator: '\u001f' },
  } as unknown as PopulationManifest;
}

describe('changes-2025.csv (the demo population)', () => {
  const manifest = JSON.parse(read('change/changes-2025.csv.manifest.json')) as PopulationManifest;
  it('matches its committed manifest exactly', () => {
    expect(verifyManifest(read('change/changes-2025.csv'), manifest)).toEqual([]);
    expect(manifest.file).toEqual({ name: 'changes-2025.csv', bytes: statSync(fixture('change/changes-2025.csv')).size, sha256: sha256File(fixture('change/changes-2025.csv')) });
    expect(manifest.totals.dataRows).toBe(500);
    expect(manifest.totals.listedRows).toBe(25);
  });
  it('regenerates byte for byte from the recorded options (if the generator changed on purpose, regenerate it: see fixtures/README.md)', async () => {
    const defects = JSON.parse(read('change/changes-2025.defects.json'));
    const again = await writePopulation(dir.path('changes-2025.csv'), { kind: 'change', rows: 500, seed: '2025', defects, quotedNewlineRate: 0.004 });
    expect(again.file!.sha256).toBe(manifest.file!.sha256);
    expect(readFileSync(dir.path('changes-2025.csv.manifest.json'), 'utf8')).toBe(read('change/changes-2025.csv.manifest.json'));
  });
});

describe('good fixtures: mapped onto their kind, no deviation, every event in 2025', () => {
  const cases: [Kind, string, number][] = [
    ['change', 'change/good.csv', 20],
    ['change', 'change/edge.csv', 10],
    ['access_grant', 'access_grant/good.csv', 13],
    ['termination', 'termination/good.csv', 13],
    ['access_review', 'access_review/good.csv', 16],
    ['ticket', 'ticket/good.csv', 12],
    ['vulnerability', 'vulnerability/good.csv', 12],
  ];
  for (const [kind, path, count] of cases) {
    it(path, () => {
      const text = read(path);
      const headers = (parse(text, { bom: true, to_line: 1 }) as string[][])[0]!;
      const manifest = asManifest(kind, headers);
      expect(Object.keys(manifest.mapping).sort()).toEqual(modelOf(kind).columns.flatMap((c) => (c.field ? [c.field] : [])).sort());
      const { rows } = parsePopulation(text, manifest);
      expect(rows).toHaveLength(count);
      expect(new Set(rows.map((r) => r.key)).size).toBe(count);
      for (const r of rows) {
        expect(rowDeviations(r, manifest), `${path} ${r.key}`).toEqual([]);
        const at = r.time(kindSpec(kind).eventTime!);
        expect(at >= Date.UTC(2025, 0, 1) && at < Date.UTC(2026, 0, 1), `${r.key} in 2025`).toBe(true);
        for (const f of kindSpec(kind).fields.filter((x) => x.required)) expect(r.get(f.name), `${r.key} ${f.name}`).not.toBe('');
      }
    });
  }
  it('the HR list and the account list tie out to termination/good.csv', () => {
    const joined = parse(read('termination/good.csv'), { columns: true }) as Record<string, string>[];
    const hr = parse(read('termination/hr-terminations.csv'), { columns: true }) as Record<string, string>[];
    const accounts = parse(read('termination/accounts.csv'), { columns: true }) as Record<string, string>[];
    expect(hr.map((h) => h['Employee Number']).sort()).toEqual([...new Set(joined.map((j) => j['Employee Number']))].sort());
    expect(accounts.map((a) => `${a['Employee Number']}/${a['Account Name']}/${a['Date Disabled']}`).sort()).toEqual(joined.map((j) => `${j['Employee Number']}/${j['Account Name']}/${j['Date Disabled']}`).sort());
  });
});

describe('edge.csv', () => {
  const bytes = readFileSync(fixture('change/edge.csv'));
  const text = bytes.toString('utf8');
  it('has a BOM, CRLF line endings, no final line break, and the promised awkward cells', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Record terminators are CRLF; the only bare LFs are the 1 + 3 inside quoted cells of CHG0002004 and CHG0002008.
    expect((text.match(/(?<!\r)\n/g) ?? []).length).toBe(4);
    expect((text.match(/\r\n/g) ?? []).length).toBe(10 + 1);
    expect(text.split('\r\n')[0]).toBe('\uFEFFNumber,Type,Short Description,Requested By,Approved By,Approved On,Implemented By,Deployed On,Environment,Application,Test Evidence,Tested On,PIR Date,Ticket');
    expect(text.endsWith('\n')).toBe(false);
    const records = parse(text, { bom: true }) as string[][];
    expect(records.every((r) => r.length === 14)).toBe(true);
    const cells = records.slice(1).flat();
    expect(cells.some((c) => c.includes('\r\n'))).toBe(true);
    expect(cells.some((c) => /[^\r]\n/.test(c))).toBe(true);
    expect(cells.some((c) => c.includes('"') && c.includes(','))).toBe(true);
    expect(records.slice(1).every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(r[5]!))).toBe(true);
    expect(cells.filter((c) => c === '').length).toBeGreaterThan(10);
    expect(text).toContain(',"",""\r\n');
  });
});

describe('bad fixtures', () => {
  it('empty, header-only, binary and UTF-16 are what they say', () => {
    expect(statSync(fixture('bad/empty.csv')).size).toBe(0);
    expect(read('bad/header-only.csv').split('\n').filter(Boolean)).toHaveLength(1);
    const binary = readFileSync(fixture('bad/binary.bin'));
    expect(binary.length).toBe(2048);
    expect(binary.includes(0)).toBe(true);
    const u16 = readFileSync(fixture('bad/utf16.csv'));
    expect([u16[0], u16[1]]).toEqual([0xff, 0xfe]);
    const decoded = new TextDecoder('utf-16le').decode(u16.subarray(2));
    expect(decoded.startsWith('Number,Type,Short Description,')).toBe(true);
    expect(decoded).toContain('zoë.müller');
    expect((parse(decoded) as string[][]).length).toBe(6);
  });
  it('unclosed-quote and ragged fail a strict parse; ragged rows have the documented widths', () => {
    expect(() => parse(read('bad/unclosed-quote.csv'))).toThrow(/Quote Not Closed/i);
    expect(() => parse(read('bad/ragged.csv'))).toThrow();
    expect((parse(read('bad/ragged.csv'), { relax_column_count: true }) as string[][]).map((r) => r.length)).toEqual([14, 14, 10, 14, 16, 14, 13]);
  });
  it('header problems: duplicate, blank, and a missing required field', () => {
    const header = (p: string) => (parse(read(p), { to_line: 1 }) as string[][])[0]!;
    const dup = header('bad/duplicate-headers.csv');
    expect(dup.filter((h) => h === 'Approved By')).toHaveLength(2);
    expect(header('bad/blank-header.csv').map((h, i) => (h.trim() === '' ? i + 1 : 0)).filter(Boolean)).toEqual([3, 9]);
    let code = '';
    try {
      mapColumns(kindSpec('change'), header('bad/missing-required.csv'));
    } catch (err) {
      code = (err as TickmarkError).code;
    }
    expect(code).toBe('TM_ERR_MISSING_FIELD');
  });
  it('semicolon.csv parses evenly with ";" and raggedly with ","', () => {
    const semi = parse(read('bad/semicolon.csv'), { delimiter: ';' }) as string[][];
    expect(semi.every((r) => r.length === 14)).toBe(true);
    expect(semi.slice(1).every((r) => r[2]!.includes(','))).toBe(true);
    const comma = parse(read('bad/semicolon.csv'), { relax_column_count: true }) as string[][];
    expect(new Set(comma.map((r) => r.length)).size).toBeGreaterThan(2);
  });
  it('bad-dates.csv holds ambiguous slash dates and unparseable values', () => {
    const rows = parse(read('bad/bad-dates.csv'), { columns: true }) as Record<string, string>[];
    const deployed = rows.map((r) => r['Deployed On']);
    expect(deployed).toContain('03/04/2025');
    expect(deployed).toContain('not a date');
    expect(deployed).toContain('2025-02-30T10:00:00Z');
    expect(deployed.filter((d) => Number.isNaN(Date.parse(d!)) || /\//.test(d!)).length).toBeGreaterThanOrEqual(6);
  });
  it('hostile.csv cells start with every formula trigger', () => {
    const cells = (parse(read('bad/hostile.csv')) as string[][]).slice(1).flat();
    for (const start of ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3', '\t', '\r']) {
      expect(cells.some((c) => c.startsWith(start)), JSON.stringify(start)).toBe(true);
    }
  });
});

describe('size', () => {
  it('no fixture of ours is over 1 MB', () => {
    const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
    const ours = ['change', 'bad', 'access_grant', 'termination', 'access_review', 'ticket', 'vulnerability'].flatMap((d) => walk(join(root, d)));
    expect(ours.length).toBeGreaterThanOrEqual(24);
    for (const f of ours) expect(statSync(f).size, f).toBeLessThan(1_000_000);
  });
});
