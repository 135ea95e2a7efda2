import { describe, expect, it } from 'vitest';
import { tempDir, tempStore } from '../helpers/tmp.js';
import { expectDefectsFound, generateChangeLog } from './defects-found.js';

describe('a generated population with injected defects (10,000 rows)', () => {
  const dir = tempDir();
  it('is found exactly by completeness and 100% testing, with 1 and 2 workers', async () => {
    const { file, manifest } = await generateChangeLog(dir, 10_000, 11);
    const one = await expectDefectsFound(tempStore(), file, manifest, 1);
    const two = await expectDefectsFound(tempStore(), file, manifest, 2);
    expect(two.run.findings).toEqual(one.run.findings);
    expect(two.report.checks).toEqual(one.report.checks);
  });
});
