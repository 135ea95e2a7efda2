/**
 * The canonical text of an ordered selection and its SHA-256 — the fingerprint a manifest
 * records and `verify` recomputes. Exactly:
 *
 *   one line per item, in draw order:  ORDER <TAB> KEY <TAB> PRNHEX <TAB> STRATUM <LF>
 *
 * ORDER is the 1-based draw order in decimal, KEY the record key, PRNHEX the 13 lower-case hex
 * digits of the PRN, STRATUM the stratum id or the empty string. In KEY and STRATUM a backslash
 * is written `\\`, a tab `\t`, a line feed `\n` and a carriage return `\r`. The text is UTF-8,
 * every line ends with LF (an empty selection is the empty text), and the digest is lower-case hex.
 * Key items are orders 1..K (the manifest's keyItems.count); source record numbers are not part
 * of the text, so a row-shuffled copy of the population gives the same fingerprint.
 *
 * @example
 * canonicalSelectionText([{ order: 1, key: 'CHG1', prnHex: '00a3f0c2d1e4b', stratum: '2025-01' }])
 * // '1\tCHG1\t00a3f0c2d1e4b\t2025-01\n'
 */
import { createHash } from 'node:crypto';

export interface CanonicalItem {
  order: number;
  key: string;
  prnHex: string;
  stratum?: string;
}

const escapeField = (text: string): string => text.replace(/[\\\t\n\r]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r'));

/** One canonical line (with its LF). */
export function canonicalLine(item: CanonicalItem): string {
  return `${item.order}\t${escapeField(item.key)}\t${item.prnHex}\t${escapeField(item.stratum ?? '')}\n`;
}

export function canonicalSelectionText(items: readonly CanonicalItem[]): string {
  return [...items].sort((a, b) => a.order - b.order).map(canonicalLine).join('');
}

/**
 * SHA-256 (hex) of the canonical selection text.
 *
 * @example
 * selectionSha256([]) // 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 */
export function selectionSha256(items: readonly CanonicalItem[]): string {
  return createHash('sha256').update(canonicalSelectionText(items), 'utf8').digest('hex');
}
