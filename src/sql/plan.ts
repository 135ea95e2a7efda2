/**
 * A pull compiled to SQL: the statements in the order they run, from the population model and
 * the same request a file pull takes (period, sample, completeness parameters). The selection
 * spec, the plan and the checks' context are made by the embedded engine's own functions
 * (`selectionSpec`, `planFor`, `checkContext`), so the two cannot be configured apart. Pure: no
 * engine is touched here.
 *
 * Order: profile (rows, records, zone coverage), the typed fields' profile, the cells SQL did not
 * type, the first issues, the fingerprint, the completeness checks, the eligibility counts, then
 * the draw — for stratified designs the `strata` counts first, and the selection once the
 * allocation is known (`drawStatements(seats)`) — and the rows of the selected units.
 *
 * @example
 * const pull = compilePull(duckdb, model, { period: '2025-01-01..2025-12-31', sample: { seed: '1', size: 25 } })
 * pull.statements.map((s) => s.name) // ['profile', 'field_profile', …, 'selection', 'unit_rows']
 */
import { checkContext, type CheckContext } from '../completeness/context.js';
import type { CompletenessParams } from '../completeness/params.js';
import { tickmarkError } from '../errors.js';
import { planFor, selectionSpec, type SampleRequest } from '../sampling/request.js';
import { parsePeriod, type AuditPeriod } from '../period/period.js';
import type { PopulationMeta } from '../population/types.js';
import type { SelectionSpec } from '../sampling/spec.js';
import type { SamplePlan } from '../stats/index.js';
import { ENGINE_VERSION } from '../version.js';
import { typedFields } from './compile/cells.js';
import {
  blankRequiredStatements, controlTotalStatements, coverageStatement, duplicateKeyStatements, duplicateRowStatements, eventDaysStatement,
  fieldProfileStatement, issuesStatement, otherValuesStatement, outOfPeriodStatements, profileStatement, sequenceStatements,
} from './compile/checks.js';
import { compileContext, type CompileContext } from './compile/context.js';
import { fingerprintStatement } from './compile/fingerprint.js';
import type { SqlPopulationModel } from './compile/model.js';
import { populationSql } from './compile/population.js';
import { countsStatement, selectionStatement, strataStatement, unitRowsStatement, type Seat } from './compile/selection.js';
import { POPULATION, type Statement } from './compile/statement.js';
import type { Dialect } from './dialects/dialect.js';
import { ISSUE_SAMPLE } from './assemble/meta.js';

/** Distinct cells SQL does not type that tickmark reads per field, at most. */
export const OTHER_VALUES_CAP = 1000;

export interface SqlPullDesign {
  /** `YYYY-MM-DD..YYYY-MM-DD`, read in `timeZone` (default: the population's typing zone). */
  period: string;
  timeZone?: string;
  sample: Omit<SampleRequest, 'period' | 'timeZone'>;
  completeness?: CompletenessParams;
  /** Population size for plans that need it (the profile's row count); 0 when not yet known. */
  rows?: number;
  /** Years the zone tables cover (default: the period's, ten either side). */
  years?: readonly [number, number];
}

export interface CompiledPull {
  ctx: CompileContext;
  period: AuditPeriod;
  /** A draft of the population's meta (no profile yet): what the spec and the checks are made from. */
  draft: PopulationMeta;
  plan: SamplePlan;
  spec: SelectionSpec;
  check: CheckContext;
  /** The completeness parameters as the user gave them. */
  completenessParams: CompletenessParams;
  /** The typed fields, in the order statements number them (`field` = index). */
  typed: string[];
  /** Statements that need nothing but the population. */
  statements: Statement[];
  /** True when the draw needs the strata counts first (stratified designs). */
  needsSeats: boolean;
  /** The selection and the units' rows (stratified designs: given the seats). */
  drawStatements(seats?: readonly Seat[]): Statement[];
  /** The population's SELECT (to materialise it as `tm_population`). */
  populationSelect: string;
}

/** A meta of the model before any statement ran (rows unknown). */
export function draftMeta(model: SqlPopulationModel, rows = 0): PopulationMeta {
  return {
    id: 'pop_sql_draft',
    kind: model.kind,
    source: { name: model.source.name, format: model.source.table ? 'table' : 'table', sha256: '0'.repeat(64), bytes: 0 },
    headers: model.headers,
    mapping: model.mapping,
    key: model.key,
    ...(model.unit.by === 'row' ? { unit: 'row' as const } : { unitKey: model.unit.key }),
    ...(model.eventTime ? { eventTime: model.eventTime } : {}),
    typing: model.typing,
    rows: { total: rows, accepted: rows, malformed: 0 },
    columns: [],
    issues: { total: 0, byCode: {}, byColumn: {}, first: [] },
    chunks: [],
    engineVersion: ENGINE_VERSION,
    createdAt: new Date(0).toISOString(),
  };
}

export function defaultYears(period: AuditPeriod): [number, number] {
  return [Number(period.start.slice(0, 4)) - 10, Number(period.end.slice(0, 4)) + 10];
}

export function compilePull(d: Dialect, model: SqlPopulationModel, design: SqlPullDesign): CompiledPull {
  const zone = design.timeZone ?? model.typing.timeZone;
  const period = parsePeriod(design.period, zone);
  const params = design.completeness ?? {};
  if (params.tieOut) throw tickmarkError('TM_ERR_SQL_UNSUPPORTED', { what: 'a tie-out to a second population', reason: 'not compiled to SQL yet; pull both populations as files, or tie them out in the warehouse' });
  if (params.rollForward) throw tickmarkError('TM_ERR_SQL_UNSUPPORTED', { what: 'a roll-forward', reason: 'not compiled to SQL yet; pull the population as a file' });
  // A plan needs a population: unknown (printed statements), a fixed size is drawn in full.
  const draft = draftMeta(model, design.rows ?? Number.MAX_SAFE_INTEGER);
  const ctx = compileContext(d, model, { zone, years: design.years ?? defaultYears(period) });
  const request: SampleRequest = { ...design.sample, period: design.period, timeZone: zone };
  const plan = planFor(draft, request);
  const spec = selectionSpec(draft, request, plan.basis === 'all' ? Math.max(1, design.rows ?? 0) : plan.n);
  const check = checkContext({ meta: draft, period, params });
  const typed = typedFields(ctx).map((f) => f.name);
  // One relation of typed cells serves the profile, the issues and blank_required: the typed fields, then the other required ones.
  const cellFields = [...new Set([...typed, ...check.params.requiredFields.filter((f) => model.mapping[f] !== undefined)])];
  const typedIndices = typed.map((_, i) => i);
  const needsSeats = spec.method === 'stratified' || (spec.method === 'key-items' && spec.keyItems?.rest === 'stratified');
  const statements: Statement[] = [
    profileStatement(ctx, check),
    fieldProfileStatement(ctx, cellFields, typedIndices),
    otherValuesStatement(ctx, cellFields, typedIndices, OTHER_VALUES_CAP),
    issuesStatement(ctx, cellFields, typedIndices, ISSUE_SAMPLE),
    fingerprintStatement(ctx),
    ...(check.event ? [coverageStatement(ctx, check), ...outOfPeriodStatements(ctx, check), eventDaysStatement(ctx, check)] : []),
    ...sequenceStatements(ctx, check),
    ...duplicateKeyStatements(ctx, check),
    ...duplicateRowStatements(ctx, check),
    ...blankRequiredStatements(ctx, check, cellFields),
    ...controlTotalStatements(ctx, check),
    countsStatement(ctx, spec),
    ...(needsSeats ? [strataStatement(ctx, spec)] : []),
  ];
  return {
    ctx, period, draft, plan, spec, check, completenessParams: params, typed, statements, needsSeats,
    drawStatements: (seats) => [selectionStatement(ctx, spec, seats), unitRowsStatement(ctx, spec, seats)],
    populationSelect: populationSql(ctx),
  };
}

/** The statement that materialises the population (engines that run a pull in one session). */
export function materialiseStatement(pull: CompiledPull): string {
  return `CREATE TEMPORARY TABLE ${POPULATION} AS\n${pull.populationSelect}`;
}
