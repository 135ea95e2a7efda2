/**
 * Qualys VM scan report (or host-based findings report) in CSV: a report preamble (title, company,
 * scan summary) above the header, then one row per QID × host × port, with Qualys' own severity
 * 1–5 and `MM/DD/YYYY HH:MM:SS` dates.
 */
import type { SourceProfile } from '../types.js';
import { qualysSeverity } from '../scales.js';

export const qualys: SourceProfile = {
  id: 'qualys',
  name: 'Qualys VM scan report (CSV)',
  system: 'Qualys VMDR',
  export: 'Reports → New → Scan Report (or Scan Based Findings) → format CSV, Detailed Results.',
  signature: {
    required: ['IP', 'QID', 'Title', 'Severity', 'First Detected'],
    optional: ['Network', 'DNS', 'NetBIOS', 'Tracking Method', 'OS', 'IP Status', 'Vuln Status', 'Type', 'Port', 'Protocol', 'FQDN', 'SSL', 'Last Detected', 'Times Detected', 'Date Last Fixed', 'CVE ID', 'Vendor Reference', 'Bugtraq ID', 'CVSS3 Base', 'Threat', 'Impact', 'Solution', 'PCI Vuln', 'Ticket State', 'Instance', 'Category'],
  },
  kinds: {
    vulnerability: {
      fields: {
        vuln_id: ['QID'],
        severity: ['Severity'],
        asset: ['IP', 'DNS', 'NetBIOS'],
        discovered_at: ['First Detected'],
        remediated_at: ['Date Last Fixed'],
        exception_ref: [],
      },
      enums: { severity: qualysSeverity },
      key: ['asset', 'vuln_id'],
      unit: 'item',
      notes: [
        'Severity is Qualys\' 1–5 scale where 5 is the worst: 5 Urgent → critical, 4 Critical → high, 3 Serious → medium, 2 Medium → low, 1 Minimal → info (Qualys KnowledgeBase severity levels, https://www.qualys.com/research/knowledge/severity/). A Qualys "4" is not a critical finding on the 4-tier SLA table.',
        'vuln_id is QID, not CVE ID (blank for many QIDs, several per QID).',
        'Rows of Type "Ig" (information gathered) are not vulnerabilities: filter them when sampling (--filter "Type!=Ig").',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',', dateOrder: 'mdy', preamble: 'Scan Results report title, company and scan summary lines above the header' },
  notes: ['Dates are written MM/DD/YYYY HH:MM:SS in the report\'s time zone.'],
};
