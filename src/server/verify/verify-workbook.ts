/**
 * Verify an uploaded workbook against the population file it was drawn from: this runs the CLI's
 * own `tickmark verify OUT.xlsx FILE --json` (the command, in process) over a private data
 * directory, so the service reports exactly what the command would, and the store the service
 * serves gets no population of its own from it. The result is the command's JSON: whatever the
 * verification says (its differences as sentences, or as the cells they are in), the app shows.
 *
 * @example
 * const v = await verifyUploadedWorkbook({ workbook: '/…/upload.xlsx', population: '/…/source.csv', scratch: store.tempDir() })
 * v.identical // true
 */
import { join } from 'node:path';
import { tickmarkError } from '../../errors.js';
import { verifyCommand } from '../../cli/commands/verify.js';

/** What a verification says: identical or not, and each difference by part (see `tickmark verify --json`). */
export interface WorkbookVerificationView {
  identical: boolean;
  selection: { identical: boolean; differences: string[]; manifestSha256?: string; recomputedSha256?: string };
  workbook: { identical: boolean; differences: unknown[]; entries?: unknown[]; problems?: unknown[]; notes?: string[] };
  tests: { status: 'identical' | 'different' | 'not_rerun'; reason?: string; compared?: number; differences: string[] } | null;
  population?: { identical: boolean; workbook: { name: string; sha256: string; rows: number }; file: { name: string; sha256: string; rows: number } };
  engineVersion: { workbook: string; running: string };
}

export async function verifyUploadedWorkbook(args: { workbook: string; population: string; scratch: string; workers?: number }): Promise<WorkbookVerificationView> {
  const out: string[] = [];
  const values: Record<string, string | boolean> = { json: true, 'data-dir': join(args.scratch, 'store') };
  if (args.workers !== undefined) values.workers = String(args.workers);
  await verifyCommand.run({ values, positionals: [args.workbook, args.population], io: { out: (t) => out.push(t), err: () => {}, isTTY: false } });
  try {
    return JSON.parse(out.join('')) as WorkbookVerificationView;
  } catch {
    throw tickmarkError('TM_ERR_INTERNAL', { message: 'the verification printed no result' });
  }
}
