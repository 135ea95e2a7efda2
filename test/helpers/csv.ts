/** Small seeded CSV builders for ingest tests (the full generator lives in src/synthetic). */
import seedrandom from 'seedrandom';

export const CHANGE_HEADER = 'Number,Type,Short Description,Requested By,Approved By,Approved On,Implemented By,Deployed On';

/**
 * A change log of `rows` rows whose descriptions often hold quoted commas, quotes and newlines,
 * so record-aligned chunk cuts land near quoted newlines at every chunk size.
 */
export function changeLogCsv(rows: number, seed = 'ingest', eol = '\n'): string {
  const rng = seedrandom(seed);
  const people = ['alice', 'bob', 'carol', 'dave', 'J.Smith', 'erin'];
  const types = ['Normal', 'Standard', 'Emergency'];
  const lines = [CHANGE_HEADER];
  const start = Date.UTC(2025, 0, 1);
  for (let i = 1; i <= rows; i++) {
    const deployed = start + Math.floor(rng() * 365 * 86_400_000);
    const approved = deployed - Math.floor(rng() * 5 * 86_400_000);
    const r = rng();
    const title = r < 0.15 ? `"Fix ""quoted"" thing ${i}${eol}second line, with comma"` : r < 0.3 ? `"Release ${i}, part ${Math.floor(r * 100)}"` : `Release ${i}`;
    const pick = (xs: string[]) => xs[Math.floor(rng() * xs.length)]!;
    lines.push([
      `CHG${String(i).padStart(7, '0')}`, pick(types), title, pick(people), pick(people),
      new Date(approved).toISOString().slice(0, 16).replace('T', ' '), pick(people), new Date(deployed).toISOString().replace('.000', ''),
    ].join(','));
  }
  return lines.join(eol) + eol;
}
