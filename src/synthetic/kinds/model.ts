/**
 * The shape of one kind's row model: its client-export columns (each mapped to a canonical field
 * of src/population/kinds.ts or left unmapped), its key and event time, the fields a blank-required
 * defect may empty, its rule parameters, and a row maker that writes clean rows or rows carrying
 * exactly one deviation.
 *
 * @example
 * const maker = changeModel.create(env)
 * maker.row({ at, day, number: 1, variant: 'selfApproval' }) // cells, approver = requester
 */
import type { Kind } from '../../population/kinds.js';
import type { RowVariant } from '../defects.js';
import type { RandomStream } from '../rng.js';
import type { TimestampWriter } from '../time.js';

export interface ColumnSpec {
  header: string;
  /** Canonical field the header maps onto (through kinds.ts synonyms); absent when unmapped. */
  field?: string;
  /** Free text that may hold delimiters, quotes or newlines (quoted when it does). */
  text?: boolean;
}

export interface ModelEnv {
  /** Content draws (names, titles, clean offsets). */
  rand: RandomStream;
  /** Draws for deviation-specific offsets. */
  deviationRand: RandomStream;
  ts: TimestampWriter;
  timeZone: string;
  /** Issues the next key number (applies any pending sequence gap). Used by models that number per group. */
  nextNumber(): number;
  /** `prefix + zero-padded number`. */
  keyText(n: number): string;
}

export interface RowRequest {
  /** Event instant (UTC ms, whole seconds). */
  at: number;
  /** Local day number of `at`. */
  day: number;
  /** Key number for models numbering per row (0 when the key cell will be blanked). */
  number: number;
  /** The one deviation (or passing variant) this row must carry, or null for a clean row. */
  variant: RowVariant | null;
}

export interface RowMaker {
  /** Raw (unquoted) cells in column order. */
  row(request: RowRequest): string[];
  /** Changes a harmless non-key column of a clean row in place (for a duplicate-key twin). */
  vary(cells: string[]): void;
}

export interface KindModel {
  kind: Kind;
  /** Key prefix, e.g. CHG. */
  prefix: string;
  columns: ColumnSpec[];
  /** Canonical fields forming the key (kinds.ts key; for generic the mapped `key`). */
  keyFields: string[];
  /** Canonical event-time field. */
  eventField: string;
  /** Fields a blankRequired defect empties, in rotation. */
  required: string[];
  /** 'row': the generator issues one number per row; 'model': the model calls env.nextNumber(). */
  numbering: 'row' | 'model';
  /** Column whose text gets the embedded newline when a row is drawn for one. */
  newlineColumn: string;
  /** Header of an amount column summed into the manifest's control total. */
  amountColumn?: string;
  /** Rule parameters the clean rows respect and the deviations break. */
  parameters: Record<string, unknown>;
  create(env: ModelEnv): RowMaker;
}
