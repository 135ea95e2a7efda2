/**
 * `tickmark verify OUT.xlsx FILE`: re-perform a workbook from the workbook alone. Its hidden
 * machine-readable copy gives the manifest and how the population was read (kind, mapping,
 * zone, date order); the file is ingested the same way, the selection is recomputed and
 * compared (`verifySample`), and when the workbook holds automated test results with the job
 * that produced them, the tests are re-run on the selected records and compared per item per
 * attribute. What the Selection sheet shows (seed, method, fingerprints, items) is held against
 * the copy too: a seed edited there is re-drawn and reported; an edited copy is a difference too. Prints `identical`, or each
 * difference; exit 0 identical, 1 different.
 *
 * @example
 * compareWorkbookResults(copy.tests, rerun) // { identical: false, differences: ['item "CHG1" (record 5) attribute B …: workbook pass, recomputed exception'] }
 */
import { flag, int } from '../cli/args.js';
import { exit, type CommandContext } from '../cli/command.js';
import { storeFor } from '../cli/population-arg.js';
import { ingestFile, type IngestOptions } from '../ingest/ingest.js';
import { verifySample } from '../operations/sample.js';
import type { Status, TestRun } from '../rules/types.js';
import { ENGINE_VERSION } from '../version.js';
import { runTestJob } from './run-tests.js';
import type { WorkbookTestResults } from './workbook/machine-copy.js';
import { readWorkbookManifest, type WorkbookManifest } from './workbook/read-manifest.js';
import { readVisibleSelection, visibleDifferences } from './workbook/visible-selection.js';

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

/**
 * Ingest options that read a file the way the workbook's population was read. A generic
 * population names its key and event-time headers as options (its `key`/`event_at` fields are
 * made from them), the other fields as the mapping.
 *
 * @example
 * ingestOptionsOf(await readWorkbookManifest('wb.xlsx'), 'changes.csv') // { kind: 'change', map: {…}, timeZone: 'UTC', delimiter: ',' }
 */
export function ingestOptionsOf(wb: WorkbookManifest, file: string): IngestOptions {
  const { copy } = wb;
  const xlsx = /\.xlsx$/i.test(file);
  const generic = wb.kind === 'generic';
  const made = new Set(generic ? [...copy.key, ...(copy.eventTime ? [copy.eventTime] : [])] : []);
  const map = Object.fromEntries(Object.entries(wb.mapping).filter(([field]) => !made.has(field)));
  return {
    kind: wb.kind,
    ...(Object.keys(map).length ? { map } : {}),
    timeZone: wb.typing.timeZone,
    ...(wb.typing.dateOrder ? { dateOrder: wb.typing.dateOrder } : {}),
    ...(wb.typing.formats ? { formats: wb.typing.formats } : {}),
    ...(generic && copy.key.length ? { key: copy.key.map((f) => wb.mapping[f] ?? f) } : {}),
    ...(generic && copy.eventTime ? { eventTime: wb.mapping[copy.eventTime] ?? copy.eventTime } : {}),
    ...(!xlsx && copy.source.delimiter ? { delimiter: copy.source.delimiter } : {}),
    ...(!xlsx && copy.source.encoding && copy.source.encoding !== 'utf-8' && copy.source.encoding !== 'utf-8-bom' ? { encoding: copy.source.encoding as NonNullable<IngestOptions['encoding']> } : {}),
    ...(xlsx && copy.source.sheet ? { sheet: copy.source.sheet } : {}),
  };
}

export interface WorkbookVerification {
  identical: boolean;
  /** What the workbook's sheets show against its machine copy. */
  workbook: { identical: boolean; differences: string[] };
  selection: { identical: boolean; differences: string[]; manifestSha256: string; recomputedSha256: string };
  tests: { status: 'identical' | 'different' | 'not_rerun'; reason?: string; compared?: number; differences: string[] } | null;
  engineVersion: { workbook: string; running: string };
}

export async function verifyWorkbook(ctx: CommandContext, workbookPath: string, populationFile: string): Promise<number> {
  const wb = await readWorkbookManifest(workbookPath, { acceptEdited: true });
  const workers = int(ctx, 'workers', { min: 0, max: 64 });
  const opts = workers !== undefined ? { workers } : {};
  const store = storeFor(ctx);
  try {
    const { population } = await ingestFile(store, populationFile, { ...ingestOptionsOf(wb, populationFile), ...opts });
    const selection = await verifySample(store, population.id, wb.manifest, opts);
    const shown = await readVisibleSelection(workbookPath);
    const workbook = { identical: true, differences: visibleDifferences(wb.manifest, shown) };
    if (wb.edited) workbook.differences.unshift('its machine-readable copy was edited after tickmark wrote it (its SHA-256 does not match); the selection was re-derived from the edited copy');
    const seedShown = shown?.values.get('Seed');
    if (seedShown !== undefined && seedShown !== wb.manifest.seed) {
      // Re-performed as a reader of the sheet would: with the seed it shows.
      const again = await verifySample(store, population.id, { ...wb.manifest, seed: seedShown, design: { ...wb.manifest.design, seed: seedShown } }, opts);
      const same = again.recomputedSha256 === wb.manifest.selectionSha256;
      workbook.differences.push(`drawn again with the seed the Selection sheet shows (${seedShown}): selection sha256 ${again.recomputedSha256}${same ? ', the items shown' : `, not the ${wb.manifest.selectionSha256} of the items shown`}`);
    }
    workbook.identical = workbook.differences.length === 0;
    let tests: WorkbookVerification['tests'] = null;
    if (wb.tests) {
      const job = wb.tests.job;
      if (!job) tests = { status: 'not_rerun', reason: 'the workbook does not record how the tests were run', differences: [] };
      else if (job.rules.joins?.length) tests = { status: 'not_rerun', reason: `the rules read a second population (${job.rules.joins.join(', ')}), which the workbook does not hold`, differences: [] };
      else {
        const records = wb.manifest.items.map((i) => i.record);
        const run = await runTestJob(store, population, { ...job, context: { ...job.context, scope: 'sample', sample: records } }, opts);
        const c = compareWorkbookResults(wb.tests, run);
        tests = { status: c.identical ? 'identical' : 'different', compared: c.compared, differences: c.differences };
      }
    }
    const result: WorkbookVerification = {
      identical: selection.identical && workbook.identical && (tests === null || tests.status !== 'different'),
      workbook,
      selection,
      tests,
      engineVersion: { workbook: wb.engineVersion, running: ENGINE_VERSION },
    };
    store.log({ actor: 'cli', action: 'workbook.verify', target: population.id, params: { workbook: workbookPath, selectionSha256: wb.manifest.selectionSha256, identical: result.identical } });
    if (flag(ctx, 'json')) ctx.io.out(JSON.stringify(result, null, 2));
    else ctx.io.out(verificationText(result));
    return result.identical ? exit.ok : exit.findings;
  } finally {
    store.close();
  }
}

/** The verification in words, last line `identical` or `DIFFERENT`. */
export function verificationText(r: WorkbookVerification): string {
  const lines: string[] = [];
  lines.push(r.selection.identical ? `selection: identical (sha256 ${r.selection.recomputedSha256})` : 'selection: DIFFERENT');
  for (const d of r.selection.differences) lines.push(`  - ${d}`);
  lines.push(r.workbook.identical ? 'workbook: its sheets agree with its machine copy' : 'workbook: DIFFERENT from its machine copy');
  for (const d of r.workbook.differences) lines.push(`  - ${d}`);
  if (r.tests) {
    if (r.tests.status === 'not_rerun') lines.push(`tests: not re-run: ${r.tests.reason}`);
    else lines.push(r.tests.status === 'identical' ? `tests: identical (${r.tests.compared} automated results)` : 'tests: DIFFERENT');
    for (const d of r.tests.differences) lines.push(`  - ${d}`);
  } else lines.push('tests: none in the workbook');
  if (r.engineVersion.workbook !== r.engineVersion.running) lines.push(`note: the workbook was written by tickmark ${r.engineVersion.workbook}; this is ${r.engineVersion.running}`);
  lines.push(r.identical ? 'identical' : 'DIFFERENT');
  return lines.join('\n');
}
