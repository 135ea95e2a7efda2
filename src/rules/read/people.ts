/**
 * The people named in one cell. A person field may hold several (`approvedBy` "alice;bob", Jira
 * Approvers "a, b", a JSON array `["a","b"]`) when the population says which separators it uses
 * (`PopulationMeta.multiValue`, from the source profile or `--multi-value`); otherwise the cell is
 * one person. Empty parts are dropped; each person keeps its own text (names are compared later,
 * after `normaliseName`).
 *
 * @example
 * peopleIn('alice; bob', [';']) // ['alice', 'bob']
 * peopleIn('["a","b"]', [','])  // ['a', 'b']
 */
export function peopleIn(text: string | null, separators?: readonly string[]): string[] {
  if (text == null) return [];
  const t = text.trim();
  if (t === '') return [];
  if (!separators?.length) return [t];
  if (t.startsWith('[') && t.endsWith(']')) {
    try {
      const arr = JSON.parse(t) as unknown;
      if (Array.isArray(arr)) return arr.filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter((x) => x !== '');
    } catch { /* not JSON: split it below */ }
  }
  let parts = [t];
  for (const sep of separators) parts = parts.flatMap((p) => p.split(sep));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}
