/**
 * The automated results a workbook recorded against a re-run of its tests, item by item and
 * attribute by attribute: what `verifyWorkbook` and the in-place re-performance both report.
 */
import type { WorkbookTestResults } from '../export/workbook/machine-copy.js';
import type { Status, TestRun } from '../rules/types.js';

export interface ResultsComparison {
  identical: boolean;
  /** Automated item × attribute results compared. */
  compared: number;
  differences: string[];
}

/**
 * Compare the automated results a workbook recorded with a re-run: per item (by key and source
 * record) per attribute (by rule id). Manual attributes are not compared.
 *
 * @example
 * compareWorkbookResults(expected, expected as never).identical // true when nothing changed
 */
export function compareWorkbookResults(expected: WorkbookTestResults, actual: TestRun): ResultsComparison {
  const differences: string[] = [];
  const expectedRules = expected.attributes.map((a) => a.rule);
  const actualRules = actual.attributes.map((a) => a.rule);
  for (const rule of expectedRules) if (!actualRules.includes(rule)) differences.push(`attribute ${rule}: in the workbook, not in the re-run`);
  for (const rule of actualRules) if (!expectedRules.includes(rule)) differences.push(`attribute ${rule}: in the re-run, not in the workbook`);
  const itemId = (i: { key: string; record: number }) => `${i.record}\u0000${i.key}`;
  const rerun = new Map((actual.items ?? []).map((i) => [itemId(i), i]));
  let compared = 0;
  const seen = new Set<string>();
  for (const item of expected.items) {
    const id = itemId(item);
    seen.add(id);
    const again = rerun.get(id);
    if (!again) {
      differences.push(`item ${JSON.stringify(item.key)} (record ${item.record}): in the workbook, not in the re-run`);
      continue;
    }
    expected.attributes.forEach((a, i) => {
      if (a.mode === 'manual') return;
      const j = actualRules.indexOf(a.rule);
      if (j < 0) return;
      const was: Status | undefined = item.statuses[i];
      const now: Status | undefined = again.outcomes[j]?.status;
      compared++;
      if (was !== now) differences.push(`item ${JSON.stringify(item.key)} (record ${item.record}) attribute ${a.attribute} (${a.rule}): workbook ${was ?? '(none)'}, recomputed ${now ?? '(none)'}`);
    });
  }
  for (const item of actual.items ?? []) {
    if (!seen.has(itemId(item))) differences.push(`item ${JSON.stringify(item.key)} (record ${item.record}): in the re-run, not in the workbook`);
  }
  return { identical: differences.length === 0, compared, differences };
}
