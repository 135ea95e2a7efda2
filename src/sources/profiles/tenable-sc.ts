/**
 * Tenable Security Center (tenable.sc): Analysis → Vulnerabilities → Vulnerability Detail List →
 * Export as CSV. `Plugin` (the id), `Plugin Name`, `Severity` (Critical … Info), `IP Address`,
 * `DNS Name`, `First Discovered` / `Last Observed` as `Feb 9, 2024 10:48:42 UTC`.
 */
import type { SourceProfile } from '../types.js';
import { tenableRiskFactor } from '../scales.js';

export const tenableSc: SourceProfile = {
  id: 'tenable-sc',
  name: 'Tenable Security Center vulnerability detail list (CSV)',
  system: 'Tenable Security Center (tenable.sc)',
  export: 'Analysis → Vulnerabilities → Vulnerability Detail List → Options → Export as CSV (all columns).',
  signature: {
    required: ['Plugin', 'Plugin Name', 'Severity', 'IP Address', 'First Discovered'],
    optional: ['Family', 'Protocol', 'Port', 'Exploit?', 'Repository', 'MAC Address', 'DNS Name', 'NetBIOS Name', 'Plugin Output', 'Synopsis', 'Risk Factor', 'Last Observed', 'CVE', 'Vulnerability Priority Rating', 'CVSS V3 Base Score', 'Last Mitigated', 'Accept Risk Comment', 'Host ID'],
  },
  kinds: {
    vulnerability: {
      fields: {
        vuln_id: ['Plugin'],
        severity: ['Severity'],
        asset: ['IP Address', 'DNS Name'],
        discovered_at: ['First Discovered'],
        remediated_at: ['Last Mitigated'],
        exception_ref: ['Accept Risk Comment'],
      },
      enums: { severity: tenableRiskFactor },
      key: ['asset', 'vuln_id'],
      unit: 'item',
      lineItems: true,
      notes: [
        'vuln_id is Plugin (the plugin id), not CVE; the finding is a plugin on an IP address (key = asset + plugin).',
        'The cumulative view lists open findings (no Last Mitigated): open findings are judged at the period end; export the mitigated view for remediation dates.',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',' },
  notes: ['Times are written "Feb 9, 2024 10:48:42 UTC".'],
};
