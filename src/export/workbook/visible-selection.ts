/**
 * What the "Selection" sheet shows its reader — the seed, method, algorithm, sizes, fingerprints
 * and the item list — read back as text and held against the workbook's machine copy. A CPA
 * re-performs from the visible sheet, so an edited seed or item there is a difference `verify`
 * reports, even though the hidden copy (checksummed) is intact.
 *
 * @example
 * const shown = await readVisibleSelection('CC8.1-sample.xlsx')
 * visibleDifferences(manifest, shown) // ['Selection sheet, Seed: shows "20251232", the machine copy says "20251231"']
 */
import { openXlsx } from '../../ingest/xlsx/index.js';
import type { SelectionManifest } from '../../sampling/manifest.js';
import { selectionSheet } from './sheets/selection.js';

export interface VisibleSelection {
  /** Value (second cell) of each labelled row, by its label (first cell); the first such row wins. */
  values: Map<string, string>;
  /** The manifest table: one row per item, as shown. */
  items: { order: string; key: string; prnHex: string; stratum: string; record: string }[];
}

/** The labelled rows compared, and the manifest value each shows. */
const SHOWN: [label: string, of: (m: SelectionManifest) => string][] = [
  ['Seed', (m) => m.seed],
  ['Method', (m) => m.method],
  ['PRN algorithm', (m) => m.algorithm],
  ['Items selected', (m) => String(m.selected)],
  ['Population SHA-256', (m) => m.population.sha256],
  ['Selection SHA-256', (m) => m.selectionSha256],
];

const ITEM_HEADER = ['Order', 'Key', 'PRN hex', 'PRN', 'Stratum', 'Source record'];

/** The Selection sheet's labelled values and item table, as text (undefined when the sheet is gone). */
export async function readVisibleSelection(path: string): Promise<VisibleSelection | undefined> {
  let book;
  try {
    book = await openXlsx(path, { sheet: selectionSheet.name });
  } catch {
    return undefined;
  }
  const values = new Map<string, string>();
  const items: VisibleSelection['items'] = [];
  let inItems = false;
  for await (const { values: cells } of book.rows) {
    if (inItems) {
      if (!/^\d+$/.test(cells[0] ?? '')) break;
      items.push({ order: cells[0]!, key: cells[1] ?? '', prnHex: cells[2] ?? '', stratum: cells[4] ?? '', record: cells[5] ?? '' });
      continue;
    }
    if (ITEM_HEADER.every((h, i) => cells[i] === h)) inItems = true;
    else if (cells.length >= 2 && cells[1] !== '' && !values.has(cells[0]!)) values.set(cells[0]!, cells[1]!);
  }
  return { values, items };
}

/** Where what the sheet shows is not what the machine copy's manifest says; none when they agree. */
export function visibleDifferences(manifest: SelectionManifest, shown: VisibleSelection | undefined): string[] {
  if (!shown) return [`the workbook has no "${selectionSheet.name}" sheet to compare with its machine copy`];
  const out: string[] = [];
  for (const [label, of] of SHOWN) {
    const value = shown.values.get(label);
    if (value !== of(manifest)) out.push(`${selectionSheet.name} sheet, ${label}: shows ${JSON.stringify(value ?? null)}, the machine copy says ${JSON.stringify(of(manifest))}`);
  }
  const n = Math.max(manifest.items.length, shown.items.length);
  for (let i = 0; i < n; i++) {
    const item = manifest.items[i];
    const row = shown.items[i];
    if (!item || !row) {
      out.push(`${selectionSheet.name} sheet, manifest table: ${shown.items.length} item row(s) shown, ${manifest.items.length} selected`);
      break;
    }
    const expected = { order: String(item.order), key: item.key, prnHex: item.prnHex, stratum: item.stratum ?? '', record: String(item.record) };
    const changed = (Object.keys(expected) as (keyof typeof expected)[]).filter((k) => row[k] !== expected[k]);
    if (changed.length) out.push(`${selectionSheet.name} sheet, item ${i + 1}: ${changed.map((k) => `${k} shows ${JSON.stringify(row[k])}, the copy says ${JSON.stringify(expected[k])}`).join('; ')}`);
  }
  return out;
}
