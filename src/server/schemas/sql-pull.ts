/**
 * Schemas of the SQL routes: the statements of a pull for a dialect, and a pull in place — from
 * the results of those statements (run by the team on Trino, Spark, BigQuery, Snowflake…) or on a
 * PostgreSQL connection the service was configured with (`sqlSources`, by name).
 */
import { columnTypes } from '../../sql/compile/model.js';
import { dialectNames } from '../../sql/dialects/dialect.js';
import { ID_PATTERN, idSchema } from './common.js';
import { completenessParamsSchema, sampleBody, testRunBody } from './operations.js';

const text = (max: number, description?: string) => ({ type: 'string', maxLength: max, ...(description ? { description } : {}) }) as const;
const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const;
const ZONE = { type: 'string', minLength: 1, maxLength: 64 } as const;
const PERIOD = sampleBody.properties.period;

/** The population's reading: kind, mapping, key, event time, zone and date order (as ingest takes them). */
const populationOptions = {
  type: 'object', required: ['kind'], additionalProperties: false,
  properties: {
    kind: { type: 'string', minLength: 1, maxLength: 50 },
    map: { type: 'object', maxProperties: 200, additionalProperties: NAME, description: 'canonical field → column name' },
    key: { type: 'array', maxItems: 16, items: NAME },
    eventTime: NAME,
    timeZone: ZONE,
    dateOrder: { type: 'string', enum: ['dmy', 'mdy'] },
    unit: { type: 'string', enum: ['item', 'row'] },
    unitKey: { type: 'array', maxItems: 16, items: NAME },
  },
} as const;

const { period: _period, timeZone: _zone, ...designFields } = sampleBody.properties;
/** The sample's design: the pull's own period and zone apply. */
const sampleDesign = { ...sampleBody, properties: designFields } as const;

/** request.json of `tickmark sql --out DIR`: everything the statements are compiled from. */
export const sqlRequestSchema = {
  type: 'object', required: ['format', 'dialect', 'source', 'population', 'period', 'sample'], additionalProperties: false,
  description: 'The request `tickmark sql --out DIR` writes as request.json.',
  properties: {
    format: { type: 'string', enum: ['tickmark-sql-request/1'] },
    dialect: { type: 'string', enum: [...dialectNames] },
    source: {
      type: 'object', required: ['columns', 'name'], additionalProperties: false,
      properties: {
        table: { type: 'array', minItems: 1, maxItems: 4, items: NAME },
        query: text(100_000, 'The query the population was read by (compiled and printed, never run by the service).'),
        columns: { type: 'array', minItems: 1, maxItems: 2000, items: { type: 'object', required: ['name', 'type'], additionalProperties: false, properties: { name: NAME, type: { type: 'string', enum: [...columnTypes] } } } },
        recordColumn: NAME,
        lineColumn: NAME,
        name: NAME,
      },
    },
    population: populationOptions,
    period: PERIOD,
    timeZone: ZONE,
    sample: sampleDesign,
    completeness: completenessParamsSchema,
    rows: { type: 'integer', minimum: 0 },
    years: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'integer', minimum: 1000, maximum: 9999 } },
  },
} as const;

/** Each statement's result by its name: an array of row objects (as NAME.json holds it). */
const resultSet = {
  type: 'object', maxProperties: 64,
  propertyNames: { type: 'string', pattern: '^[a-z_]{1,64}$' },
  additionalProperties: { type: 'array', items: { type: 'object', additionalProperties: true } },
} as const;

export const sqlStatementsBody = {
  type: 'object', required: ['request'], additionalProperties: false,
  properties: {
    request: sqlRequestSchema,
    results: { type: 'object', additionalProperties: false, properties: { strata: resultSet.additionalProperties }, description: 'A stratified design: the strata result, for the selection statements that follow from it.' },
  },
} as const;

export const sqlStatementsResponse = {
  type: 'object', required: ['statements', 'waitingFor'],
  properties: {
    statements: { type: 'array', items: { type: 'object', required: ['name', 'sql'], properties: { name: { type: 'string' }, sql: { type: 'string' } } } },
    waitingFor: { type: ['string', 'null'], description: 'The result needed before the rest can be written (a stratified design: strata), or null.' },
  },
} as const;

export const sqlPullBody = {
  type: 'object', required: ['source'], additionalProperties: false,
  properties: {
    source: {
      oneOf: [
        {
          type: 'object', required: ['results'], additionalProperties: false,
          properties: { results: { type: 'object', required: ['request', 'results'], additionalProperties: false, properties: { request: sqlRequestSchema, results: resultSet } } },
          description: "The statements' results, run by the team on their engine: the request and each statement's rows.",
        },
        {
          type: 'object', required: ['connection'], additionalProperties: false,
          properties: {
            connection: { type: 'string', pattern: ID_PATTERN, description: 'The name of a PostgreSQL source the service was configured with (sqlSources).' },
            table: { type: 'string', minLength: 1, maxLength: 400, description: 'schema.table (when the configured source does not name one).' },
            recordColumn: NAME,
            lineColumn: NAME,
          },
          description: 'A table read in place on a configured PostgreSQL connection (never a URL or a query from the request).',
        },
      ],
    },
    population: populationOptions,
    period: { ...PERIOD, description: "The audit period (default: the engagement's); results carry their own." },
    timeZone: ZONE,
    sample: sampleDesign,
    completeness: completenessParamsSchema,
    tests: { type: 'object', additionalProperties: false, properties: { builtins: testRunBody.properties.builtins, params: testRunBody.properties.params, holidays: testRunBody.properties.holidays } },
    workbook: {
      type: 'object', additionalProperties: false,
      properties: {
        control: { type: 'object', additionalProperties: false, properties: { id: text(100), description: text(2000), tsc: text(50), frequency: text(100), procedure: text(2000) } },
        extraction: { type: 'object', additionalProperties: false, properties: { system: text(200), query: text(2000), extractedBy: text(200), extractedAt: text(100) } },
        preparer: text(200),
      },
    },
  },
} as const;

export const sqlPullViewSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'engagementId', 'createdAt', 'source', 'engine', 'dialect', 'population', 'sample', 'completeness', 'conclusion', 'warnings', 'statements', 'sqlSha256', 'links'],
  properties: {
    id: idSchema, engagementId: idSchema, createdAt: { type: 'string' },
    source: { type: 'object', additionalProperties: false, properties: { results: { type: 'boolean' }, connection: { type: 'string' }, table: { type: 'string' } } },
    engine: { type: 'string', description: 'postgres, or results (statements run by the team).' },
    dialect: { type: 'string' },
    population: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' }, kind: { type: 'string' }, rows: { type: 'integer' }, fingerprint: { type: 'string' }, sha256: { type: 'string' } } },
    sample: { type: 'object', additionalProperties: false, properties: { method: { type: 'string' }, seed: { type: 'string' }, n: { type: 'integer' }, eligible: { type: 'integer' }, selectionSha256: { type: 'string' } } },
    completeness: { type: 'string', description: "The completeness report's status." },
    conclusion: { type: 'string' },
    warnings: { type: 'array', items: { type: 'string' } },
    statements: { type: 'array', items: { type: 'string' }, description: 'The statements that ran (or whose results were given), in order; the workbook holds their SQL.' },
    sqlSha256: { type: 'string' },
    links: { type: 'object', additionalProperties: false, properties: { workbook: { type: 'string' } } },
  },
} as const;
