/** Worker: parse, type and cache one record-aligned CSV chunk. */
import { parseChunk } from '../src/ingest/csv/parse-chunk.js';
import { workerEntry } from '../src/pool/worker-entry.js';

export default workerEntry(parseChunk);
