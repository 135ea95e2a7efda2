/**
 * A title and a one-line description of what each check establishes, for the workbook's
 * completeness sheet and for help text.
 *
 * @example
 * checkTitles.sequence_gaps.title // 'Sequence gaps'
 */
import type { CheckId } from './types.js';

export const checkTitles: Record<CheckId, { title: string; description: string }> = {
  period_coverage: { title: 'Period coverage', description: 'The first and last event inside the period against its start and end: days without activity at either end.' },
  out_of_period: { title: 'Rows outside the period', description: 'Rows whose event time is before or after the period, or is blank or unreadable.' },
  empty_periods: { title: 'Empty and low periods', description: 'Events per day, ISO week and month in the period zone; empty buckets and buckets far below the median.' },
  sequence_gaps: { title: 'Sequence gaps', description: 'Missing numbers in the numeric part of the key, per prefix, as ranges.' },
  duplicate_keys: { title: 'Duplicate keys', description: 'The same business key on more than one row.' },
  duplicate_rows: { title: 'Duplicate rows', description: 'Rows equal in every source column.' },
  blank_required: { title: 'Blank or invalid values', description: 'Blank or invalid values in the fields the attribute tests depend on.' },
  malformed_rows: { title: 'Malformed rows and value issues', description: 'Rows ingest could not read as records, and values that did not type.' },
  control_total: { title: 'Control total', description: "Record count and amount sum tied to the system owner's figures." },
  tie_out: { title: 'Tie-out to another population', description: 'Keys matched against a second population, with orphans both ways.' },
  roll_forward: { title: 'Roll-forward', description: 'Start + adds − removes = end.' },
};
