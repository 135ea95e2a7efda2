/**
 * The whole flow over real HTTP on a few thousand rows (test/server/e2e-flow.ts): upload,
 * completeness, a stratified sample equal to the library's, tests, the workbook, verify, and
 * concurrent requests agreeing. The 200,000-row run is in the scale suite.
 */
import { describe, it } from 'vitest';
import { endToEnd } from './e2e-flow.js';

describe('end to end over HTTP: 3,000 rows', () => {
  it('upload → completeness → stratified sample → tests → workbook → verify; 4 concurrent pulls agree', () => endToEnd(3_000, 4), 120_000);
});
