import { describe, expect, it } from 'vitest';
import { runRule, statuses } from './helpers/run.js';

const base = { ticket_id: 'INC1', severity: 'Sev-1', opened_at: '2025-05-01T10:00:00Z', acknowledged_at: '2025-05-01T10:30:00Z', resolved_at: '2025-05-01T20:00:00Z', owner: 'ops', postmortem_ref: 'PM-1' };
const row = (over: Record<string, string>) => ({ ...base, ...over });

describe('ticket.acknowledged_within_sla', () => {
  it('applies the SLA of the normalised severity; equal to the limit passes', () => {
    const out = runRule('ticket', 'ticket.acknowledged_within_sla', [
      row({}),
      row({ ticket_id: 'INC2', severity: 'P1', acknowledged_at: '2025-05-01T11:00:00Z' }), // exactly 1 h
      row({ ticket_id: 'INC3', severity: '1', acknowledged_at: '2025-05-01T11:00:01Z' }),
      row({ ticket_id: 'INC4', severity: 'high', acknowledged_at: '2025-05-01T13:00:00Z' }), // sev2: 4 h
      row({ ticket_id: 'INC5', severity: 'whenever' }),
      row({ ticket_id: 'INC6', severity: 'informational' }), // sev5: no SLA
      row({ ticket_id: 'INC7', acknowledged_at: '' }),
      row({ ticket_id: 'INC8', opened_at: '' }),
      row({ ticket_id: 'INC9', acknowledged_at: 'asap' }),
    ]);
    expect(statuses(out)).toEqual(['pass', 'pass', 'exception', 'pass', 'exception', 'not_applicable', 'exception', 'not_applicable', 'exception']);
    expect(out[2]).toMatchObject({ message: 'Acknowledged 1 hour 1 second after opening; the sev1 SLA is 1 hour.', observed: { elapsed_hours: 1.0003 } });
    expect(out[4]).toMatchObject({ message: expect.stringContaining('Severity "whenever" is not recognised') });
    expect(out[6]).toMatchObject({ message: 'The ticket was not acknowledged (acknowledged_at is blank); the sev1 SLA is 1 hour.' });
  });

  it('takes the SLA table from the parameter (compact or JSON)', () => {
    const rows = [row({ severity: 'critical', acknowledged_at: '2025-05-01T10:20:00Z' })];
    expect(statuses(runRule('ticket', 'ticket.acknowledged_within_sla', rows, { params: ['sla=sev1:0.25h/8h'] }))).toEqual(['exception']);
    expect(statuses(runRule('ticket', 'ticket.acknowledged_within_sla', rows, { params: ['sla={"P1":{"ackHours":0.5,"resolveHours":8}}'] }))).toEqual(['pass']);
  });
});

describe('ticket.resolved_within_sla', () => {
  it('fails a late or missing resolution; open and not yet due at the as-of date is N/A', () => {
    const out = runRule('ticket', 'ticket.resolved_within_sla', [
      row({}),
      row({ ticket_id: 'INC2', resolved_at: '2025-05-02T10:00:00Z' }), // exactly 24 h
      row({ ticket_id: 'INC3', resolved_at: '2025-05-02T12:00:00Z' }), // 26 h
      row({ ticket_id: 'INC4', resolved_at: '', opened_at: '2025-05-31T12:00:00Z' }),
      row({ ticket_id: 'INC5', resolved_at: '' }),
    ], { ctx: { asOfMs: Date.parse('2025-05-31T23:59:59Z') } });
    expect(statuses(out)).toEqual(['pass', 'pass', 'exception', 'not_applicable', 'exception']);
    expect(out[2]).toMatchObject({ message: 'Resolved 26 hours after opening; the sev1 SLA is 24 hours.', observed: { severity: 'sev1', sla_hours: 24, elapsed_hours: 26 } });
  });
});

describe('ticket.postmortem_present', () => {
  it('requires a post-mortem for sev1/sev2 only, once resolved', () => {
    const out = runRule('ticket', 'ticket.postmortem_present', [
      row({}),
      row({ ticket_id: 'INC2', severity: 'Sev 2', postmortem_ref: '' }),
      row({ ticket_id: 'INC3', severity: 'P3', postmortem_ref: '' }),
      row({ ticket_id: 'INC4', resolved_at: '', postmortem_ref: '' }),
      row({ ticket_id: 'INC5', severity: '', postmortem_ref: '' }),
    ]);
    expect(statuses(out)).toEqual(['pass', 'exception', 'not_applicable', 'not_applicable', 'exception']);
    expect(out[1]).toMatchObject({ message: 'No post-mortem is recorded for this sev2 incident.' });
  });
});

describe('ticket manual attribute', () => {
  it('is manual', () => {
    expect(statuses(runRule('ticket', 'ticket.response_inspected', [row({})]))).toEqual(['manual']);
  });
});
