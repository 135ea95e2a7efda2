/// <reference lib="dom" />
/**
 * What every page of the e2e run is held to, and what it leaves for a reviewer: an axe-core
 * accessibility check (no serious or critical violation; every finding written to a report), a
 * screenshot at the test's viewport (1280×800) and of the whole page, and no console error or
 * Content-Security-Policy violation along the way.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOTS = join(process.cwd(), 'out', 'screenshots');

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  page: string;
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

export class PageChecks {
  readonly findings: AxeFinding[] = [];
  readonly problems: string[] = [];
  private shot = 0;

  constructor(readonly page: Page) {
    rmSync(SCREENSHOTS, { recursive: true, force: true }); // this run's pictures only
    mkdirSync(SCREENSHOTS, { recursive: true });
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of (4\d\d)/.test(m.text())) this.problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.problems.push(`page error: ${e.message}`));
  }

  /** Listen for CSP violations in the current document (call after each navigation that loads a document). */
  async watchCsp(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __csp?: string[] };
      if (w.__csp) return;
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp!.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  }

  async cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  }

  /** axe-core on the page as it is now: the serious and critical violations (all findings are kept). */
  async axe(name: string): Promise<AxeFinding[]> {
    // Evaluated through the DevTools protocol, so the page's CSP (no inline script) does not apply.
    await this.page.evaluate(axeSource);
    const violations = await this.page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    });
    const found = violations.map((v) => ({ page: name, ...v }));
    this.findings.push(...found);
    return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  /** Screenshots of the viewport and of the whole page, numbered in the order taken. */
  async screenshot(name: string): Promise<void> {
    const n = String(++this.shot).padStart(2, '0');
    await this.page.screenshot({ path: join(SCREENSHOTS, `${n}-${name}.png`) });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${n}-${name}-full.png`), fullPage: true });
  }

  /** The axe findings of the run, for the reviewer. */
  writeReport(): void {
    writeFileSync(join(SCREENSHOTS, 'axe-report.json'), JSON.stringify(this.findings, null, 2));
  }
}
