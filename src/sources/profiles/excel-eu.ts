/**
 * A European Excel "CSV (semicolon)": what Excel writes on a machine with a European locale —
 * `;` between fields (the comma is the decimal separator), Windows-1252 text, `dd.mm.yyyy` dates
 * and `1.234,56` numbers. Not a system: a way files are written. It feeds every kind with the
 * kind's own header synonyms and is chosen only when no system profile matches.
 */
import type { SourceProfile } from '../types.js';

export const excelEu: SourceProfile = {
  id: 'excel-eu',
  name: 'European Excel CSV (semicolon, Windows-1252, day-first dates)',
  system: 'Microsoft Excel (European locale)',
  export: 'Excel → Save As → CSV (semicolon delimited) on a European-locale machine.',
  signature: { required: [], delimiter: ';' },
  kinds: {},
  anyKind: true,
  read: { encoding: 'windows-1252', delimiter: ';', dateOrder: 'dmy', decimal: ',' },
  notes: [
    'Dot dates (14.03.2025) are read day first; a slash date column takes the order its values prove (a day above 12). A column of only ambiguous slash dates needs --date-order: the delimiter alone does not prove the locale.',
    'Windows-1252 is recognised from the text itself; decimal commas (1.234,56) are not read as numbers by any canonical field yet.',
  ],
};
