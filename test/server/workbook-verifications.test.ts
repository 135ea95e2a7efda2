/**
 * The upload side of workbook verification: scope, media type and availability are checked
 * before the body is read. Until src/operations/verify-workbook.ts is in the build, the route
 * answers 503 TM_ERR_UNAVAILABLE naming the function it needs.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../../src/server/upload/content-type.js';
import { bearer, changeCsv, json, tmpEntries, uploadCsv, world, xlsxOf } from './helpers.js';

const built = existsSync(fileURLToPath(new URL('../../dist/src/operations/verify-workbook.js', import.meta.url)));
const setup = (async () => {
  const w = await world();
  const pop = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, changeCsv(20))).population;
  return { ...w, pop };
})();

describe('POST /v1/populations/:id/workbook-verifications', () => {
  it("refuses another engagement's population as missing (404) and a body that is not XLSX (415)", async () => {
    const w = await setup;
    const body = await xlsxOf(changeCsv(3));
    const other = await w.app.inject({ method: 'POST', url: `/v1/populations/${w.pop.id}/workbook-verifications`, headers: { ...bearer(w.b.secret), 'content-type': XLSX_MIME }, payload: body });
    expect(other.statusCode).toBe(404);
    const csv = await w.app.inject({ method: 'POST', url: `/v1/populations/${w.pop.id}/workbook-verifications`, headers: { ...bearer(w.a.secret), 'content-type': 'text/csv' }, payload: 'a,b\n' });
    expect(csv.statusCode).toBe(415);
    expect(json(csv).code).toBe('TM_ERR_UNSUPPORTED_MEDIA');
  });

  it.runIf(!built)('answers 503 naming the library function it waits for, before reading the body, and keeps nothing', async () => {
    const w = await setup;
    const res = await w.app.inject({ method: 'POST', url: `/v1/populations/${w.pop.id}/workbook-verifications`, headers: { ...bearer(w.a.secret), 'content-type': XLSX_MIME }, payload: await xlsxOf(changeCsv(3)) });
    expect(res.statusCode).toBe(503);
    expect(json(res)).toMatchObject({ code: 'TM_ERR_UNAVAILABLE' });
    expect(json(res).message).toMatch(/verify-workbook/);
    expect(tmpEntries(w.dataDir)).toEqual([]);
  });
});
