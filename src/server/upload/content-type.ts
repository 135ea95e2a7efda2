/**
 * Which upload bodies the population route accepts: multipart/form-data (one file part, options
 * as fields before it), a raw text/csv body, or a raw XLSX body. Anything else is a 415.
 *
 * @example
 * uploadBodyKind('text/csv; charset=utf-8') // 'csv'
 */
import { tickmarkError } from '../../errors.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type UploadBody = 'multipart' | 'csv' | 'xlsx';

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export function uploadBodyKind(contentType: string | undefined): UploadBody {
  const type = mediaType(contentType);
  if (type === 'multipart/form-data') return 'multipart';
  if (type === 'text/csv') return 'csv';
  if (type === XLSX_MIME) return 'xlsx';
  throw tickmarkError('TM_ERR_UNSUPPORTED_MEDIA', { type: type || '(none)', accepted: ['multipart/form-data', 'text/csv', XLSX_MIME] });
}

/** The format of a multipart file part, from an explicit option, its content type or its name. */
export function fileFormat(explicit: 'csv' | 'xlsx' | undefined, mimetype: string | undefined, filename: string | undefined): 'csv' | 'xlsx' {
  if (explicit) return explicit;
  if (mediaType(mimetype) === XLSX_MIME || /\.xlsx$/i.test(filename ?? '')) return 'xlsx';
  return 'csv';
}
