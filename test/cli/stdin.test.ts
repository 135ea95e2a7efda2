/**
 * `-` reads the population from standard input: a fixture piped into the built CLI is the same
 * population (same SHA-256, rows and mapping) as the file, recorded with the source name `stdin`;
 * `pull -` writes its workbook from it; an empty pipe is the empty-file error. Needs the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';

const BIN = join(process.cwd(), 'bin/tickmark.js');
const SERVICENOW = join(process.cwd(), 'fixtures/sources/servicenow-change/change_request.csv');

function tickmark(args: string[], input: Buffer | string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('- for standard input', () => {
  it('ingests a piped export as the same population as its file, named stdin', () => {
    const data = tempDir();
    const bytes = readFileSync(SERVICENOW); // every field quoted, CRLF, multi-line text
    const piped = tickmark(['ingest', '-', '--data-dir', data, '--workers', '0', '--json'], bytes);
    expect(piped.code, piped.err).toBe(0);
    const fromPipe = JSON.parse(piped.out);
    const file = tickmark(['ingest', SERVICENOW, '--data-dir', data, '--workers', '0', '--json'], '');
    const fromFile = JSON.parse(file.out);
    expect(fromPipe.source).toBe('stdin');
    expect(fromPipe.profile.id).toBe('servicenow-change');
    expect(fromPipe.sha256).toBe(fromFile.sha256);
    expect(fromPipe.bytes).toBe(bytes.length);
    expect(fromPipe.rows).toEqual(fromFile.rows);
    expect(fromPipe.mapping).toEqual(fromFile.mapping);
    expect(fromFile.id).toBe(fromPipe.id); // the same bytes and options are the same population
  });

  it('pulls a workbook from standard input, and names an empty pipe', () => {
    const dir = tempDir();
    const out = join(dir, 'stdin.xlsx');
    const csv = readFileSync(join(process.cwd(), 'fixtures/change/changes-2025.csv'));
    const pulled = tickmark(['pull', '-', '--kind', 'change', '--period', '2025-01-01..2025-12-31', '--seed', '7', '--size', '5', '-o', out, '--data-dir', join(dir, 'data'), '--workers', '0', '--json'], csv);
    expect(pulled.code, pulled.err).toBe(0);
    expect(JSON.parse(pulled.out).population).toMatchObject({ rows: { total: 500, accepted: 500 } });
    expect(existsSync(out)).toBe(true);
    const empty = tickmark(['ingest', '-', '--kind', 'change', '--data-dir', join(dir, 'data')], '');
    expect(empty.code).toBe(3);
    expect(empty.err).toContain('TM_ERR_EMPTY_FILE');
  });
});
