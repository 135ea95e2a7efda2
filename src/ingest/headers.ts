/**
 * Header names shared by CSV and XLSX: names are trimmed, and every column gets a distinct name
 * without stopping the ingest. A name repeated in the header row (Jira repeats Labels, Sprint,
 * Comment, Watchers…) keeps it for its first column; the later ones become `Labels (2)`,
 * `Labels (3)` in file order. A blank name (a trailing delimiter in a spreadsheet re-save) becomes
 * `Column N`, N its 1-based position. A generated name never takes one the file uses; every
 * renaming is recorded (position, name in the file, name given). Only a *mapped* field that could
 * be read from two columns is ambiguous — that is for the mapping to say.
 *
 * @example
 * distinctHeaders(['Key', 'Labels', 'Labels', ' ']).headers // ['Key', 'Labels', 'Labels (2)', 'Column 4']
 */
import type { RenamedHeader } from '../population/types.js';

export { columnLetter } from '../text/column-letter.js';

export function distinctHeaders(raw: readonly string[]): { headers: string[]; renamed: RenamedHeader[] } {
  const names = raw.map((h) => h.trim());
  const inFile = new Set(names);
  const taken = new Set<string>();
  const seen = new Map<string, number>();
  const renamed: RenamedHeader[] = [];
  const headers = names.map((name, i) => {
    const occurrence = name === '' ? 1 : (seen.get(name) ?? 0) + 1;
    if (name !== '') seen.set(name, occurrence);
    const base = name === '' ? `Column ${i + 1}` : name;
    let given = base;
    if (occurrence > 1 || (name === '' && inFile.has(base))) {
      for (let k = Math.max(occurrence, 2); taken.has(given) || inFile.has(given); k++) given = `${base} (${k})`;
    }
    taken.add(given);
    if (given !== name) renamed.push({ column: i + 1, original: raw[i]!, name: given });
    return given;
  });
  return { headers, renamed };
}
