import { describe, expect, it } from 'vitest';
import { profileDateOrders } from '../../src/ingest/mapping/profile-date-orders.js';
import { kindSpec } from '../../src/population/kinds.js';

const fields = kindSpec('vulnerability').fields;
const mapping = { discovered_at: 'First Detected', remediated_at: 'Date Last Fixed' };
const headers = ['First Detected', 'Date Last Fixed'];

describe('a profile\'s date order is a fallback', () => {
  it('applies to a column whose sampled values are all ambiguous, not to one whose values prove an order', () => {
    const sample = [['02/03/2025 10:00:00', '07/30/2025 10:00:00'], ['03/04/2025 10:00:00', '']];
    expect(profileDateOrders('mdy', mapping, headers, sample, fields, { timeZone: 'UTC' })).toEqual({ discovered_at: { dateOrder: 'mdy' } });
  });
  it('yields to --date-order and to a per-field format', () => {
    const sample = [['02/03/2025', '02/03/2025']];
    expect(profileDateOrders('mdy', mapping, headers, sample, fields, { timeZone: 'UTC', dateOrder: 'dmy' })).toEqual({});
    expect(profileDateOrders('mdy', mapping, headers, sample, fields, { timeZone: 'UTC', formats: { discovered_at: { dateOrder: 'dmy' } } })).toEqual({ remediated_at: { dateOrder: 'mdy' } });
    expect(profileDateOrders(undefined, mapping, headers, sample, fields, { timeZone: 'UTC' })).toEqual({});
  });
});
