/**
 * The sample as one flat table, for the CSV and JSON exports: per item its draw order, key,
 * stratum, PRN, source record and line, every source column's raw text, and — when tested — one
 * column per attribute with the result word (pass / exception / n/a / manual).
 *
 * @example
 * const { headers, rows } = sampleTable(input)
 * headers.slice(0, 4) // ['order', 'key', 'stratum', 'key_item']
 */
import { workbookModel } from './workbook/model.js';
import type { WorkbookInput } from './workbook/input.js';
import { statusWord } from './workbook/tickmarks.js';

export interface SampleTable {
  headers: string[];
  rows: (string | number | null)[][];
}

export function sampleTable(input: WorkbookInput): SampleTable {
  const model = workbookModel(input);
  const sourceHeaders = input.population.headers;
  const headers = [
    'order', 'key', 'stratum', 'key_item', 'prn', 'prn_hex', 'source_record', 'source_line',
    ...sourceHeaders, ...model.attributes.map((a) => `${a.attribute} ${a.name}`),
  ];
  const rows = model.items.map((item) => [
    item.order, item.key, item.stratum ?? null, item.keyItem ? 'yes' : 'no', item.prn, item.prnHex, item.record, item.line,
    ...sourceHeaders.map((h) => item.row?.values[h] ?? null),
    ...model.attributes.map((_, i) => {
      const o = item.result?.outcomes[i];
      return o ? statusWord(o.status) : null;
    }),
  ]);
  return { headers, rows };
}
