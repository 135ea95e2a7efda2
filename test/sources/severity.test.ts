/**
 * Severity scales come from the profile and are typed at ingest: Qualys' 5 (its worst) is
 * critical with the critical SLA, its 4 is high; a value no table knows is an ingest issue — the
 * row then has no severity, so no SLA is applied silently.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { tickmarkJson } from './cli.js';

const QUALYS = ['IP,DNS,QID,Title,Type,Severity,Port,First Detected,Last Detected,Date Last Fixed',
  '10.0.0.1,web-01,376157,Apache Log4j RCE,Vuln,5,443,02/03/2025 10:00:00,02/24/2025 10:00:00,02/25/2025 10:00:00',
  '10.0.0.2,web-02,370499,OpenSSL Multiple Vulnerabilities,Vuln,4,443,02/03/2025 10:00:00,02/24/2025 10:00:00,02/25/2025 10:00:00',
  '10.0.0.3,web-03,38173,SSL Certificate - Signature Verification Failed,Vuln,2,443,02/03/2025 10:00:00,02/24/2025 10:00:00,02/25/2025 10:00:00',
  '10.0.0.4,web-04,45038,Host Scan Time,Ig,1,,02/03/2025 10:00:00,02/24/2025 10:00:00,02/25/2025 10:00:00',
  '10.0.0.5,web-05,99999,Unknown scale,Vuln,9,443,02/03/2025 10:00:00,02/24/2025 10:00:00,02/25/2025 10:00:00',
].join('\r\n');

describe('severity scales', () => {
  it('Qualys 1–5: 5 is critical (15-day SLA), 4 high, 2 low, 1 info (no SLA); an unknown 9 is an ingest issue', async () => {
    const dir = tempDir();
    const file = join(dir, 'qualys.csv');
    writeFileSync(file, QUALYS);
    const data = ['--data-dir', join(dir, 'data'), '--workers', '0'];
    const pop = await tickmarkJson('ingest', file, ...data);
    expect([pop.profile.id, pop.mapping.severity]).toEqual(['qualys', 'Severity']);
    expect(pop.issues.byCode).toEqual({ invalid_value: 1 });
    expect(pop.issues.first[0]).toMatchObject({ column: 'Severity', field: 'severity', raw: '9', expected: 'one of critical, high, medium, low, info', record: 5 });
    const run = await tickmarkJson('test', pop.id, '--all', ...data);
    // 22 days to fix: late for the 5 (critical, 15 days), in time for the 4 (high, 30) and the 2 (low, 180); the 1 (info) has no SLA.
    expect(run.attributes[0]).toMatchObject({ rule: 'vulnerability.remediated_within_sla', tested: 4, deviations: 2, notApplicable: 1 });
    expect(run.findings.map((f: { key: string; message: string; observed: { tier?: string } }) => [f.key, f.message, f.observed.tier ?? null])).toEqual([
      ['10.0.0.1\u001f376157', 'Remediated 22 calendar days after discovery; the critical SLA is 15 calendar days and no exception is recorded.', 'critical'],
      ['10.0.0.5\u001f99999', 'Severity "9" is not on the export\'s severity scale (see the ingest issues), so no SLA can be applied: name the scale with --source, or write critical/high/medium/low, P1–P4 or a CVSS score such as 7.5.', null],
    ]);
  });

  it('PagerDuty without priorities: urgency high reads as sev2, low as sev4', async () => {
    const dir = tempDir();
    const file = join(dir, 'pd.csv');
    writeFileSync(file, ['id,incident_number,title,urgency,status,service_name,created_on,resolved_on',
      'Q1,101,API down,high,resolved,api,2025-03-04T10:00:00-05:00,2025-03-05T09:00:00-05:00',
      'Q2,102,Disk 80%,low,resolved,db,2025-03-04T10:00:00-05:00,2025-03-06T10:00:00-05:00',
      'Q3,103,Cert expiry,HIGH,resolved,web,2025-03-04T10:00:00-05:00,2025-03-08T10:00:00-05:00'].join('\n'));
    const data = ['--data-dir', join(dir, 'data'), '--workers', '0'];
    const pop = await tickmarkJson('ingest', file, ...data);
    expect([pop.profile.id, pop.mapping.severity, pop.issues.total]).toEqual(['pagerduty-incidents', 'urgency', 0]);
    const run = await tickmarkJson('test', pop.id, '--all', ...data);
    const resolve = run.attributes.find((a: { rule: string }) => a.rule === 'ticket.resolved_within_sla');
    expect([resolve.tested, resolve.deviations]).toEqual([3, 1]); // the high one resolved after 96 h (sev2: 72 h)
    expect(run.findings.find((f: { rule: string }) => f.rule === 'ticket.resolved_within_sla')).toMatchObject({ key: '103', observed: { severity: 'sev2', sla_hours: 72 } });
  });
});
