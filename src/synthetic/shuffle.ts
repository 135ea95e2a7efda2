/**
 * Shuffles the data records of a small CSV file (≤ ~200k rows, held in memory) into a seeded order,
 * keeping the header (and a BOM) first. Record-aware: a newline inside a quoted cell stays inside
 * its record. Used to prove that results do not depend on row order.
 *
 * @example
 * await shuffleCsvRows('changes.csv', 'changes-shuffled.csv', 42) // { records: 500 }
 */
import { readFile, writeFile } from 'node:fs/promises';
import { randomStream } from './rng.js';

/** Splits CSV text into records (each with its own line terminator, if any), quote-aware. */
export function splitCsvRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted; // '"' — doubled quotes toggle twice
    else if (c === 10 && !quoted) {
      records.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start));
  return records;
}

export async function shuffleCsvRows(inPath: string, outPath: string, seed: string | number): Promise<{ records: number }> {
  const text = await readFile(inPath, 'utf8');
  const records = splitCsvRecords(text);
  if (records.length === 0) {
    await writeFile(outPath, text);
    return { records: 0 };
  }
  const header = records[0]!;
  const data = records.slice(1);
  const eol = header.endsWith('\r\n') ? '\r\n' : '\n';
  const last = data.length - 1;
  if (last >= 0 && !data[last]!.endsWith('\n')) data[last] += eol;
  const rand = randomStream(seed, 'shuffle');
  for (let i = data.length - 1; i > 0; i--) {
    const j = rand.int(i + 1);
    const t = data[i]!;
    data[i] = data[j]!;
    data[j] = t;
  }
  await writeFile(outPath, header + data.join(''));
  return { records: data.length };
}
