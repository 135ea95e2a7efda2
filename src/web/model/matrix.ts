/**
 * The test matrix as data: its rows (the sample's items in draw order, each with the test run's
 * outcomes), what each cell says (the rule's result, an override beside it, or the team's mark),
 * the rule's reason, and which attributes are exceptions on an item now — the entries as entered,
 * laid over the rule's results (the evaluation's figures come from the service).
 *
 * @example
 * matrixRows(run, sample)[0] // { order: 1, key: 'CHG0000317', record: 307, outcomes: [...] }
 */
import type { AttributeSummary, Mark, Outcome, SampleView, TeamEntries, TestRunView } from '../api/types.js';
import { itemEntry } from './entries.js';

export interface MatrixRow {
  order: number;
  key: string;
  record: number;
  outcomes: Outcome[];
}

/** The matrix rows: the sample's items in draw order, each with the test run's outcomes. */
export function matrixRows(run: TestRunView, sample: SampleView): MatrixRow[] {
  const outcomes = new Map((run.run.items ?? []).map((i) => [`${i.record}\u0000${i.key}`, i.outcomes]));
  return [...sample.selection.items].sort((a, b) => a.order - b.order).map((i) => ({ order: i.order, key: i.key, record: i.record, outcomes: outcomes.get(`${i.record}\u0000${i.key}`) ?? [] }));
}

const TOOL: Record<string, { symbol: string; text: string }> = {
  pass: { symbol: '✓', text: 'pass' },
  exception: { symbol: 'X', text: 'exception' },
  not_applicable: { symbol: 'N/A', text: 'not applicable' },
  manual: { symbol: '', text: 'to mark' },
};

const MARK_TEXT: Record<Mark, string> = { '✓': 'ticked', X: 'exception', 'N/A': 'not applicable' };

/** What a cell says, in words (its accessible name) and in symbols (what is seen). */
export function cellView(outcome: Outcome | undefined, mode: 'automated' | 'manual', mark: Mark | undefined, override: { mark: Mark; reason: string } | undefined) {
  if (mode === 'manual') return mark ? { symbol: mark, text: MARK_TEXT[mark], tone: mark === 'X' ? 'bad' : 'ok' } : { symbol: '·', text: 'not marked yet', tone: 'pending' };
  const tool = TOOL[outcome?.status ?? 'manual']!;
  if (override) return { symbol: `${tool.symbol}→${override.mark}`, text: `${tool.text}, overridden to ${MARK_TEXT[override.mark]}: ${override.reason}`, tone: override.mark === 'X' ? 'bad' : 'ok' };
  return { symbol: tool.symbol, text: tool.text, tone: outcome?.status === 'exception' ? 'bad' : 'ok' };
}

/** The rule's reason for a result (the message of an exception, why it did not apply). */
export function outcomeReason(o: Outcome | undefined): string {
  if (!o) return '';
  if (o.status === 'exception') return o.message;
  if (o.status === 'not_applicable') return o.reason;
  if (o.status === 'manual') return o.evidence;
  return o.note ?? '';
}

/** Attributes on which the item is an exception now: the rule's (unless overridden away), a mark X, an override to X, or added by the team. */
export function exceptionsOf(row: MatrixRow, attributes: AttributeSummary[], entries: TeamEntries): string[] {
  const e = itemEntry(entries, row);
  const out: string[] = [];
  attributes.forEach((a, i) => {
    const override = e.overrides[a.attribute];
    const tool = row.outcomes[i]?.status === 'exception';
    if ((override ? override.mark === 'X' : tool) || e.marks[a.attribute] === 'X') out.push(a.attribute);
  });
  for (const x of entries.addedExceptions) if (x.order === row.order && x.key === row.key && !out.includes(x.attribute)) out.push(x.attribute);
  return out;
}

