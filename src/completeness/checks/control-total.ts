/**
 * control_total: tie-out to the figures the system owner gave — the record count
 * (`expectCount`) and/or the sum of an amount field (`expectSum: { field, amount }`). Counts
 * are the accepted rows the checks read (meta's malformed rows are shown beside them); with
 * `controlScope: 'in_period'` only rows whose event time is in the period. Sums are exact:
 * every amount is read from its raw source text as a scaled integer (support/decimal.ts) and
 * added as BigInt, so 0.10 + 0.20 ties to 0.30. Equal → pass; any difference, or an amount
 * that cannot be read, → fail. With no expectation the check does *not run* (ran: false,
 * status pass, summary "not run") and only reports the counted figures: it never claims a
 * tie-out that did not happen.
 *
 * @example
 * // expectSum { field: 'amount', amount: '0.3' } over 0.1 and 0.2 → pass, difference '0.0'
 */
import type { PopulationChunk } from '../../population/types.js';
import type { CompletenessCheck } from '../check.js';
import type { CheckContext } from '../context.js';
import { cappedRows, finishCapped, mergeCapped, offer, type CappedRows } from '../support/capped.js';
import { keyReader, rawCell, timestampColumn } from '../support/columns.js';
import { addDecimal, addDecimals, compareDecimals, decimalAccumulator, decimalTotal, formatDecimal, parseDecimal, subtractDecimals, type DecimalValue } from '../support/decimal.js';
import type { ControlTotalEvidence, ControlTotalResult, InvalidAmountRow } from '../types.js';

export interface ControlTotalPartial {
  rows: number;
  inPeriod: number;
  /** Exact sum as decimal text of integer units at `scale` (text so the partial stays JSON-safe). */
  sum: { units: string; scale: number };
  blank: number;
  invalid: number;
  invalidRows: CappedRows<InvalidAmountRow>;
}

const empty = (): ControlTotalPartial => ({ rows: 0, inPeriod: 0, sum: { units: '0', scale: 0 }, blank: 0, invalid: 0, invalidRows: cappedRows() });

function map(chunk: PopulationChunk, ctx: CheckContext): ControlTotalPartial {
  const out = empty();
  out.rows = chunk.rows;
  const inPeriodOnly = ctx.params.controlScope === 'in_period';
  const times = timestampColumn(chunk, ctx.event?.field ?? null);
  const { startMs, endExclusiveMs } = ctx.period;
  const included = (i: number): boolean => {
    const t = times ? times[i]! : NaN;
    return t >= startMs && t < endExclusiveMs;
  };
  if (times) for (let i = 0; i < chunk.rows; i++) if (included(i)) out.inPeriod++;
  const expectSum = ctx.params.expectSum;
  if (!expectSum) return out;
  const raw = rawCell(chunk, expectSum.header);
  const acc = decimalAccumulator();
  const key = keyReader(chunk, ctx.keyFields);
  for (let i = 0; i < chunk.rows; i++) {
    if (inPeriodOnly && !included(i)) continue;
    const text = raw?.(i);
    if (text == null || text.trim() === '') { out.blank++; continue; }
    if (!addDecimal(acc, text)) {
      out.invalid++;
      offer(out.invalidRows, chunk.record[i]!, ctx.cap, () => ({ record: chunk.record[i]!, line: chunk.line[i]!, key: key(i), value: text }));
    }
  }
  const total = decimalTotal(acc);
  out.sum = { units: total.units.toString(), scale: total.scale };
  return out;
}

const toValue = (s: { units: string; scale: number }): DecimalValue => ({ units: BigInt(s.units), scale: s.scale });

function merge(a: ControlTotalPartial, b: ControlTotalPartial, ctx: CheckContext): ControlTotalPartial {
  const sum = addDecimals(toValue(a.sum), toValue(b.sum));
  return {
    rows: a.rows + b.rows, inPeriod: a.inPeriod + b.inPeriod, sum: { units: sum.units.toString(), scale: sum.scale },
    blank: a.blank + b.blank, invalid: a.invalid + b.invalid, invalidRows: mergeCapped(a.invalidRows, b.invalidRows, ctx.cap),
  };
}

function finish(p: ControlTotalPartial, ctx: CheckContext): ControlTotalResult {
  const { expectCount, expectSum, controlScope } = ctx.params;
  const parameters = { expectCount, expectSum: expectSum ? { field: expectSum.field, amount: expectSum.amount } : null, controlScope };
  const counted = controlScope === 'in_period' ? p.inPeriod : p.rows;
  const evidence: ControlTotalEvidence = {
    scope: controlScope,
    rows: { ...ctx.meta.rows, counted: p.rows, inPeriod: ctx.event ? p.inPeriod : null },
    count: { counted, expected: expectCount, difference: expectCount === null ? null : counted - expectCount },
    sum: null,
  };
  const failures: string[] = [];
  const ties: string[] = [];
  if (expectCount !== null) {
    if (counted === expectCount) ties.push(`${counted} record(s) = ${expectCount} expected`);
    else failures.push(`${counted} record(s) counted vs ${expectCount} expected (difference ${counted - expectCount})`);
  }
  if (expectSum) {
    const sum = toValue(p.sum);
    const expected = parseDecimal(expectSum.amount)!;
    const scale = Math.max(sum.scale, expected.scale);
    const diff = subtractDecimals(sum, expected);
    const at = (v: DecimalValue) => formatDecimal(v.units * 10n ** BigInt(scale - v.scale), scale);
    evidence.sum = {
      field: expectSum.field, header: expectSum.header, counted: at(sum), expected: at(expected), difference: at(diff),
      blank: p.blank, invalid: p.invalid, invalidRows: finishCapped(p.invalidRows, ctx.cap),
    };
    if (p.invalid > 0) failures.push(`${p.invalid} ${expectSum.field} value(s) are not amounts`);
    if (compareDecimals(sum, expected) === 0) ties.push(`sum of ${expectSum.field} ${at(sum)} = ${at(expected)} expected`);
    else failures.push(`sum of ${expectSum.field} ${at(sum)} vs ${at(expected)} expected (difference ${at(diff)})`);
  }
  if (expectCount === null && !expectSum) {
    return { id: 'control_total', status: 'not_run', ran: false, summary: `not run: no control total given by the system owner (counted ${counted} record(s))`, parameters, evidence };
  }
  const status = failures.length ? 'fail' : 'pass';
  return { id: 'control_total', status, ran: true, summary: (failures.length ? failures : ties).join('; '), parameters, evidence };
}

export const controlTotal: CompletenessCheck<'control_total', ControlTotalPartial> = { id: 'control_total', empty, map, merge, finish };
