/**
 * tickmark as a dependency: the packed tarball installs into an empty project (its own
 * dependencies resolved from the registry, arquero's flechette pinned through tickmark's own
 * dependency), type-checks in TypeScript with `skipLibCheck: false`, and a program importing
 * `pull` and `verifyWorkbook` from 'tickmark' writes a workbook and verifies it.
 * Slow (an npm install that compiles better-sqlite3): `npm run test:package`, run by CI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';

const ROOT = resolve('.');
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });

const PROGRAM = `import { closePools, openStore, pull, verifyWorkbook, type PullRequest, type WorkbookVerification } from 'tickmark';

const request: PullRequest = {
  file: 'changes.csv', ingest: { kind: 'change' }, period: '2025-01-01..2025-12-31',
  sample: { seed: '20251231', size: 25, method: 'stratified' },
  workbook: { control: { id: 'CC8.1-01', description: 'Changes are approved before deployment' } },
  output: 'CC8.1.xlsx',
};
const store = openStore({ dataDir: 'data' });
const result = await pull(store, request, { workers: 0 });
const verified: WorkbookVerification = await verifyWorkbook(store, 'CC8.1.xlsx', 'changes.csv', { workers: 0 });
store.close();
await closePools();
console.log(JSON.stringify({ selectionSha256: result.sample.manifest.selectionSha256, items: result.sample.selection.items.length, identical: verified.identical }));
`;

describe.runIf(process.env.TICKMARK_PACKAGE === '1')('tickmark installed from its packed tarball', () => {
  it('installs, type-checks with skipLibCheck false, pulls and verifies', () => {
    const dir = tempDir('tickmark-consumer-');
    const packed = npm(['pack', '--ignore-scripts', '--pack-destination', dir, '--json'], ROOT);
    const tarball = join(dir, (JSON.parse(packed) as { filename: string }[])[0]!.filename);
    expect(existsSync(tarball)).toBe(true);
    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { tickmark: `file:${tarball}` }, devDependencies: { typescript: '~5.9', '@types/node': '^20.19.0' } }, null, 2));
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, types: ['node'], outDir: 'out' }, include: ['main.ts'] }, null, 2));
    writeFileSync(join(app, 'main.ts'), PROGRAM);
    copyFileSync(join(ROOT, 'fixtures/change/changes-2025.csv'), join(app, 'changes.csv'));
    npm(['install', '--no-audit', '--no-fund'], app);
    // arquero's flechette is the pinned one (2.7 needs a package the registry does not have).
    const flechette = JSON.parse(execFileSync('node', ['-p', "JSON.stringify(require('@uwdata/flechette/package.json').version)"], { cwd: app, encoding: 'utf8' }));
    expect(flechette).toBe('2.6.0');
    const tsc = spawnSync(join(app, 'node_modules/.bin/tsc'), ['-p', '.'], { cwd: app, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(readdirSync(join(app, 'out'))).toContain('main.js');
    const printed = JSON.parse(execFileSync('node', ['out/main.js'], { cwd: app, encoding: 'utf8' }).trim().split('\n').at(-1)!);
    expect(printed).toMatchObject({ items: 25, identical: true });
    expect(printed.selectionSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(join(app, 'CC8.1.xlsx'))).toBe(true);
    // The arquero tables live on their own subpath (the root's typings never load arquero's).
    const tables = execFileSync('node', ['--input-type=module', '-e', "const t = await import('tickmark/tables'); console.log(Object.keys(t).sort().join(' '))"], { cwd: app, encoding: 'utf8' });
    expect(tables.trim()).toBe('findingsTable populationArrow populationColumnNames populationTable sampleTable');
  });
});
