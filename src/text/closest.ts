/**
 * "Did you mean …?" for a mistyped command, flag or kind: the closest known name by edit
 * distance, when it is close enough to be a typo (at most a third of its length, and 3).
 *
 * @example
 * closestName('sise', ['size', 'seed', 'strata']) // 'size'
 * closestName('zzz', ['size']) // undefined
 */
import { editDistance } from './edit-distance.js';

export function closestName(typed: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = typed.toLowerCase();
  for (const name of known) {
    const d = editDistance(lower, name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.min(3, Math.max(1, Math.ceil(typed.length / 3))) ? best : undefined;
}

/** " (did you mean X?)", or nothing. */
export function didYouMean(typed: string, known: readonly string[], prefix = ''): string {
  const best = closestName(typed, known);
  return best ? ` (did you mean ${prefix}${best}?)` : '';
}
