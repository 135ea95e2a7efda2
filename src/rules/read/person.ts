/**
 * Person comparison for segregation-of-duties attributes. By default names and user ids are
 * compared after Unicode NFKC, trimming, collapsing inner whitespace and lower-casing, so that
 * `J.Smith` and ` j.smith ` are the same person; `strict` compares the text exactly.
 *
 * @example
 * samePerson('J.Smith', 'j.smith ', false) // true
 */

export function normaliseName(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function samePerson(a: string, b: string, strict: boolean): boolean {
  return strict ? a === b : normaliseName(a) === normaliseName(b);
}

/**
 * A normaliser chosen once per rule: identity when strict, else `normaliseName` memoised (people
 * repeat across a population, and NFKC is the costly part). The memo is bounded.
 */
export function nameKey(strict: boolean): (text: string) => string {
  if (strict) return (t) => t;
  const memo = new Map<string, string>();
  return (t) => {
    let k = memo.get(t);
    if (k === undefined) {
      if (memo.size >= 65_536) memo.clear();
      k = normaliseName(t);
      memo.set(t, k);
    }
    return k;
  };
}
