/**
 * The first data records of a CSV, parsed from the bytes the header sniff already holds: what the
 * column mapping checks values on. Cut at the last record boundary in the text (a newline outside
 * quotes), so a record split by the sniff's end is left out; never throws (a sample that cannot be
 * parsed is empty, and the full parse reports the problem with its line).
 *
 * @example
 * sampleRecords('a,b\n1,2\n3,"x\ny"\n4,', ',') // [['a','b'], ['1','2'], ['3','x\ny']]
 */
import { parse } from 'csv-parse/sync';

export const SAMPLE_RECORDS = 1000;

/** Offset just after the last newline outside quotes, or -1. */
function lastBoundary(text: string): number {
  let inQuote = false;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuote = !inQuote;
    else if (c === 10 && !inQuote) last = i + 1;
  }
  return last;
}

export function sampleRecords(text: string, delimiter: string, ended = false, max = SAMPLE_RECORDS): string[][] {
  const cut = ended ? text.length : lastBoundary(text);
  if (cut <= 0) return [];
  try {
    return (parse(text.slice(0, cut), { delimiter, bom: false, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to: max }) as string[][]);
  } catch {
    return [];
  }
}
