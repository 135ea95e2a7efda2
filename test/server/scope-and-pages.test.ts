/**
 * Another engagement's result answers exactly like a missing id, and structurally so: the 404
 * path never reads a stored body or a page of a list (a counter on the store's reads). Large
 * lists are served a page at a time; every list is paginated by cursor.
 */
import { describe, expect, it } from 'vitest';
import { drawSample } from '../../src/operations/index.js';
import { PART_PAGE } from '../../src/store/artefact-parts.js';
import { bearer, changeCsv, json, uploadCsv, world } from './helpers.js';

const setup = (async () => {
  const w = await world();
  const pop = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, changeCsv(2600))).population;
  // A sample larger than a page of the catalog and than what a result shows inline.
  const big = await drawSample(w.store, pop.id, { seed: 'big', size: 2500 }, { engagementId: w.a.engagement.id, workers: 0 });
  return { ...w, pop, big };
})();

describe('the scope check reads no stored result', () => {
  it.each([
    ['/v1/samples/ID', 'sample'],
    ['/v1/samples/ID/items', 'sample'],
    ['/v1/samples/ID/manifest-items', 'sample'],
    ['/v1/samples/ID/workbook', 'sample'],
    ['/v1/samples/ID/export?format=json', 'sample'],
  ])("B asking for A's large sample at %s gets the missing-id answer, and no body or page was read", async (path, what) => {
    const w = await setup;
    const url = path.replace('ID', w.big.id);
    const reads = { ...w.store.reads };
    const other = await w.app.inject({ method: 'GET', url, headers: bearer(w.b.secret) });
    expect(w.store.reads).toEqual(reads);
    const missing = await w.app.inject({ method: 'GET', url: path.replace('ID', 'samp_doesnotexist'), headers: bearer(w.b.secret) });
    expect(other.statusCode).toBe(404);
    expect(json(other)).toEqual({ ...json(missing), message: json(missing).message.replace('samp_doesnotexist', w.big.id), details: { what, id: w.big.id } });
  });

  it('a sample id used as another type reads no body either', async () => {
    const w = await setup;
    const reads = { ...w.store.reads };
    expect((await w.app.inject({ method: 'GET', url: `/v1/test-runs/${w.big.id}`, headers: bearer(w.a.secret) })).statusCode).toBe(404);
    expect(w.store.reads).toEqual(reads);
  });
});

describe('large lists a page at a time', () => {
  it('stores the items in pages apart from the row and gives the library the whole sample back', async () => {
    const w = await setup;
    const rows = w.store.catalog.prepare("SELECT page, items FROM artefact_parts WHERE artefact_id = ? AND path = 'selection.items' ORDER BY page").all(w.big.id) as { page: number; items: number }[];
    expect(rows).toEqual(Array.from({ length: Math.ceil(2500 / PART_PAGE) }, (_, page) => ({ page, items: Math.min(PART_PAGE, 2500 - page * PART_PAGE) })));
    expect(w.store.artefact<{ selection: { items: unknown[] } }>(w.big.id)!.body.selection.items).toEqual(w.big.selection.items);
  });

  it('GET /samples/:id shows the first 100 items and links the rest; the pages join to the whole selection', async () => {
    const w = await setup;
    const { sample } = json(await w.app.inject({ method: 'GET', url: `/v1/samples/${w.big.id}`, headers: bearer(w.a.secret) }));
    expect(sample.selection.items).toEqual(w.big.selection.items.slice(0, 100));
    expect(sample.manifest.items).toEqual(w.big.manifest.items.slice(0, 100));
    expect(sample.pages['selection.items']).toMatchObject({ total: 2500, returned: 100, next: expect.stringMatching(/^\/v1\/samples\/.+\/items\?cursor=.+&limit=400$/) });
    const all = [...sample.selection.items];
    let next: string | null = sample.pages['selection.items'].next;
    while (next) {
      const page = json(await w.app.inject({ method: 'GET', url: next.replace(/limit=\d+/, 'limit=700'), headers: bearer(w.a.secret) }));
      expect(page.total).toBe(2500);
      all.push(...page.items);
      next = page.nextCursor ? `/v1/samples/${w.big.id}/items?cursor=${page.nextCursor}&limit=700` : null;
    }
    expect(all).toEqual(w.big.selection.items);
    // Pages that cover whole stored pages and pages that cut into them give the same entries.
    const aligned = json(await w.app.inject({ method: 'GET', url: `/v1/samples/${w.big.id}/items`, headers: bearer(w.a.secret) }));
    expect(aligned.items).toEqual(w.big.selection.items.slice(0, PART_PAGE));
    const manifestItems = json(await w.app.inject({ method: 'GET', url: `/v1/samples/${w.big.id}/manifest-items?limit=3`, headers: bearer(w.a.secret) }));
    expect(manifestItems).toMatchObject({ items: w.big.manifest.items.slice(0, 3), total: 2500 });
  });

  it('lists pages by cursor with no repeats: engagements, populations, samples, audit log', async () => {
    const w = await setup;
    for (let i = 0; i < 3; i++) await drawSample(w.store, w.pop.id, { seed: `s${i}`, size: 3 }, { engagementId: w.a.engagement.id, workers: 0 });
    const walk = async (url: string, name: string, secret: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = json(await w.app.inject({ method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: bearer(secret) }));
        expect(page[name].length).toBeLessThanOrEqual(2);
        seen.push(...page[name].map((x: { id?: string; seq?: number }) => String(x.id ?? x.seq)));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    const samples = await walk(`/v1/populations/${w.pop.id}/samples`, 'samples', w.a.secret);
    expect(samples).toHaveLength(4);
    expect(new Set(samples).size).toBe(4);
    expect(samples[0]).toBe(w.big.id);
    expect(await walk('/v1/engagements', 'engagements', w.admin)).toEqual([w.a.engagement.id, w.b.engagement.id]);
    expect(await walk(`/v1/engagements/${w.a.engagement.id}/populations`, 'populations', w.a.secret)).toEqual([w.pop.id]);
    const audit = await walk('/v1/audit-log?x=1'.replace('?x=1', ''), 'entries', w.admin);
    expect(audit.map(Number)).toEqual([...audit.map(Number)].sort((a, b) => b - a));
    expect(new Set(audit).size).toBe(audit.length);
    const engagementLog = await walk(`/v1/engagements/${w.a.engagement.id}/audit-log`, 'entries', w.a.secret);
    expect(engagementLog.length).toBeGreaterThan(2);
    expect(engagementLog.map(Number)).toEqual([...engagementLog.map(Number)].sort((a, b) => b - a));
    expect(new Set(engagementLog).size).toBe(engagementLog.length);
    const bad = await w.app.inject({ method: 'GET', url: '/v1/engagements?cursor=notacursor', headers: bearer(w.admin) });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).code).toBe('TM_ERR_INVALID_OPTION');
  });
});
