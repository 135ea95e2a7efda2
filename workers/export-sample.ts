/** Worker: build a large sample's download (workbook, CSV, JSON) from the data directory. */
import { workerEntry } from '../src/pool/worker-entry.js';
import { exportTask, type ExportTask } from '../src/operations/export-sample-file.js';

export default workerEntry((task: ExportTask) => exportTask(task));
