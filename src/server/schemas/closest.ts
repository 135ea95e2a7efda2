/**
 * "Did you mean": the known name closest to an unknown one (edit distance, case folded), when it
 * is close enough to be a likely typo — at most a third of the longer name's letters apart.
 *
 * @example
 * closestName('sise', ['seed', 'size', 'plan']) // 'size'
 * closestName('zzz', ['seed', 'size'])          // undefined
 */
import { editDistance } from '../../text/edit-distance.js';

export function closestName(name: string, known: readonly string[]): string | undefined {
  const folded = name.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(folded, k.toLowerCase());
    if (!best || d < best.d) best = { name: k, d };
  }
  if (!best) return undefined;
  return best.d <= Math.max(1, Math.floor(Math.max(name.length, best.name.length) / 3)) ? best.name : undefined;
}
