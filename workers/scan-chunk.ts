/** Worker: one pass over one cached chunk (completeness, selection, attribute tests). */
import { workerEntry } from '../src/pool/worker-entry.js';
import { loadScanModules, scanChunk, type ScanPayload } from '../src/scan/scan-chunk.js';

export default workerEntry(async (p: ScanPayload) => scanChunk(p, await loadScanModules(p.jobs)));
