/**
 * The whole flow over real HTTP at scale (test/server/e2e-flow.ts): a 200,000-row multipart upload,
 * completeness, a stratified sample equal to the library's, tests, the workbook, verify, and 20
 * concurrent sample requests agreeing. `npm run test:scale` (TICKMARK_SCALE=1).
 */
import { describe, it } from 'vitest';
import { endToEnd } from '../server/e2e-flow.js';

describe.runIf(process.env.TICKMARK_SCALE)('end to end over HTTP: 200,000 rows', () => {
  it('upload → completeness → stratified sample → tests → workbook → verify; 20 concurrent pulls agree', () => endToEnd(200_000, 20), 600_000);
});
