/**
 * A column the population cannot do without — a required field or the event time — that mostly
 * fails to type stops the ingest: more than half of its non-blank values (`UNTYPED_SHARE`) not
 * reading as its type means the column is mapped wrong or written in a form not read, and every
 * later step would work on nulls. A few bad values stay row-level issues.
 *
 * @example
 * assertColumnsTyped(fields, 'deployed_at', mapping, outcome) // throws TM_ERR_UNTYPED_COLUMN naming the column
 */
import { tickmarkError } from '../../errors.js';
import type { FieldSpec } from '../../population/kinds.js';
import { BOOLEAN_EXPECTED, NUMBER_EXPECTED } from './scalar.js';
import { TIMESTAMP_EXPECTED } from '../../kernels/timestamp/parse.js';

/** The share of a guarded column's non-blank values that may fail before the ingest stops. */
export const UNTYPED_SHARE = 0.5;

export interface FieldOutcome {
  typed: number;
  failed: number;
  /** Of the failed, values that were valid dates in either day/month order (none decided). */
  ambiguous: number;
  examples: string[];
}

const TYPE_NAMES: Record<string, string> = { timestamp: 'timestamps', number: 'numbers', boolean: 'booleans', enum: 'allowed values' };

function expectedOf(f: FieldSpec): string {
  if (f.type === 'timestamp') return TIMESTAMP_EXPECTED;
  if (f.type === 'number') return NUMBER_EXPECTED;
  if (f.type === 'boolean') return BOOLEAN_EXPECTED;
  return `one of ${(f.values ?? []).join(', ')}`;
}

export function assertColumnsTyped(fields: readonly FieldSpec[], eventTime: string | undefined, mapping: Record<string, string>, outcome: (field: string) => FieldOutcome): void {
  for (const f of fields) {
    const column = mapping[f.name];
    if (f.type === 'string' || column === undefined || (!f.required && f.name !== eventTime)) continue;
    const o = outcome(f.name);
    const values = o.typed + o.failed;
    if (values === 0 || o.failed / values <= UNTYPED_SHARE) continue;
    const expected = o.ambiguous ? `${expectedOf(f)} (${o.ambiguous} value(s) could be read day first or month first)` : expectedOf(f);
    throw tickmarkError('TM_ERR_UNTYPED_COLUMN', {
      column, field: f.name, role: f.name === eventTime ? 'the event time' : 'required', type: TYPE_NAMES[f.type],
      failed: o.failed, values, share: `${Math.round((o.failed / values) * 1000) / 10}%`, ambiguous: o.ambiguous, expected, examples: o.examples,
    });
  }
}
