/**
 * Nessus scan results exported as CSV (Nessus Professional/Manager, or a scan's results downloaded
 * from Tenable Vulnerability Management in Nessus format): `Plugin ID, CVE, CVSS v2.0 Base Score,
 * Risk, Host, Protocol, Port, Name, Synopsis, Description, Solution, See Also, Plugin Output` and,
 * in the managed variant, `Host Start` / `Host End`.
 */
import type { SourceProfile } from '../types.js';
import { tenableRiskFactor } from '../scales.js';

export const nessus: SourceProfile = {
  id: 'nessus',
  name: 'Nessus scan results (CSV)',
  system: 'Tenable Nessus',
  export: 'Scans → the scan → Report/Export → CSV (all columns).',
  signature: {
    required: ['Plugin ID', 'Risk', 'Host', 'Name', 'Plugin Output'],
    optional: ['CVE', 'CVSS v2.0 Base Score', 'CVSS v3.0 Base Score', 'CVSS', 'Protocol', 'Port', 'Synopsis', 'Description', 'Solution', 'See Also', 'STIG Severity', 'Risk Factor', 'VPR Score', 'Plugin Publication Date', 'Plugin Modification Date', 'Asset UUID', 'Vulnerability State', 'IP Address', 'FQDN', 'NetBios', 'Host Start', 'Host End'],
  },
  kinds: {
    vulnerability: {
      fields: {
        vuln_id: ['Plugin ID'],
        severity: ['Risk', 'Risk Factor'],
        asset: ['Host', 'FQDN', 'IP Address'],
        discovered_at: ['Host Start'],
        remediated_at: [],
        exception_ref: [],
      },
      enums: { severity: tenableRiskFactor },
      key: ['asset', 'vuln_id'],
      unit: 'item',
      lineItems: true,
      notes: [
        'vuln_id is Plugin ID, never CVE (blank for most plugins, repeated across hosts).',
        'A scan lists what it found when it ran: discovered_at is Host Start, the scan of that host; there is no remediation date (a later scan not finding it is the evidence).',
        'Nessus Professional\'s own CSV has no Host Start: the ingest stops at discovered_at — export from Nessus Manager/Tenable, or map a scan-date column.',
        'Risk and Risk Factor carry the same None … Critical value; Risk is read.',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',' },
  notes: [],
};
