/**
 * Header normalisation for matching: camelCase and acronym runs split into words (`mergedAt` →
 * `merged at`, `EmployeeID` → `employee id`, `IPAddress` → `ip address`), accents dropped, then
 * lower case with every run of punctuation — `_`, `.`, `-`, `#`, brackets — folded to one space
 * (`approval_set`, `actor.alternateId`, `Created At (UTC)` → `approval set`, `actor alternate id`,
 * `created at utc`). `headerCore` also drops bracketed annotations (`Status [READ ONLY]` →
 * `status`, `Created At (UTC)` → `created at`).
 *
 * @example
 * normalizeHeader('actor.alternateId') // 'actor alternate id'
 */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([A-Z]+)([A-Z][a-z]{2,})/g, '$1 $2')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The header without bracketed annotations, normalised. */
export function headerCore(h: string): string {
  return normalizeHeader(h.replace(/\([^()]*\)|\[[^[\]]*\]/g, ' '));
}
