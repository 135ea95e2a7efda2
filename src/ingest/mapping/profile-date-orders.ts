/**
 * A system profile's date order, as a fallback: the day/month order of a mapped date column is
 * the profile's (`read.dateOrder`) only when the column's sampled values do not prove one — a
 * column with a day above 12 decides its own order (and records the value that proved it), so a
 * profile never forces a reading the values contradict, while a column of only ambiguous dates
 * (`02/03/2025` throughout) is still read as the system writes it. A format profile (excel-eu)
 * gives none: its locale is a guess from the delimiter, and the values decide.
 *
 * @example
 * profileDateOrders('mdy', { discovered_at: 'First Detected' }, ['First Detected'], [['02/03/2025']], fields, { timeZone: 'UTC' })
 * // { discovered_at: { dateOrder: 'mdy' } }
 */
import type { FieldSpec } from '../../population/kinds.js';
import type { FieldFormat, TypingOptions } from '../../population/types.js';
import { lastDayMonthOrder, timestampMs } from '../../kernels/timestamp/parse.js';

export function profileDateOrders(
  dateOrder: 'dmy' | 'mdy' | undefined,
  mapping: Record<string, string>,
  headers: readonly string[],
  sample: readonly (readonly string[])[],
  fields: readonly FieldSpec[],
  typing: TypingOptions,
): Record<string, FieldFormat> {
  if (!dateOrder || typing.dateOrder) return {};
  const out: Record<string, FieldFormat> = {};
  for (const f of fields) {
    if (f.type !== 'timestamp' || !Object.hasOwn(mapping, f.name) || typing.formats?.[f.name]?.dateOrder) continue;
    const col = headers.indexOf(mapping[f.name]!);
    let proven = false;
    for (const row of sample) {
      const v = row[col];
      if (v == null || v.trim() === '') continue;
      timestampMs(v, { timeZone: typing.timeZone });
      const said = lastDayMonthOrder();
      if (said === 'dmy' || said === 'mdy') { proven = true; break; }
    }
    if (!proven) out[f.name] = { ...(typing.formats?.[f.name] ?? {}), dateOrder };
  }
  return out;
}
