/**
 * Severity normalisation. Ticket severities become `sev0`…`sev5` ("1", "P1", "Sev-1", "S1",
 * "1 - Critical", "critical" → `sev1`; high → sev2, medium → sev3, low → sev4, info → sev5).
 * Vulnerability tiers become critical/high/medium/low/info: words, tier numbers 1–4 (1 = critical),
 * or a CVSS base score with a decimal point (9.8 → critical, 7.0 → high, 4.0 → medium, 0.1 → low).
 *
 * @example
 * normaliseSeverity('Sev-2') // 'sev2'
 * vulnerabilityTier('7.5')   // 'high'
 */

const SEVERITY_WORDS: Record<string, string> = Object.assign(Object.create(null), {
  critical: 'sev1', crit: 'sev1', blocker: 'sev1', emergency: 'sev1', urgent: 'sev1', highest: 'sev1',
  high: 'sev2', major: 'sev2',
  medium: 'sev3', moderate: 'sev3', med: 'sev3', normal: 'sev3',
  low: 'sev4', minor: 'sev4',
  info: 'sev5', informational: 'sev5', trivial: 'sev5', planning: 'sev5', lowest: 'sev5',
});

const SEVERITY_NUMBER = /^(?:sev(?:erity)?|s|p|pri(?:ority)?|level|l)?\s*[-_.:#]?\s*([0-5])(?![0-9.])/;

/** `sev0`…`sev5`, or null when the text names no severity. */
export function normaliseSeverity(text: string | null | undefined): string | null {
  if (text == null) return null;
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  const m = SEVERITY_NUMBER.exec(t);
  if (m) return `sev${m[1]}`;
  const word = /^[a-z]+/.exec(t)?.[0];
  if (word && Object.hasOwn(SEVERITY_WORDS, word)) return SEVERITY_WORDS[word]!;
  return null;
}

export const tiers = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Tier = (typeof tiers)[number];

const TIER_WORDS: Record<string, Tier> = Object.assign(Object.create(null), {
  critical: 'critical', crit: 'critical', urgent: 'critical',
  high: 'high', important: 'high',
  medium: 'medium', moderate: 'medium', med: 'medium',
  low: 'low', minor: 'low',
  info: 'info', informational: 'info', none: 'info', log: 'info',
});
const TIER_NUMBER = /^(?:p|sev|s|tier|t)?\s*[-_]?\s*([1-4])$/;
const CVSS = /^(\d{1,2})\.(\d)$/;

/** critical / high / medium / low / info, or null. */
export function vulnerabilityTier(text: string | null | undefined): Tier | null {
  if (text == null) return null;
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  const n = TIER_NUMBER.exec(t);
  if (n) return tiers[Number(n[1]) - 1]!;
  const c = CVSS.exec(t);
  if (c) {
    const score = Number(t);
    if (score > 10) return null;
    if (score === 0) return 'info';
    if (score < 4) return 'low';
    if (score < 7) return 'medium';
    if (score < 9) return 'high';
    return 'critical';
  }
  const word = /^[a-z]+/.exec(t)?.[0];
  if (word && Object.hasOwn(TIER_WORDS, word)) return TIER_WORDS[word]!;
  return null;
}
