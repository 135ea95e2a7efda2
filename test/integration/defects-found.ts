/**
 * Shared body of the "injected defects are found exactly" suites: generate a change log with a
 * manifest of its defects, ingest it, run completeness and 100% testing, and compare with the
 * manifest — same counts, same gap ranges, same duplicate keys, same deviating items.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { checkCompleteness } from '../../src/operations/completeness.js';
import { runTests } from '../../src/operations/test.js';
import { localDay, isBusinessDay, makeCalendar } from '../../src/period/calendar.js';
import { parseDate } from '../../src/period/period.js';
import { writePopulation } from '../../src/synthetic/index.js';
import type { Store } from '../../src/store/store.js';

/** The rule that must find each injected deviation of a change log. */
const ruleOf: Record<string, string> = {
  approvalAfterDeploy: 'change.approved_before_deploy',
  selfApproval: 'change.approver_not_requester',
  approverIsImplementer: 'change.approver_not_implementer',
  missingApproval: 'change.approval_present',
  missingTestEvidence: 'change.tested_before_deploy',
  testedAfterDeploy: 'change.tested_before_deploy',
  emergencyWithoutPir: 'change.emergency_pir',
};

export async function generateChangeLog(dir: string, rows: number, seed: number) {
  const file = join(dir, `changes-${rows}-${seed}.csv`);
  const manifest = await writePopulation(file, {
    kind: 'change', rows, seed, period: { start: '2025-01-01', end: '2025-12-31' },
    defects: {
      outOfPeriodBefore: 3, outOfPeriodAfter: 4, emptyDays: 2, emptyWeeks: 1, sequenceGaps: 5, duplicateKeys: 3, duplicateRows: 2, blankRequired: 2,
      approvalAfterDeploy: 4, selfApproval: 5, approverIsImplementer: 3, missingApproval: 2, missingTestEvidence: 3, testedAfterDeploy: 2, emergencyWithoutPir: 3,
    },
  });
  return { file, manifest };
}

export async function expectDefectsFound(store: Store, file: string, manifest: Awaited<ReturnType<typeof writePopulation>>, workers: number) {
  const { population } = await ingestFile(store, file, { kind: 'change', workers, chunkSize: 1 << 20 });
  expect(population.rows.total).toBe(manifest.totals.dataRows);
  expect(population.rows.malformed).toBe(0);
  const d = manifest.defects;

  const { report } = await checkCompleteness(store, population.id, { period: '2025-01-01..2025-12-31', params: { evidenceCap: 1000 } }, { workers });
  const check = (id: string) => report.checks.find((c) => c.id === id)!.evidence as any;

  const blankEvent = d.blankRequired.filter((b) => b.field === 'deployed_at').length;
  const oop = check('out_of_period');
  expect([oop.before, oop.after, oop.blank, oop.invalid]).toEqual([d.outOfPeriod.before.length, d.outOfPeriod.after.length, blankEvent, 0]);
  expect(oop.rows.items.filter((r: any) => r.reason === 'before').map((r: any) => r.key).sort()).toEqual([...d.outOfPeriod.before].sort());
  expect(oop.rows.items.filter((r: any) => r.reason === 'after').map((r: any) => r.key).sort()).toEqual([...d.outOfPeriod.after].sort());

  const gaps = check('sequence_gaps').gaps.items.map((g: any) => [g.prefix, g.from, g.to, g.count]);
  expect(gaps).toEqual(d.sequenceGaps.map((g) => [g.prefix, g.from, g.to, g.missing]));

  const dupKeys = check('duplicate_keys').groups.items.map((g: any) => g.key).sort();
  expect(dupKeys).toEqual([...d.duplicateKeys, ...d.duplicateRows].sort());
  const dupRows = check('duplicate_rows').groups.items.length;
  expect(dupRows).toBe(d.duplicateRows.length);

  // Empty business days: every weekday inside the manifest's empty ranges, nothing else.
  const cal = makeCalendar({ timeZone: 'UTC' });
  let emptyBusinessDays = 0;
  for (const r of d.emptyRanges) {
    for (let day = parseDate(r.from)! / 86_400_000; day <= parseDate(r.to)! / 86_400_000; day++) if (isBusinessDay(cal, day)) emptyBusinessDays++;
  }
  expect(check('empty_periods').empty.day).toBe(emptyBusinessDays);
  expect(check('empty_periods').empty.week).toBe(d.emptyRanges.filter((r) => r.days === 7).length);
  void localDay;

  const blanks = check('blank_required').fields as any[];
  for (const field of ['change_id', 'deployed_at']) {
    expect(blanks.find((f) => f.field === field).blank, field).toBe(d.blankRequired.filter((b) => b.field === field).length);
  }
  expect(blanks.find((f) => f.field === 'approver').blank).toBe(d.deviations.missingApproval!.length);

  // 100% testing: every injected deviation is found by its rule, and no other item deviates.
  const { run } = await runTests(store, population.id, { all: true }, { workers });
  const found = new Map<string, Set<string>>();
  for (const f of run.findings) {
    if (!found.has(f.rule)) found.set(f.rule, new Set());
    found.get(f.rule)!.add(f.key!);
  }
  const injected = new Set<string>();
  for (const [deviation, keys] of Object.entries(d.deviations)) {
    for (const key of keys!) {
      injected.add(key);
      expect(found.get(ruleOf[deviation]!)?.has(key), `${deviation} ${key}`).toBe(true);
    }
  }
  const deviating = new Set(run.findings.map((f) => f.key!));
  expect([...deviating].sort()).toEqual([...injected].sort());
  return { report, run, population };
}
