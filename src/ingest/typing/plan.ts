/**
 * The typing plan: for every source column, which canonical field (if any) it feeds and how its
 * text is typed. Serialisable, so it travels to the parse workers with each chunk.
 */
import type { FieldSpec, FieldType } from '../../population/kinds.js';
import type { FieldFormat, TypingOptions } from '../../population/types.js';

export interface ColumnPlan {
  header: string;
  /** Canonical fields fed by this column (usually 0 or 1); `format`: how its values are written, when known; `aliases`: enum spellings read as a value. */
  fields: { name: string; type: FieldType; values?: readonly string[]; aliases?: Readonly<Record<string, string>>; format?: FieldFormat }[];
}

export interface TypingPlan {
  headers: string[];
  columns: ColumnPlan[];
  typing: TypingOptions;
  /** How many value issues to keep in full per chunk (all are counted). */
  issueSample: number;
}

export function makeTypingPlan(headers: string[], mapping: Record<string, string>, fields: FieldSpec[], typing: TypingOptions): TypingPlan {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const columns: ColumnPlan[] = headers.map((header) => ({ header, fields: [] }));
  for (const [field, header] of Object.entries(mapping)) {
    const spec = byName.get(field);
    const col = columns[headers.indexOf(header)];
    if (!spec || !col) continue;
    const format = typing.formats?.[field];
    col.fields.push({ name: field, type: spec.type, ...(spec.values ? { values: spec.values } : {}), ...(spec.aliases ? { aliases: spec.aliases } : {}), ...(format ? { format } : {}) });
  }
  return { headers, columns, typing, issueSample: 200 };
}
