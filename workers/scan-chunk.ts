/** Worker: one pass over one cached chunk (completeness, selection, attribute tests). */
import { workerEntry } from '../src/pool/worker-entry.js';
import { scanChunk } from '../src/scan/scan-chunk.js';

export default workerEntry(scanChunk);
