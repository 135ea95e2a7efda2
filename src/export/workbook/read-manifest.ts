/**
 * Read a workbook's machine-readable copy (its very hidden "tickmark" sheet) with tickmark's own
 * streaming XLSX reader — zip-bomb limits checked, only that sheet parsed, `_xHHHH_` escapes
 * decoded — so `verify` works from the workbook alone.
 *
 * @example
 * const { manifest, kind, mapping, typing } = await readWorkbookManifest('CC8.1-sample.xlsx')
 */
import { tickmarkError, TickmarkError } from '../../errors.js';
import { openXlsx } from '../../ingest/xlsx/index.js';
import type { Kind } from '../../population/kinds.js';
import type { TypingOptions } from '../../population/types.js';
import type { SelectionManifest } from '../../sampling/manifest.js';
import { MACHINE_SHEET, parseMachineRows, readMachineRows, type WorkbookMachineCopy, type WorkbookTestResults } from './machine-copy.js';

export interface WorkbookManifest {
  manifest: SelectionManifest;
  kind: Kind;
  mapping: Record<string, string>;
  typing: TypingOptions;
  engineVersion: string;
  tests?: WorkbookTestResults;
  /** Everything the copy holds (source fingerprint, headers, key, period, control, request…). */
  copy: WorkbookMachineCopy;
  /** True when the copy was edited since tickmark wrote it (read only with `acceptEdited`). */
  edited: boolean;
}

/** The workbook's machine copy; an edited one is refused unless `acceptEdited` (then `edited` says so). */
export async function readWorkbookManifest(path: string, opts: { acceptEdited?: boolean } = {}): Promise<WorkbookManifest> {
  let book;
  try {
    book = await openXlsx(path, { sheet: MACHINE_SHEET });
  } catch (err) {
    if (err instanceof TickmarkError && err.code === 'TM_ERR_XLSX_SHEET') {
      throw tickmarkError('TM_ERR_MANIFEST', { reason: `the workbook has no "${MACHINE_SHEET}" sheet: it was not written by tickmark (or the sheet was removed)` });
    }
    throw err;
  }
  const rows: string[][] = [book.headers];
  for await (const record of book.rows) rows.push(record.values);
  const { copy, edited } = opts.acceptEdited ? readMachineRows(rows) : { copy: parseMachineRows(rows), edited: false };
  return {
    manifest: copy.manifest,
    kind: copy.kind,
    mapping: copy.mapping,
    typing: copy.typing,
    engineVersion: copy.engineVersion,
    ...(copy.tests ? { tests: copy.tests } : {}),
    copy,
    edited,
  };
}
