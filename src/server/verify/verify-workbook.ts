/**
 * Verify an uploaded workbook against the population file it was drawn from, with the operation
 * `tickmark verify OUT.xlsx FILE` runs (operations/verify-workbook.ts), over a private store in
 * the upload's scratch folder — as the command does with its own data directory — so the file
 * read for the check leaves no population in the store the service serves.
 *
 * @example
 * const v = await verifyUploadedWorkbook({ workbook: '/…/upload.xlsx', population: '/…/population.csv', scratch: store.tempDir() })
 * v.identical // true
 */
import { join } from 'node:path';
import { verifyWorkbook, type WorkbookVerification } from '../../operations/verify-workbook.js';
import { openStore } from '../../store/store.js';

export type { WorkbookVerification };

export async function verifyUploadedWorkbook(args: { workbook: string; population: string; scratch: string; workers?: number; actor?: string }): Promise<WorkbookVerification> {
  const store = openStore({ dataDir: join(args.scratch, 'store') });
  try {
    return await verifyWorkbook(store, args.workbook, args.population, { ...(args.workers !== undefined ? { workers: args.workers } : {}), ...(args.actor ? { actor: args.actor } : {}) });
  } finally {
    store.close();
  }
}
