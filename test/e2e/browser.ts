/**
 * Headless Chromium for the end-to-end tests: Debian's `/usr/bin/chromium` driven by
 * playwright-core (which cannot download a browser here), with a fresh profile and no background
 * networking. Without Chromium the tests are skipped — unless TICKMARK_REQUIRE_CHROMIUM=1 (CI),
 * which makes a missing browser a failure.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.TICKMARK_CHROMIUM ?? '/usr/bin/chromium';

export const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** True when the tests can run; throws when CI requires Chromium and it is missing. */
export function chromiumAvailable(): boolean {
  const found = existsSync(CHROMIUM);
  if (!found && process.env.TICKMARK_REQUIRE_CHROMIUM === '1') throw new Error(`TICKMARK_REQUIRE_CHROMIUM=1 but ${CHROMIUM} is missing (apt-get install -y chromium)`);
  return found;
}

export interface BrowserSession {
  browser: BrowserContext;
  close(): Promise<void>;
}

/** A persistent context over a fresh profile folder (removed on close), 1280×800, downloads allowed. */
export async function launch(viewport = { width: 1280, height: 800 }): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'tickmark-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport,
    acceptDownloads: true,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  return {
    browser: context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type { Browser };
