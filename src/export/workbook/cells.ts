/**
 * Small cell helpers shared by the sheets: a source value of a sampled row as a typed cell
 * (timestamps as wall-clock dates, numbers as numbers, everything else as its raw text), yes/no,
 * statuses, and compact renderings of parameters and observed values.
 *
 * @example
 * valueCell(item, { header: 'Deployed On', field: 'deployed_at', type: 'timestamp' }, 'UTC') // Date 2025-08-16 12:54:43
 */
import type { CheckStatus } from '../../completeness/types.js';
import type { Observed, ObservedValue } from '../../rules/types.js';
import { styled, type Cell, type CellValue } from './content.js';
import { wallDate } from './dates.js';
import type { ColumnView, ItemView } from './model.js';
import { grouped } from '../../text/grouped.js';

export const yesNo = (v: boolean | null | undefined): string => (v === null || v === undefined ? '' : v ? 'yes' : 'no');

/** A status word styled green / amber / red. */
export function statusCell(status: CheckStatus, ran = true): Cell {
  if (!ran || status === 'not_run') return styled('not run', 'note');
  return styled(status, status);
}

/** A sampled row's value in a column: typed when the field typed it, else the raw text. */
export function valueCell(item: ItemView, column: ColumnView, zone: string): CellValue {
  const row = item.row;
  if (!row) return null;
  if (column.field && (column.type === 'timestamp' || column.type === 'number')) {
    const typed = row.fields[column.field];
    if (typeof typed === 'number' && Number.isFinite(typed)) {
      return column.type === 'timestamp' ? wallDate(typed, zone) : typed;
    }
  }
  return row.values[column.header] ?? null;
}

function show(v: ObservedValue | unknown): string {
  if (v === null || v === undefined) return '(blank)';
  if (typeof v === 'string') return v === '' ? '(blank)' : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** `field = value; field = value` */
export function observedText(observed: Observed | Record<string, unknown>): string {
  return Object.entries(observed).map(([k, v]) => `${k} = ${show(v)}`).join('; ');
}

/** Parameters as `name = value` pairs; '' when none. */
export function parametersText(params: Record<string, unknown>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined);
  return entries.length ? observedText(Object.fromEntries(entries)) : '';
}

export const count = (n: number, word: string): string => `${grouped(n)} ${word}${n === 1 ? '' : 's'}`;
