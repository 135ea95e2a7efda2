/**
 * Rows of a stored population, read from its chunk files (only the chunks holding them): each
 * row's raw source text by header and its typed canonical fields — timestamps as UTC epoch ms,
 * numbers, booleans as 1/0, null when blank or invalid. For a mapping review's typed preview and
 * for drilling into the rows a completeness check names.
 *
 * @example
 * GET /v1/populations/pop_…/rows?from=1&limit=10 → { rows: [{ record: 1, values: { Number: 'CHG0000001', … }, fields: { deployed_at: 1734542804000, … } }, …] }
 * GET /v1/populations/pop_…/rows?records=307,394
 */
import type { FastifyInstance } from 'fastify';
import { tickmarkError } from '../../errors.js';
import { loadSampledRows } from '../../operations/sampled-rows.js';
import { tokenOf } from '../auth/authenticate.js';
import { visiblePopulation } from '../auth/scope.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { rowsQuery, rowsResponse } from '../schemas/rows.js';

/** Most rows one request reads. */
export const MAX_ROWS = 200;

/** The record numbers a query asks for: an explicit list, or a range from `from`. */
export function wantedRecords(query: { from?: number; limit?: number; records?: string }, total: number): number[] {
  if (query.records !== undefined) {
    const records = query.records.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
    if (!records.every((r) => Number.isSafeInteger(r) && r >= 1)) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'records', expected: 'must be record numbers (1, 2, …) separated by commas', got: query.records });
    if (records.length > MAX_ROWS) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'records', expected: `must name at most ${MAX_ROWS} records`, got: records.length });
    return [...new Set(records)].filter((r) => r <= total);
  }
  const from = query.from ?? 1;
  const limit = query.limit ?? 20;
  const out: number[] = [];
  for (let r = from; r < from + limit && r <= total; r++) out.push(r);
  return out;
}

export async function populationRowRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.tickmark;

  app.get<{ Params: { populationId: string }; Querystring: { from?: number; limit?: number; records?: string } }>('/populations/:populationId/rows', {
    schema: {
      summary: 'Read rows of a population by record number: raw text and typed fields', tags: ['populations'],
      params: idParams('populationId'), querystring: rowsQuery, response: { 200: rowsResponse, ...errorResponses },
    },
  }, async (request) => {
    const meta = visiblePopulation(store, tokenOf(request), request.params.populationId);
    const records = wantedRecords(request.query, meta.rows.total);
    const rows = await loadSampledRows(store, meta, records);
    return { populationId: meta.id, total: meta.rows.total, rows };
  });
}
