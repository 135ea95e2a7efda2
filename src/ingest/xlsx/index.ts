/**
 * XLSX ingest: stream one worksheet of an .xlsx file as text records (see read.ts), with the
 * zip-bomb limits checked before and during inflation.
 *
 * @example
 * import { openXlsx } from './xlsx/index.js'
 * const book = await openXlsx('changes.xlsx')
 * book.headers // ['Number', 'Deployed', …]
 */
export { openXlsx, type XlsxRecord, type XlsxRecords } from './read.js';
export { DEFAULT_XLSX_LIMITS, RATIO_EXEMPT_BYTES, type XlsxLimits, type XlsxReadOptions } from './options.js';
