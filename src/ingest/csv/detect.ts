/**
 * Sniffing the start of a CSV file: its byte order mark (UTF-8, UTF-16LE/BE; without one the
 * encoding is judged from the text: encoding.ts), whether it is text at all, and its delimiter
 * (comma, semicolon, tab or pipe).
 *
 * @example
 * detectDelimiter('a;b;c\n1;"2,5";3\n') // ';'
 */
import { tickmarkError } from '../../errors.js';

/** A file's encoding as recorded in its fingerprint (`utf-8-bom`: UTF-8 with a byte order mark). */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-1';
export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The byte order mark at the start of a file: what it says, and its length (UTF-8 without one: length 0). */
export function detectEncoding(head: Buffer): { encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be'; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8-bom', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: 'utf-8', bomLength: 0 };
}

/** Refuse bytes that are clearly not text: a NUL, or many control characters, in the first 8 KiB. */
export function assertText(head: Buffer): void {
  const n = Math.min(head.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) throw tickmarkError('TM_ERR_BINARY_FILE', { byte: '00', offset: i });
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  if (n > 0 && control / n > 0.05) {
    const at = head.findIndex((b) => b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12);
    throw tickmarkError('TM_ERR_BINARY_FILE', { byte: head[at]!.toString(16).padStart(2, '0'), offset: at });
  }
}

/** Count each candidate delimiter outside quotes, line by line, over the sample's first lines. */
function countsPerLine(sample: string, maxLines = 50): Map<string, number[]> {
  const counts = new Map<string, number[]>(DELIMITERS.map((d) => [d, [0]]));
  let inQuote = false;
  let lines = 0;
  for (let i = 0; i < sample.length && lines < maxLines; i++) {
    const c = sample[i]!;
    if (c === '"') inQuote = !inQuote;
    else if (!inQuote && c === '\n') {
      lines++;
      for (const arr of counts.values()) arr.push(0);
    } else if (!inQuote && counts.has(c)) {
      const arr = counts.get(c)!;
      arr[arr.length - 1]!++;
    }
  }
  // Drop the trailing partial line unless it is the only one.
  if (lines > 0) for (const arr of counts.values()) arr.pop();
  return counts;
}

/**
 * The delimiter that splits the sample's lines most evenly: for each candidate, its most common
 * non-zero count per line (ties: the larger), and the share of lines with exactly that count —
 * lines above a table (a title, a `#TYPE` line) do not have it, and do not decide. Ties go to the
 * higher count, then to the order comma, semicolon, tab, pipe.
 */
export function detectDelimiter(sample: string): string {
  let best: string = ',';
  let bestScore = -1;
  for (const [d, perLine] of countsPerLine(sample)) {
    const seen = new Map<number, number>();
    for (const n of perLine) if (n > 0) seen.set(n, (seen.get(n) ?? 0) + 1);
    let count = 0;
    let lines = 0;
    for (const [n, k] of seen) if (k > lines || (k === lines && n > count)) [count, lines] = [n, k];
    if (count === 0) continue;
    const score = (lines / perLine.length) * 1000 + Math.min(count, 999);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
