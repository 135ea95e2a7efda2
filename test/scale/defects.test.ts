/** Scale suite (`npm run test:scale`, run by CI): the million-row cases. */
import { describe, expect, it } from 'vitest';
import { tempDir, tempStore } from '../helpers/tmp.js';
import { expectDefectsFound, generateChangeLog } from '../integration/defects-found.js';

describe.runIf(process.env.TICKMARK_SCALE)('a generated population with injected defects (1,000,000 rows)', () => {
  it('is found exactly by completeness and 100% testing, with 1 and 2 workers', async () => {
    // Made inside the test: a skipped suite runs no hooks, so a folder made here would stay.
    const { file, manifest } = await generateChangeLog(tempDir(), 1_000_000, 12);
    const one = await expectDefectsFound(tempStore(), file, manifest, 1);
    const two = await expectDefectsFound(tempStore(), file, manifest, 2);
    expect(two.run.findings).toEqual(one.run.findings);
    expect(two.report.checks).toEqual(one.report.checks);
  }, 1_800_000);
});
