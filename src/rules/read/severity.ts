/**
 * Severity normalisation for the rules. Ticket severities become `sev0`…`sev5` ("1", "P1", "Sev-1",
 * "S1", "1 - Critical", "critical" → `sev1`; high → sev2, medium → sev3, low → sev4, info → sev5).
 * Vulnerability tiers become critical/high/medium/low/info through the table ingest types the
 * column with (src/population/severity-scales.ts): words, prefixed tier numbers (P1 = critical) and
 * CVSS scores with one decimal (9.8 → critical). A bare number is not a tier: scanners disagree on
 * its direction. Ingested severities arrive already canonical (an enum); these read hand-made data.
 *
 * @example
 * normaliseSeverity('Sev-2') // 'sev2'
 * vulnerabilityTier('7.5')   // 'high'
 * vulnerabilityTier('2')     // null
 */

import { TICKET_WORDS, vulnerabilityTierAliases, vulnerabilityTiers } from '../../population/severity-scales.js';

const SEVERITY_WORDS: Record<string, string> = Object.assign(Object.create(null), TICKET_WORDS);

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

export const tiers = vulnerabilityTiers;
export type Tier = (typeof tiers)[number];

/** critical / high / medium / low / info, or null: read through the same table ingest types the severity column with. */
export function vulnerabilityTier(text: string | null | undefined): Tier | null {
  if (text == null) return null;
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  const aliases = vulnerabilityTierAliases();
  if ((tiers as readonly string[]).includes(t)) return t as Tier;
  return Object.hasOwn(aliases, t) ? (aliases[t] as Tier) : null;
}
