/// <reference lib="dom" />
/**
 * The whole dry-run in a real browser (headless Chromium): sign in, create an engagement, upload
 * the bundled change log, review and override a mapping, see completeness, pull a stratified
 * sample, tick a manual attribute and write up an exception (the evaluation changes), download the
 * workbook and verify it with the CLI, verify an edited copy in the app; then a token scoped to
 * the engagement, which cannot reach another one (through the app and the API). Every page is
 * checked with axe-core and photographed into out/screenshots/.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launch, type BrowserSession } from './browser.js';
import { PageChecks } from './page-checks.js';
import { startTestServer, type TestServer } from './server.js';

const CHANGES = 'fixtures/change/changes-2025.csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const run = promisify(execFile);
/** Wait for what the page shows to settle on the expected value (Playwright-style retrying assertions). */
const until = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 50 });

describe.runIf(chromiumAvailable())('the web app, end to end in Chromium', { timeout: 60_000 }, () => {
  let server: TestServer;
  let session: BrowserSession;
  let page: Page;
  let checks: PageChecks;
  const scratch = mkdtempSync(join(tmpdir(), 'tickmark-e2e-files-'));
  const state: { engagementId?: string | undefined; populationId?: string | undefined; pullId?: string | undefined; workbook?: string; scoped?: string } = {};

  /** The page passes axe (no serious or critical violation) and is photographed. */
  async function review(name: string) {
    expect(await checks.axe(name), `axe on ${name}`).toEqual([]);
    await checks.screenshot(name);
  }

  beforeAll(async () => {
    server = await startTestServer();
    session = await launch();
    page = session.browser.pages()[0] ?? (await session.browser.newPage());
    page.setDefaultTimeout(20_000);
    checks = new PageChecks(page);
  });

  afterAll(async () => {
    checks?.writeReport();
    await session?.close();
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('signs in with an API token', async () => {
    await page.goto(`${server.url}/`);
    await checks.watchCsp();
    await review('sign-in');
    await page.getByLabel('API token').fill('tmk_not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await until(() => page.getByRole('alert').innerText()).toContain('TM_ERR_UNAUTHORIZED');
    await page.getByLabel('API token').fill(server.admin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Engagements', level: 1 }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('tickmark.token'))).toBe(server.admin);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
  });

  it('creates an engagement', async () => {
    await page.getByRole('button', { name: 'New engagement' }).click();
    await page.getByLabel('Client').fill('Acme Corp');
    await page.getByLabel('Engagement', { exact: true }).fill('SOC 2 Type 2 FY2025');
    await page.getByLabel('Period start').fill('2025-01-01');
    await page.getByLabel('Period end').fill('2025-12-31');
    await page.getByLabel('Time zone').fill('UTC');
    await review('new-engagement');
    await page.getByRole('button', { name: 'Create engagement' }).click();
    await page.getByRole('heading', { name: /Acme Corp/, level: 1 }).waitFor();
    state.engagementId = /#\/engagements\/([\w-]+)/.exec(page.url())![1];
    await page.getByText('2025-01-01 to 2025-12-31').waitFor({ state: 'visible' });
  });

  it('uploads the change log with progress, and shows its fingerprint as a CPA cites it', async () => {
    await page.getByLabel('Population file').setInputFiles(CHANGES);
    await page.getByLabel('Kind').selectOption('change');
    await review('engagement');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('heading', { name: 'Mapping review' }).waitFor();
    const sha256 = createHash('sha256').update(readFileSync(CHANGES)).digest('hex');
    await until(() => page.locator('.citation').innerText()).toContain(`changes-2025.csv · SHA-256 ${sha256} · 97,535 bytes · 500 rows (500 accepted, 0 malformed) · encoding utf-8`);
    await until(() => page.getByLabel('Column for deployed_at').inputValue()).toBe('Deployed On');
    // The typed preview: record 1's deployment, typed, with the file's own text beneath.
    await until(() => page.getByRole('region', { name: 'Typed preview of the first rows' }).innerText()).toContain('2024-12-18 17:26:44');
    await review('population-mapping');
  });

  it('overrides one mapping and re-ingests from the stored file into a new population', async () => {
    const before = page.url();
    await page.getByLabel('Column for system').selectOption('Environment');
    await page.getByText('changed from Application').waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Re-ingest with 1 change' }).click();
    await page.waitForURL((u) => u.href !== before && /#\/populations\//.test(u.href));
    await until(() => page.getByLabel('Column for system').inputValue()).toBe('Environment');
    state.populationId = /#\/populations\/([\w-]+)/.exec(page.url())![1];
    expect(page.url()).not.toBe(before);
  });

  it('checks completeness: each check with its status and evidence, the chart, drill-down and downloads', async () => {
    await page.getByRole('button', { name: 'Check completeness' }).click();
    await page.getByRole('heading', { name: /Completeness/, level: 1 }).waitFor();
    const outOfPeriod = page.locator('li.check', { hasText: 'Rows outside the period' });
    await until(() => outOfPeriod.innerText()).toContain('Fail');
    await until(() => outOfPeriod.innerText()).toContain('2 before, 2 after, 1 blank');
    await outOfPeriod.getByRole('button', { name: /Show the rows/ }).click();
    await until(() => outOfPeriod.getByRole('region', { name: /Source rows/ }).innerText()).toContain('CHG0000001');
    const density = page.locator('li.check', { hasText: 'Empty and low periods' });
    await density.locator(':scope > details > summary').click();
    await density.getByRole('img', { name: /Events per month/ }).waitFor({ state: 'visible' });
    await density.getByRole('img', { name: /Events per ISO week/ }).waitFor({ state: 'visible' });
    const download = page.waitForEvent('download');
    await outOfPeriod.getByRole('button', { name: 'Download evidence: Rows outside the period (CSV)' }).click();
    const csv = await download;
    const path = join(scratch, csv.suggestedFilename());
    await csv.saveAs(path);
    expect(readFileSync(path, 'utf8').split('\n')[0]).toBe('record,line,key,reason,value,at');
    await review('completeness');
  });

  it('shows the planned size live, then pulls a stratified sample as a job', async () => {
    await page.goto(`${server.url}/#/populations/${state.populationId}/pull`);
    await page.getByRole('heading', { name: /New pull/ }).waitFor();
    await page.getByLabel('Control id').fill('CC8.1-01');
    await page.getByLabel('Control description').fill('Changes are approved before deployment');
    await until(() => page.getByLabel('Method').inputValue()).toBe('stratified');
    await page.getByLabel('Seed').fill('20251231');
    await page.getByLabel('A statistical plan').check();
    await until(() => page.getByRole('status').filter({ hasText: 'Planned size' }).innerText()).toContain('Planned size: 59');
    await page.getByLabel('Expected deviations').fill('1');
    await until(() => page.getByRole('status').filter({ hasText: 'Planned size' }).innerText()).toContain('Planned size: 93');
    await page.getByLabel('A size I set').check();
    await page.getByLabel('Sample size').fill('25');
    await until(() => page.getByRole('status').filter({ hasText: 'Planned size' }).innerText()).toContain('Planned size: 25');
    await review('new-pull');
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    await page.waitForURL(/#\/pulls\//);
    state.pullId = /#\/pulls\/([\w-]+)/.exec(page.url())![1];
    await page.getByRole('heading', { name: /CC8.1-01/, level: 1 }).waitFor();
    const items = page.getByRole('region', { name: 'Sample items' });
    await until(() => items.locator('tbody tr').count()).toBe(25);
    await until(() => page.getByRole('region', { name: 'Strata' }).locator('tbody tr').count()).toBe(12);
    await until(() => items.innerText()).toContain('2025-08'); // strata are months
    await review('pull');
  });

  it('ticks a manual attribute from the keyboard, writes up an exception, and the evaluation changes', async () => {
    await page.getByRole('link', { name: 'Test the items' }).click();
    await page.getByRole('grid', { name: 'Test matrix' }).waitFor();
    const conclusion = page.locator('.conclusion-sentence');
    await until(() => conclusion.innerText()).toContain('attribute H has 25 items to mark');
    // Item 1, attribute H (inspect): focus it, tick it with V.
    const grid = page.getByRole('grid', { name: 'Test matrix' });
    const h = await grid.locator('thead th').evaluateAll((ths) => ths.findIndex((th) => th.textContent?.startsWith('H')));
    await grid.locator('tbody tr').nth(0).locator('td').nth(h - 1).click();
    await page.keyboard.press('v');
    await until(() => page.getByRole('status').filter({ hasText: 'Saved as version' }).innerText()).toContain('Saved as version 1');
    await until(() => conclusion.innerText()).toContain('attribute H has 24 items to mark');
    // Down to item 2 and mark it N/A from the keyboard, then back up: the marks stay.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('n');
    await until(() => page.getByRole('status').filter({ hasText: 'Saved as version' }).innerText()).toContain('Saved as version 2');
    await until(() => conclusion.innerText()).toContain('attribute H has 23 items to mark');
    await until(() => grid.locator('tbody tr').nth(0).locator('td').nth(h - 1).innerText()).toContain('✓');
    // The item with an automated exception on B: its row, then its write-up.
    const row = grid.locator('tbody tr', { hasText: 'CHG0000041' });
    const b = await grid.locator('thead th').evaluateAll((ths) => ths.findIndex((th) => th.textContent?.startsWith('B')));
    await row.locator('td').nth(b - 1).click();
    const panel = page.locator('#item-panel');
    await until(() => panel.innerText()).toContain('CHG0000041');
    await until(() => panel.innerText()).toContain('after the deployment'); // the rule's reason
    await panel.getByLabel('Evidence reference').fill('CAB-2025-0128');
    await panel.getByLabel('Root cause (B)').fill('Emergency fix deployed before the CAB met');
    await panel.getByLabel('Management response (B)').fill('CAB approval is now enforced by the pipeline');
    await panel.getByLabel('Isolated').check();
    await panel.getByRole('button', { name: 'Save item' }).click();
    await until(() => page.getByRole('status').filter({ hasText: 'Saved as version' }).innerText()).toContain('Saved as version 3');
    await until(() => page.getByRole('region', { name: 'Result versions table' }).locator('tbody tr').count()).toBe(3);
    await review('testing');
  });

  it('downloads the workbook, which the CLI verifies as identical', async () => {
    await page.goto(`${server.url}/#/pulls/${state.pullId}`);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download workbook' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`CC8.1-01-${state.pullId}.xlsx`);
    state.workbook = join(scratch, 'downloaded.xlsx');
    await file.saveAs(state.workbook);
    const { stdout } = await run(process.execPath, ['bin/tickmark.js', 'verify', state.workbook, CHANGES, '--json', '--workers', '0', '--data-dir', join(scratch, 'cli')]);
    const verification = JSON.parse(stdout);
    expect(verification.identical).toBe(true);
    expect(verification.selection.identical).toBe(true);
    // The browser's entries are in the workbook's yellow cells, as verify reads them back.
    const entries: { sheet: string; value: string; entry: string }[] = verification.workbook.entries;
    expect(entries.find((e) => e.entry.startsWith('attribute H of item 1 '))).toMatchObject({ sheet: 'Test matrix', value: '✓' });
    expect(entries.find((e) => e.entry.startsWith('attribute H of item 2 '))).toMatchObject({ sheet: 'Test matrix', value: 'N/A' });
    expect(entries.find((e) => e.entry.startsWith('root cause of the exception on item ') && e.entry.endsWith('attribute B'))).toMatchObject({ sheet: 'Exceptions', value: 'Emergency fix deployed before the CAB met' });
  });

  it("brings a filled workbook's results in: a new version, and the evaluation on the pull page follows", async () => {
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(state.workbook!);
    const matrix = book.getWorksheet('Test matrix')!;
    let header = 0;
    matrix.eachRow((row, n) => {
      if (!header && row.getCell(1).value === '#') header = n;
    });
    let h = 0;
    matrix.getRow(header).eachCell((c, n) => {
      if (String(c.value).startsWith('H')) h = n;
    });
    matrix.getRow(header + 3).getCell(h).value = '✓'; // item 3, attribute H, ticked in "Excel"
    const filled = join(scratch, 'filled.xlsx');
    await book.xlsx.writeFile(filled);
    await page.getByLabel('Filled workbook', { exact: true }).setInputFiles(filled);
    await page.getByRole('button', { name: 'Bring results in' }).click();
    await until(() => page.getByRole('status').filter({ hasText: 'Stored as version' }).innerText()).toContain('Stored as version 4');
    await until(() => page.locator('.conclusion-sentence').innerText()).toContain('attribute H has 22 items to mark');
  });

  it('verifies the workbook in the app: identical as downloaded, each difference once edited', async () => {
    await page.getByLabel('Workbook to verify').setInputFiles(state.workbook!);
    await page.getByRole('button', { name: 'Verify workbook' }).click();
    await until(() => page.locator('.verification').innerText()).toContain('Identical');
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(state.workbook!);
    book.getWorksheet('Selection')!.eachRow((row) => {
      if (row.getCell(1).value === 'Seed') row.getCell(2).value = '20251232';
    });
    const edited = join(scratch, 'edited.xlsx');
    await book.xlsx.writeFile(edited);
    await page.getByLabel('Workbook to verify').setInputFiles({ name: 'edited.xlsx', mimeType: XLSX, buffer: readFileSync(edited) });
    await page.getByRole('button', { name: 'Verify workbook' }).click();
    await until(() => page.locator('.verification').innerText()).toContain('Different');
    await until(() => page.locator('.verification .differences').innerText()).toContain('20251232');
    await review('pull-verified');
  });

  it('extends the sample after a deviation: every earlier item kept, five added', async () => {
    await page.getByLabel('Extend to').fill('30');
    await page.getByRole('button', { name: 'Extend', exact: true }).click();
    await page.waitForURL(/#\/samples\//);
    const items = page.getByRole('region', { name: 'Sample items' });
    await until(() => items.locator('tbody tr').count()).toBe(30);
    await until(() => items.locator('tbody tr', { hasText: 'added by extension' }).count()).toBe(5);
    await until(() => items.locator('tbody tr').nth(0).innerText()).toContain('CHG0000317');
    await review('extended-sample');
  });

  it('mints a token for the engagement on the admin page', async () => {
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Admin', level: 1 }).waitFor();
    await page.getByLabel('For engagement').selectOption(state.engagementId!);
    await page.getByLabel('Label').fill('acme-consultant');
    await page.getByRole('button', { name: 'Create token' }).click();
    state.scoped = (await page.locator('code.secret').textContent())!.trim();
    expect(state.scoped).toMatch(/^tmk_/);
    await review('admin');
  });

  it("keeps a scoped token's session to its engagement: through the app and through the API", async () => {
    const other = await page.evaluate(async (admin) => {
      const res = await fetch('/v1/engagements', { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ client: 'Globex', period: { start: '2025-01-01', end: '2025-12-31' } }) });
      return (await res.json()).engagement.id as string;
    }, server.admin);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API token').fill(state.scoped!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Engagements', level: 1 }).waitFor();
    const list = page.getByRole('region', { name: 'Engagements' });
    await until(() => list.locator('tbody tr').count()).toBe(1);
    await until(() => list.innerText()).toContain('Acme Corp');
    await until(() => page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await until(() => page.getByRole('button', { name: 'New engagement' }).count()).toBe(0);
    await page.goto(`${server.url}/#/engagements/${other}`);
    await until(() => page.getByRole('alert').innerText()).toContain('TM_ERR_NOT_FOUND');
    const api = await page.evaluate(async ({ token, other, pull }) => {
      const get = async (url: string) => (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status;
      return { other: await get(`/v1/engagements/${other}`), otherPopulations: await get(`/v1/engagements/${other}/populations`), own: await get(`/v1/pulls/${pull}`), tokens: await get('/v1/tokens') };
    }, { token: state.scoped!, other, pull: state.pullId! });
    expect(api).toEqual({ other: 404, otherPopulations: 404, own: 200, tokens: 403 });
    await page.goto(`${server.url}/#/engagements/${state.engagementId}/audit`);
    const log = page.getByRole('region', { name: 'Audit log entries' });
    await until(() => log.innerText()).toContain('pull.create');
    await until(() => log.innerText()).toContain('results.create');
    await review('audit-log');
  });

  it('works in a narrow window: no sideways scrolling of the page', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of [`/engagements/${state.engagementId}`, `/pulls/${state.pullId}`]) {
      await page.goto(`${server.url}/#${path}`);
      await page.locator('h1').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), path).toBeLessThanOrEqual(0);
    }
    await checks.screenshot('narrow-pull');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('serves the API reference at /docs without a token, from this origin', async () => {
    await page.goto(`${server.url}/docs`);
    await checks.watchCsp();
    await page.getByText('tickmark').first().waitFor();
    await page.locator('.opblock-summary-path').first().waitFor({ state: 'visible' });
    await until(() => page.locator('.opblock-summary-path').count()).toBeGreaterThan(30);
    await review('api-reference');
  });

  it('met no console error and no Content-Security-Policy violation', async () => {
    expect(await checks.cspViolations()).toEqual([]);
    expect(checks.problems).toEqual([]);
  });
});
