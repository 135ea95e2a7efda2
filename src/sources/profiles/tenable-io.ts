/**
 * Tenable Vulnerability Management (tenable.io): Explore → Findings → Vulnerabilities → Export →
 * CSV. One row per plugin × host × port, Nessus-style columns plus the finding's life cycle
 * (`First Discovered`, `Last Observed`, `Vulnerability State`, `Last Fixed`), times written
 * `Aug 17, 2025 17:39:43 UTC`.
 */
import type { SourceProfile } from '../types.js';
import { tenableRiskFactor } from '../scales.js';

export const tenableIo: SourceProfile = {
  id: 'tenable-io',
  name: 'Tenable Vulnerability Management findings (tenable.io CSV export)',
  system: 'Tenable Vulnerability Management (tenable.io)',
  export: 'Explore → Findings → Vulnerabilities → Export → CSV (all columns).',
  signature: {
    required: ['Plugin ID', 'Risk', 'Host', 'First Discovered'],
    optional: ['CVE', 'CVSS v2.0 Base Score', 'CVSS v3.0 Base Score', 'Protocol', 'Port', 'Name', 'Synopsis', 'Description', 'Solution', 'See Also', 'Plugin Output', 'Last Observed', 'Vulnerability State', 'Asset UUID', 'IP Address', 'FQDN', 'NetBios', 'OS', 'Last Fixed', 'Plugin Family'],
  },
  kinds: {
    vulnerability: {
      fields: {
        vuln_id: ['Plugin ID'],
        severity: ['Risk'],
        asset: ['Host', 'FQDN', 'IP Address'],
        discovered_at: ['First Discovered'],
        remediated_at: ['Last Fixed'],
        exception_ref: [],
      },
      enums: { severity: tenableRiskFactor },
      key: ['asset', 'vuln_id'],
      unit: 'item',
      lineItems: true,
      notes: [
        'vuln_id is Plugin ID, never CVE: CVE is blank for most plugins (configuration, end-of-life, information) and the same CVE is reported by several plugins and on every host.',
        'The finding is a plugin on a host: key = asset + plugin, so the rows of one finding on several ports travel together in a sample.',
        'Risk is None/Low/Medium/High/Critical (Tenable\'s CVSS-based severity); None reads as info (no SLA).',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',' },
  notes: ['Times are written "Aug 17, 2025 17:39:43 UTC".'],
};
