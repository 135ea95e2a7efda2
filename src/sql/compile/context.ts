/**
 * What every statement of a pull is compiled against: the dialect, the population model, the
 * zone the period is read in and the zone tables for the years covered.
 *
 * @example
 * const ctx = compileContext(duckdb, model, { zone: 'UTC', years: [2015, 2035] })
 */
import type { Dialect } from '../dialects/dialect.js';
import type { SqlPopulationModel } from './model.js';
import { utcToLocalShift, wallToUtcShift, type ZoneShift } from './zone-shift.js';

export interface CompileContext {
  d: Dialect;
  model: SqlPopulationModel;
  /** The zone of the period, of the strata and of the days (one zone per pull). */
  zone: string;
  /** Years the zone tables cover (values outside are counted by the profile and refused). */
  years: readonly [number, number];
  /** local = utc + offset (period zone). */
  toLocal: ZoneShift;
  /** utc = wall + offset (the population's typing zone). */
  toUtc: ZoneShift;
}

export function compileContext(d: Dialect, model: SqlPopulationModel, opts: { zone: string; years: readonly [number, number] }): CompileContext {
  const [from, to] = opts.years;
  return {
    d, model, zone: opts.zone, years: opts.years,
    toLocal: utcToLocalShift(opts.zone, from, to),
    toUtc: wallToUtcShift(model.typing.timeZone, from, to),
  };
}

/** The alias of a content column in every statement (c0, c1, … in table order): user names never appear past the first SELECT. */
export function columnAlias(ctx: CompileContext, header: string): string {
  const i = ctx.model.headers.indexOf(header);
  if (i < 0) throw new TypeError(`no column ${header}`);
  return `c${i}`;
}

/** The alias of a mapped field's column, or undefined when the field is not mapped. */
export function fieldAlias(ctx: CompileContext, field: string): string | undefined {
  const header = ctx.model.mapping[field];
  return header === undefined ? undefined : columnAlias(ctx, header);
}
