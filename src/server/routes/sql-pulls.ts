/**
 * Sample in place over HTTP — the service's side of `tickmark sql` and of `tickmark pull` of a
 * population that lives in SQL:
 *
 * - `POST /v1/sql/statements`: the statements of a request for a dialect (and, for a stratified
 *   design given the strata result, the selection statements that follow). Nothing runs.
 * - `POST /v1/engagements/:id/sql-pulls`: a pull as a job, from the statements' results (run by
 *   the team on their engine, sent as each statement's rows) or on a PostgreSQL source the
 *   service was configured with (`sqlSources`): a request names the source, never a URL, a host
 *   or a query, so a client cannot make the service connect anywhere else. Bad requests, unknown
 *   sources and missing or mistyped results are refused before a job exists.
 * - `GET /v1/sql-pulls/:id` and `…/workbook`: what the pull found, and its workbook (the SQL
 *   that ran is its extraction recipe; `tickmark verify` reads it).
 *
 * @example
 * POST /v1/engagements/eng_…/sql-pulls {"source":{"results":{"request":{…request.json…},"results":{"profile":[…],…}}}} → 202 { job }
 * GET /v1/sql-pulls/sqlp_…/workbook → the .xlsx
 */
import { createHash } from 'node:crypto';
import { createReadStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { tickmarkError } from '../../errors.js';
import { kindSpec } from '../../population/kinds.js';
import { parsePeriod } from '../../period/period.js';
import { sqlPull, type SqlPullRequest, type SqlPullResult } from '../../operations/sql-pull.js';
import { checkResultSet, sqlPullFromResultSet, statementsOf } from '../../operations/sql-results-pull.js';
import { printStatement } from '../../sql/compile/statement.js';
import type { ResultRow } from '../../sql/engines/engine.js';
import type { SqlRequestFile } from '../../sql/results-dir.js';
import { newId } from '../../store/ids.js';
import { tokenOf } from '../auth/authenticate.js';
import { visibleEngagement, visibleSqlPull } from '../auth/scope.js';
import { submitJob } from '../jobs/submit.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { jobEnvelope } from '../schemas/job.js';
import { sqlPullBody, sqlPullViewSchema, sqlStatementsBody, sqlStatementsResponse } from '../schemas/sql-pull.js';
import { keepSqlPull, sqlPullWorkbookPath, type KeptResults, type KeptSqlPull } from '../sql-pulls/kept.js';
import { XLSX_MIME } from '../upload/content-type.js';
import { download, downloadResponses } from './download.js';

/** Where results sent in a request body are said to come from (recipe, errors). */
const BODY_RESULTS = 'the request body';

type Design = Pick<SqlPullRequest, 'period' | 'timeZone' | 'sample' | 'completeness'>;

interface SqlPullBody {
  source: { results: { request: SqlRequestFile; results: Record<string, ResultRow[]> } } | { connection: string; table?: string; recordColumn?: string; lineColumn?: string };
  population?: SqlPullRequest['population'];
  period?: string;
  timeZone?: string;
  sample?: Design['sample'];
  completeness?: Design['completeness'];
  tests?: { builtins?: boolean; params?: string[]; holidays?: string[] };
  workbook?: { control?: { id?: string; description?: string; tsc?: string; frequency?: string; procedure?: string }; extraction?: { system?: string; query?: string; extractedBy?: string; extractedAt?: string }; preparer?: string };
}

function recordOf(id: string, engagementId: string, source: KeptSqlPull['source'], result: SqlPullResult): KeptSqlPull {
  const { population: p, sample, completeness, evaluation, recipe } = result;
  return {
    id, engagementId, createdAt: new Date().toISOString(), source,
    engine: recipe.engine, dialect: recipe.dialect,
    population: { name: p.source.name, kind: p.kind, rows: p.rows.total, fingerprint: p.source.fingerprint ?? '', sha256: p.source.sha256 },
    sample: { method: sample.manifest.method, seed: sample.manifest.seed, n: sample.selection.items.length, eligible: sample.manifest.eligible, selectionSha256: sample.manifest.selectionSha256 },
    completeness: completeness.report.status,
    conclusion: evaluation.conclusion.sentence,
    warnings: result.warnings,
    statements: recipe.statements.map((s) => s.name),
    sqlSha256: createHash('sha256').update(recipe.sql, 'utf8').digest('hex'),
  };
}

export async function sqlPullRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.tickmark;
  const { store } = ctx;

  app.post<{ Body: { request: SqlRequestFile; results?: { strata?: ResultRow[] } } }>('/sql/statements', {
    schema: { summary: 'The SQL statements of a pull for a dialect (nothing runs): run them where the population lives, then send their results to /v1/engagements/:id/sql-pulls', tags: ['sql'], body: sqlStatementsBody, response: { 200: sqlStatementsResponse, ...errorResponses } },
  }, async (request) => {
    const { statements, waitingFor } = statementsOf(request.body.request, request.body.results?.strata);
    return { statements: statements.map((s) => ({ name: s.name, sql: printStatement(s) })), waitingFor: waitingFor ?? null };
  });

  app.post<{ Params: { engagementId: string }; Body: SqlPullBody }>('/engagements/:engagementId/sql-pulls', {
    schema: {
      summary: 'Pull a sample in place (a job): from the results of the statements, or on a configured PostgreSQL source; the workbook records the SQL as the extraction recipe',
      tags: ['sql'], params: idParams('engagementId'), body: sqlPullBody, response: { 202: jobEnvelope, ...errorResponses },
    },
  }, async (request, reply) => {
    const token = tokenOf(request);
    const engagement = visibleEngagement(store, token, request.params.engagementId);
    const body = request.body;
    const finish = {
      tests: { ...(body.tests?.builtins === false ? { builtins: false } : {}), ...(body.tests?.params ? { params: body.tests.params } : {}), ...(body.tests?.holidays ? { holidays: body.tests.holidays } : {}) },
      workbook: { ...body.workbook, engagement: { client: engagement.client, name: engagement.name ?? '' } },
    };
    const id = newId('sqlp');
    let run: (output: string, signal: AbortSignal) => Promise<SqlPullResult>;
    let source: KeptSqlPull['source'];
    let kept: KeptResults | undefined;
    if ('results' in body.source) {
      // The request and its results carry the design: checked now (every statement's result there, every value its type).
      const { request: sqlRequest, results } = body.source.results;
      for (const field of ['population', 'period', 'timeZone', 'sample', 'completeness'] as const) {
        if (body[field] !== undefined) throw tickmarkError('TM_ERR_USAGE', { message: `give ${field} in the results' request (it is what the statements were compiled from), not beside it` });
      }
      checkResultSet(sqlRequest, results, BODY_RESULTS);
      source = { results: true };
      kept = { request: sqlRequest, results };
      run = (output) => sqlPullFromResultSet(sqlRequest, results, BODY_RESULTS, { ...finish, output }, { store, actor: token.id });
    } else {
      const { connection, table, recordColumn, lineColumn } = body.source;
      const url = ctx.sqlSources.get(connection);
      if (!url) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'SQL source', id: connection });
      const fixed = new URL(url).searchParams;
      if ((fixed.has('table') || fixed.has('query')) && table !== undefined) throw tickmarkError('TM_ERR_USAGE', { message: `the SQL source ${connection} is configured with its table: do not name one` });
      if (!fixed.has('table') && !fixed.has('query') && table === undefined) throw tickmarkError('TM_ERR_USAGE', { message: `name the table to pull on the SQL source ${connection} (source.table: "schema.name")` });
      if (!body.population) throw tickmarkError('TM_ERR_USAGE', { message: 'give the population: its kind (and mapping, key, event time, zone when the columns need them)' });
      if (!body.sample) throw tickmarkError('TM_ERR_USAGE', { message: 'give the sample: seed, and size or plan' });
      kindSpec(body.population.kind);
      const period = body.period ?? (engagement.period ? `${engagement.period.start}..${engagement.period.end}` : undefined);
      if (!period) throw tickmarkError('TM_ERR_USAGE', { message: 'give a period (YYYY-MM-DD..YYYY-MM-DD): the engagement has none' });
      const timeZone = body.timeZone ?? (body.period === undefined ? engagement.timeZone : undefined);
      parsePeriod(period, timeZone ?? body.population.timeZone ?? 'UTC');
      source = { connection, ...(table ? { table } : {}) };
      const design: SqlPullRequest = {
        source: { postgres: url, ...(table ? { table: table.split('.') } : {}), ...(recordColumn ? { recordColumn } : {}), ...(lineColumn ? { lineColumn } : {}) },
        population: body.population, period, ...(timeZone ? { timeZone } : {}), sample: body.sample,
        ...(body.completeness ? { completeness: body.completeness } : {}),
      };
      run = (output, signal) => sqlPull({ ...design, ...finish, output }, { store, actor: token.id, signal });
    }
    return submitJob(request, reply, {
      type: 'sql-pull', engagementId: engagement.id,
      work: async ({ signal }) => {
        const dir = store.tempDir();
        try {
          if (signal.aborted) throw tickmarkError('TM_ERR_ABORTED', { reason: 'the job was cancelled' });
          const output = join(dir, 'workbook.xlsx');
          const result = await run(output, signal);
          // A cancel while the engine ran keeps nothing.
          if (signal.aborted) throw tickmarkError('TM_ERR_ABORTED', { reason: 'the job was cancelled' });
          keepSqlPull(store, recordOf(id, engagement.id, source, result), output, kept);
          return { id, href: `/v1/sql-pulls/${id}` };
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    });
  });

  app.get<{ Params: { sqlPullId: string } }>('/sql-pulls/:sqlPullId', {
    schema: { summary: 'Read a SQL pull: the engine and dialect, the population fingerprint, the selection SHA-256, the conclusion, the statements', tags: ['sql'], params: idParams('sqlPullId'), response: { 200: { type: 'object', required: ['sqlPull'], properties: { sqlPull: sqlPullViewSchema } }, ...errorResponses } },
  }, async (request) => {
    const kept = visibleSqlPull(store, tokenOf(request), request.params.sqlPullId);
    return { sqlPull: { ...kept, links: { workbook: `/v1/sql-pulls/${kept.id}/workbook` } } };
  });

  app.get<{ Params: { sqlPullId: string } }>('/sql-pulls/:sqlPullId/workbook', {
    schema: { summary: "Download a SQL pull's workbook (.xlsx), as written when the pull ran", tags: ['sql'], params: idParams('sqlPullId'), 'x-responses': downloadResponses('The workbook', [XLSX_MIME]), response: { ...errorResponses } },
  }, async (request, reply) => {
    const kept = visibleSqlPull(store, tokenOf(request), request.params.sqlPullId);
    store.log({ actor: tokenOf(request).id, action: 'sql-pull.workbook', target: kept.id, params: { selectionSha256: kept.sample.selectionSha256 } });
    return download(reply, XLSX_MIME, `sql-pull-${kept.id}.xlsx`, createReadStream(sqlPullWorkbookPath(store, kept.id)));
  });
}
