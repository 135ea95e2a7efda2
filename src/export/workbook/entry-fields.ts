/**
 * The cells meant for people, as data: each yellow input cell of a sheet carries the entry it
 * holds (`EntryField`) — a mark on an item's manual attribute, an override of an automated result,
 * an evidence reference, a write-up of an exception, a lead-sheet field… The sheets tag their input
 * cells with it; the reader of a filled workbook turns the values found in those cells back into
 * `TeamEntries`, and `verify` lists them as entries by the team (never as differences).
 *
 * @example
 * inputCell({ kind: 'mark', order: 3, key: 'CHG0000417', attribute: 'H' }) // a yellow cell for the tester's ✓ / X / N/A
 */
import type { WorkpaperFields } from '../../evaluation/entries.js';

/** An entry about one sampled item, named by its draw order and key. */
interface ItemRef {
  order: number;
  key: string;
}

/** The lead sheet's and population sheet's inputs that `WorkpaperFields` does not hold. */
export type OtherField = 'client' | 'engagement' | 'controlDescription' | 'tsc' | 'system' | 'query' | 'extractedBy' | 'extractedAt';

/** The fields of an exception row the team writes up. */
export type WriteUpField = 'rootCause' | 'managementResponse' | 'nature';

export type EntryField =
  /** ✓ / X / N/A on a manual attribute. */
  | ({ kind: 'mark'; attribute: string } & ItemRef)
  /** ✓ / X / N/A replacing an automated result (the tool's stays visible beside it). */
  | ({ kind: 'override'; attribute: string } & ItemRef)
  /** Why the item's overrides were made (one reason per item). */
  | ({ kind: 'overrideReason' } & ItemRef)
  | ({ kind: 'evidence' } & ItemRef)
  | ({ kind: 'comment' } & ItemRef)
  /** A write-up of an exception the tool found. */
  | ({ kind: 'writeUp'; attribute: string; field: WriteUpField } & ItemRef)
  /** A row of the exceptions the team adds (row: 1-based within that table). */
  | { kind: 'added'; row: number; field: 'item' | 'attribute' | 'description' | WriteUpField }
  | { kind: 'workpaper'; field: keyof WorkpaperFields }
  /** The team's disposition of a completeness check. */
  | { kind: 'completeness'; check: string }
  | { kind: 'other'; field: OtherField };

/** Words for an entry field, for listings ("H mark of item 3 (CHG0000417)"). */
export function entryLabel(e: EntryField): string {
  switch (e.kind) {
    case 'mark':
      return `attribute ${e.attribute} of item ${e.order} (${e.key})`;
    case 'override':
      return `override of attribute ${e.attribute} of item ${e.order} (${e.key})`;
    case 'overrideReason':
      return `override reason of item ${e.order} (${e.key})`;
    case 'evidence':
      return `evidence reference of item ${e.order} (${e.key})`;
    case 'comment':
      return `comment on item ${e.order} (${e.key})`;
    case 'writeUp':
      return `${WRITE_UP_WORDS[e.field]} of the exception on item ${e.order} (${e.key}), attribute ${e.attribute}`;
    case 'added':
      return `added exception ${e.row}: ${e.field === 'item' ? 'item' : e.field === 'attribute' ? 'attribute' : e.field === 'description' ? 'description' : WRITE_UP_WORDS[e.field]}`;
    case 'workpaper':
      return WORKPAPER_WORDS[e.field];
    case 'completeness':
      return `disposition of completeness check ${e.check}`;
    case 'other':
      return OTHER_WORDS[e.field];
  }
}

export const WRITE_UP_WORDS: Record<WriteUpField, string> = { rootCause: 'root cause', managementResponse: 'management response', nature: 'isolated / systemic' };

export const WORKPAPER_WORDS: Record<keyof WorkpaperFields, string> = {
  objective: 'Control objective',
  owner: 'Control owner',
  nature: 'Nature of the control',
  frequency: 'Control frequency',
  keyControl: 'Key control',
  populationDefinition: 'Population definition',
  workpaperRef: 'Workpaper reference',
  preparedBy: 'Prepared by',
  preparedOn: 'Date prepared',
  reviewedBy: 'Reviewed by',
  reviewedOn: 'Date reviewed',
  auditorConclusion: "Auditor's conclusion",
};

export const OTHER_WORDS: Record<OtherField, string> = {
  client: 'Client',
  engagement: 'Engagement',
  controlDescription: 'Control description',
  tsc: 'TSC reference',
  system: 'System',
  query: 'Query, report or parameters',
  extractedBy: 'Extracted by',
  extractedAt: 'Extracted at',
};
