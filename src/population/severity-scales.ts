/**
 * Severity scales as data: the canonical values a kind's severity enum holds and the spellings
 * (aliases, lower case) read as each. Ingest types the severity column through these tables, so a
 * value outside them is an ingest issue, never a silent tier; a source profile adds its own scale
 * (Qualys 1–5, Tenable's risk factor 0–4, PagerDuty urgency…) on top.
 *
 * Tickets: `sev0`…`sev5`, where a system's own number wins over its word ("1 - High" on a scale
 * whose top is "High" is `sev1`). Vulnerabilities: critical/high/medium/low/info, from words,
 * prefixed tier numbers (P1, Tier 2: 1 = critical) and CVSS v3 base scores by the NVD ranges
 * (9.0–10.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low, 0.0 none → info). A bare 1–5 is
 * read by no default table: scanners disagree on its direction (Qualys 5 is the worst).
 *
 * @example
 * ticketSeverityAliases()['p1']             // 'sev1'
 * vulnerabilityTierAliases()['9.8']         // 'critical'
 * vulnerabilityTierAliases()['5']           // undefined
 */

export const ticketSeverities = ['sev0', 'sev1', 'sev2', 'sev3', 'sev4', 'sev5'] as const;
export const vulnerabilityTiers = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** Words of ticket scales → severity (ServiceNow, Jira, Azure DevOps, PagerDuty priorities). */
export const TICKET_WORDS: Readonly<Record<string, string>> = {
  critical: 'sev1', crit: 'sev1', blocker: 'sev1', emergency: 'sev1', urgent: 'sev1', highest: 'sev1',
  high: 'sev2', major: 'sev2',
  medium: 'sev3', moderate: 'sev3', med: 'sev3', normal: 'sev3',
  low: 'sev4', minor: 'sev4',
  info: 'sev5', informational: 'sev5', trivial: 'sev5', planning: 'sev5', lowest: 'sev5',
};

/** How ticket systems write a severity number: `P1`, `Sev-1`, `S1`, `Priority 1`, `1`. */
const TICKET_PREFIXES = ['', 'p', 'p-', 'p ', 'sev', 'sev-', 'sev ', 'sev_', 's', 's-', 'severity ', 'severity-', 'priority ', 'pri ', 'level ', 'l'];

/** Words of vulnerability scales → tier (Tenable/Nessus names, Qualys-free words). */
export const TIER_WORDS: Readonly<Record<string, string>> = {
  critical: 'critical', crit: 'critical', urgent: 'critical',
  high: 'high', important: 'high',
  medium: 'medium', moderate: 'medium', med: 'medium',
  low: 'low', minor: 'low',
  info: 'info', informational: 'info', none: 'info', log: 'info',
};

const TIER_PREFIXES = ['p', 'sev', 's', 'tier', 't', 'tier ', 'p-', 'sev-', 'tier-'];

/** The NVD's qualitative rating of a CVSS v3 base score (0.0–10.0, one decimal). */
export function cvssTier(score: number): string {
  if (score === 0) return 'info';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

let ticketTable: Record<string, string> | undefined;
let tierTable: Record<string, string> | undefined;

/** Every default spelling of a ticket severity → `sev0`…`sev5`. */
export function ticketSeverityAliases(): Readonly<Record<string, string>> {
  if (ticketTable) return ticketTable;
  const t: Record<string, string> = Object.create(null);
  for (let n = 0; n <= 5; n++) {
    for (const p of TICKET_PREFIXES) t[`${p}${n}`] = `sev${n}`;
    for (const w of Object.keys(TICKET_WORDS)) {
      t[`${n} - ${w}`] = `sev${n}`;
      t[`${n}-${w}`] = `sev${n}`;
      t[`p${n} - ${w}`] = `sev${n}`;
    }
  }
  for (const [w, sev] of Object.entries(TICKET_WORDS)) t[w] = sev;
  return (ticketTable = t);
}

/** Every default spelling of a vulnerability tier → critical/high/medium/low/info. */
export function vulnerabilityTierAliases(): Readonly<Record<string, string>> {
  if (tierTable) return tierTable;
  const t: Record<string, string> = Object.create(null);
  for (const [w, tier] of Object.entries(TIER_WORDS)) t[w] = tier;
  for (let n = 1; n <= 4; n++) for (const p of TIER_PREFIXES) t[`${p}${n}`] = vulnerabilityTiers[n - 1]!;
  for (let tenths = 0; tenths <= 100; tenths++) t[(tenths / 10).toFixed(1)] = cvssTier(tenths / 10);
  return (tierTable = t);
}
