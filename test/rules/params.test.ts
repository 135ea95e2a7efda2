import { describe, expect, it } from 'vitest';
import { defaultRuleParams, parseRuleParams, ruleParamSpecs } from '../../src/rules/index.js';

describe('parseRuleParams', () => {
  it('fills every parameter with its documented default', () => {
    const p = defaultRuleParams();
    expect(p.disable_days).toEqual({ days: 1, basis: 'business' });
    expect(p.pir_days).toEqual({ days: 5, basis: 'business' });
    expect(p.grant_days).toEqual({ days: 30, basis: 'calendar' });
    expect(p.preapproved_types).toEqual(['standard']);
    expect(p.untested_types).toEqual([]);
    expect(p.postmortem_severities).toEqual(['sev0', 'sev1', 'sev2']);
    expect({ ...p.sla }).toEqual({ sev0: { ackHours: 1, resolveHours: 24 }, sev1: { ackHours: 1, resolveHours: 24 }, sev2: { ackHours: 4, resolveHours: 72 }, sev3: { ackHours: 24, resolveHours: 168 }, sev4: { ackHours: 72, resolveHours: 720 } });
    expect(Object.keys(p.vuln_sla)).toEqual(['critical', 'high', 'medium', 'low']);
    expect(ruleParamSpecs.map((s) => s.name).sort()).toEqual(Object.keys(p).sort());
  });

  it('parses days, lists, booleans, fields and SLA tables', () => {
    const p = parseRuleParams(['disable_days=3bd', 'grant_days=10 days', 'strict_names=yes', 'preapproved_types=Standard|Pre-Approved', 'accounts_key=Employee Number', 'sla=P1:0.5h/1d,high:2h/2d', 'postmortem_severities=critical', 'vuln_sla=critical:7bd']);
    expect(p.disable_days).toEqual({ days: 3, basis: 'business' });
    expect(p.grant_days).toEqual({ days: 10, basis: 'calendar' });
    expect(p.strict_names).toBe(true);
    expect(p.preapproved_types).toEqual(['standard', 'pre-approved']);
    expect(p.accounts_key).toBe('Employee Number');
    expect(p.sla.sev1).toEqual({ ackHours: 0.5, resolveHours: 24 });
    expect(p.sla.sev2).toEqual({ ackHours: 2, resolveHours: 48 });
    expect(p.sla.sev3).toEqual({ ackHours: 24, resolveHours: 168 }); // default kept
    expect(p.postmortem_severities).toEqual(['sev1']);
    expect(p.vuln_sla.critical).toEqual({ days: 7, basis: 'business' });
    expect(p.vuln_sla.high).toEqual({ days: 30, basis: 'calendar' });
  });

  it('accepts an object (HTTP body) with lists and JSON tables', () => {
    const p = parseRuleParams({ expected_periods: ['2025-Q1', '2025-Q2'], sla: { sev1: { ackHours: 2, resolveHours: 12 } }, disable_days: '2bd' });
    expect(p.expected_periods).toEqual(['2025-Q1', '2025-Q2']);
    expect(p.sla.sev1).toEqual({ ackHours: 2, resolveHours: 12 });
    expect(p.disable_days).toEqual({ days: 2, basis: 'business' });
  });

  it.each([
    [['sla_days=2'], /--param sla_days is not a rule parameter/],
    [['disable_days=soon'], /--param disable_days must be a whole number of days/],
    [['disable_days=1bd', 'disable_days=2bd'], /is given twice/],
    [['strict_names=maybe'], /must be true or false/],
    [['disable_days'], /must be written name=value/],
    [['sla=sev9:1h/2h'], /severity "sev9" is not recognised/],
    [['sla=sev1:1h'], /must read severity:ack\/resolve/],
    [['vuln_sla=urgentish:3d'], /tier "urgentish" is not recognised/],
    [['reviewer_not=manager'], /must list reviewed_user and\/or owner/],
    [['accounts_key=__proto__'], /must name a field or header/],
    [['postmortem_severities=soonish'], /lists severity "soonish"/],
  ])('refuses %j', (args, message) => {
    expect(() => parseRuleParams(args)).toThrow(message);
    try { parseRuleParams(args); } catch (err) { expect((err as { code: string }).code).toBe('TM_ERR_INVALID_OPTION'); }
  });

  it('refuses a parameter the kind does not use when the kind is given', () => {
    expect(() => parseRuleParams(['disable_days=2bd'], { kind: 'change' })).toThrow(/is not a rule parameter of kind change; known: strict_names, preapproved_types/);
    expect(parseRuleParams(['disable_days=2bd'], { kind: 'termination' }).disable_days.days).toBe(2);
  });
});
