/**
 * Per-field format hints (`IngestOptions.formats`): what a source profile or the user knows about
 * how one canonical field is written — epoch seconds/milliseconds, or the day/month order of its
 * numeric dates. Checked and put in a canonical order (field names sorted), since they are part
 * of the population's identity. Hints for fields the mapping does not use are kept and have no
 * effect (a profile may describe columns an export lacks).
 *
 * @example
 * checkFieldFormats({ opened_at: { epoch: 'ms' } }) // { opened_at: { epoch: 'ms' } }
 */
import { tickmarkError } from '../../errors.js';
import type { FieldFormat } from '../../population/types.js';

export function checkFieldFormats(formats: Record<string, FieldFormat>): Record<string, FieldFormat> {
  if (!formats || typeof formats !== 'object' || Array.isArray(formats)) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'formats', expected: 'must be an object of field → { epoch?, dateOrder? }', got: formats });
  }
  const out: Record<string, FieldFormat> = {};
  for (const field of Object.keys(formats).sort()) {
    const f = formats[field] as FieldFormat | undefined;
    const bad = (what: string, got: unknown) => tickmarkError('TM_ERR_INVALID_OPTION', { option: `formats.${field}${what}`, expected: what === '' ? 'must be an object { epoch?, dateOrder? }' : what === '.epoch' ? 'must be s or ms' : 'must be dmy or mdy', got });
    if (!f || typeof f !== 'object' || Array.isArray(f)) throw bad('', f);
    for (const key of Object.keys(f)) if (key !== 'epoch' && key !== 'dateOrder') throw bad('', f);
    if (f.epoch !== undefined && f.epoch !== 's' && f.epoch !== 'ms') throw bad('.epoch', f.epoch);
    if (f.dateOrder !== undefined && f.dateOrder !== 'dmy' && f.dateOrder !== 'mdy') throw bad('.dateOrder', f.dateOrder);
    out[field] = { ...(f.epoch ? { epoch: f.epoch } : {}), ...(f.dateOrder ? { dateOrder: f.dateOrder } : {}) };
  }
  return out;
}
