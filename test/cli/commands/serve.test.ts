/**
 * `tickmark serve --sql-sources FILE`: the PostgreSQL sources a service may pull in place come
 * from a file its owner alone may read; a looser file is refused before anything starts, and
 * the file's names and URLs are checked as the server's own option is.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqlSourcesFile } from '../../../src/cli/commands/serve.js';
import { runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/tmp.js';

function sourcesFile(content: unknown, mode: number): string {
  const path = join(tempDir('tickmark-serve-'), 'sources.json');
  writeFileSync(path, JSON.stringify(content));
  chmodSync(path, mode);
  return path;
}

describe('serve --sql-sources', () => {
  it('reads the sources of a file only its owner may read', () => {
    const sources = { warehouse: 'postgres://auditor@db.internal/wh?table=public.changes' };
    expect(sqlSourcesFile(sourcesFile(sources, 0o600))).toEqual(sources);
  });

  it.each([0o640, 0o604, 0o644])('refuses a file its group or others may read (mode %o), naming the fix', async (mode) => {
    const path = sourcesFile({ warehouse: 'postgres://auditor:secret@db/wh' }, mode);
    const { code, err } = await runCli(['serve', '--port', '0', '--data-dir', tempDir('tickmark-serve-data-'), '--sql-sources', path]);
    expect(code).toBe(2);
    expect(err).toContain('--sql-sources');
    expect(err).toContain('chmod 600');
    expect(err).toContain(`mode ${mode.toString(8)}`);
  });

  it("hands the file to the server's own check: a source that is not a postgres:// URL is refused by name, its password hidden", async () => {
    const path = sourcesFile({ warehouse: 'mysql://auditor:secret@db/wh' }, 0o600);
    const { code, err } = await runCli(['serve', '--port', '0', '--data-dir', tempDir('tickmark-serve-data-'), '--sql-sources', path]);
    expect(code).toBe(2);
    expect(err).toContain('sqlSources.warehouse');
    expect(err).not.toContain('secret');
  });

  it('names a missing file', async () => {
    const { code, err } = await runCli(['serve', '--port', '0', '--sql-sources', '/nonexistent/sources.json']);
    expect(code).not.toBe(0);
    expect(err).toContain('/nonexistent/sources.json');
  });
});
