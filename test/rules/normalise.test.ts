import { describe, expect, it } from 'vitest';
import { makeCalendar, businessDaysBetween } from '../../src/period/calendar.js';
import { businessDays, normaliseName, normaliseSeverity, samePerson, vulnerabilityTier } from '../../src/rules/index.js';

describe('normaliseSeverity', () => {
  it.each([
    ['1', 'sev1'], ['P1', 'sev1'], ['Sev-1', 'sev1'], ['SEV 1', 'sev1'], ['s1', 'sev1'], ['critical', 'sev1'], ['1 - Critical', 'sev1'], ['Priority 2', 'sev2'],
    ['high', 'sev2'], ['P3 - Moderate', 'sev3'], ['medium', 'sev3'], ['Low', 'sev4'], ['sev_4', 'sev4'], ['informational', 'sev5'], ['P0', 'sev0'],
  ])('%s → %s', (text, sev) => expect(normaliseSeverity(text)).toBe(sev));

  it.each(['', '  ', 'P7', '10', 'whenever', '3.5'])('%j → null', (text) => expect(normaliseSeverity(text)).toBeNull());
});

describe('vulnerabilityTier', () => {
  it.each([
    ['Critical', 'critical'], ['P1', 'critical'], ['P2', 'high'], ['tier 3', 'medium'], ['T4', 'low'], ['moderate', 'medium'], ['informational', 'info'], ['None', 'info'],
    ['9.8', 'critical'], ['9.0', 'critical'], ['8.9', 'high'], ['7.0', 'high'], ['6.9', 'medium'], ['4.0', 'medium'], ['3.9', 'low'], ['0.0', 'info'],
  ])('%s → %s', (text, tier) => expect(vulnerabilityTier(text)).toBe(tier));

  // A bare number is no tier: Qualys' 5 is its worst, a "tier 1" scale's 1 is the worst.
  it.each(['', '11.0', 'banana', '5', '1', '4', '9.85'])('%j → null', (text) => expect(vulnerabilityTier(text)).toBeNull());
});

describe('person comparison', () => {
  it('ignores case and whitespace by default, not in strict mode', () => {
    expect(normaliseName('  J.Smith \t')).toBe('j.smith');
    expect(samePerson('J.Smith', 'j.smith ', false)).toBe(true);
    expect(samePerson('Jane  Smith', 'jane smith', false)).toBe(true);
    expect(samePerson('J.Smith', 'J. Smith', false)).toBe(false);
    expect(samePerson('J.Smith', 'j.smith', true)).toBe(false);
    expect(samePerson('ＪＳｍｉｔｈ', 'jsmith', false)).toBe(true); // full-width letters (NFKC)
  });
});

describe('businessDays agrees with the calendar module', () => {
  it('for random instants, zones and holiday lists (property)', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const zone of ['UTC', 'America/Los_Angeles', 'Asia/Kolkata']) {
      const cal = makeCalendar({ timeZone: zone, holidays: ['2025-01-01', '2025-01-20', '2025-05-26', '2025-07-04', '2025-12-25', '2025-12-27'] });
      for (let i = 0; i < 400; i++) {
        const a = Date.UTC(2024, 11, 1) + Math.floor(rand() * 400 * 86_400_000);
        const b = a + Math.floor((rand() - 0.3) * 60 * 86_400_000);
        expect(businessDays(cal, a, b)).toBe(businessDaysBetween(cal, a, b));
      }
    }
  });

  it('counts instants centuries apart exactly (timed in bench: kernels)', () => {
    const cal = makeCalendar({ timeZone: 'UTC', holidays: ['2025-12-25'] });
    const n = businessDays(cal, Date.parse('0001-01-01T00:00:00Z'), Date.parse('2999-01-01T00:00:00Z'));
    // 2998 whole years of 52 weeks and a day or two: the weekdays of 1,094,998 days, less one holiday.
    expect(n).toBe(businessDaysBetween(cal, Date.parse('0001-01-01T00:00:00Z'), Date.parse('2999-01-01T00:00:00Z')));
    expect(n).toBeGreaterThan(780_000);
    expect(n).toBeLessThan(783_000);
  });
});
