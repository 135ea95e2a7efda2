/**
 * Severity scales shared by several profiles (spellings, lower case → canonical tier).
 *
 * Qualys: severity levels 1 (minimal), 2 (medium), 3 (serious), 4 (critical), 5 (urgent), higher
 * is worse (https://www.qualys.com/research/knowledge/severity/); read onto the four SLA tiers so
 * that Urgent is critical and Minimal carries no SLA.
 * Tenable/Nessus: Critical/High/Medium/Low/None (Info), and the numeric risk factor 4 … 0.
 */
export const qualysSeverity: Record<string, string> = {
  '5': 'critical', '4': 'high', '3': 'medium', '2': 'low', '1': 'info',
  urgent: 'critical', critical: 'high', serious: 'medium', medium: 'low', minimal: 'info',
};

export const tenableRiskFactor: Record<string, string> = {
  '4': 'critical', '3': 'high', '2': 'medium', '1': 'low', '0': 'info', none: 'info', info: 'info',
};
