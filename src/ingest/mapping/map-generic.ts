/**
 * The mapping of a generic population: only what the user named — `--map` entries (as text
 * fields), the key header(s) and the event-time header — each recorded as a decision.
 *
 * @example
 * mapGeneric(['Ticket', 'Created'], {}, { key: ['Ticket'], eventTime: 'Created' }).mapping // { key: 'Ticket', event_at: 'Created' }
 */
import { tickmarkError } from '../../errors.js';
import type { FieldSpec } from '../../population/kinds.js';
import type { ColumnMapping, MappingDecision, MappingOptions } from './map-columns.js';

export function mapGeneric(headers: readonly string[], override: Record<string, string | null>, opts: Pick<MappingOptions, 'key' | 'eventTime'>): ColumnMapping {
  const mapping: Record<string, string> = {};
  const decisions: MappingDecision[] = [];
  const fields: FieldSpec[] = [];
  for (const [name, header] of Object.entries(override)) {
    if (header === null) continue;
    mapping[name] = header;
    fields.push({ name, type: 'string', synonyms: [] });
    decisions.push({ field: name, header, how: 'override', alternatives: [] });
  }
  const key: string[] = [];
  for (const [i, h] of (opts.key ?? []).entries()) {
    if (!headers.includes(h)) throw tickmarkError('TM_ERR_MISSING_FIELD', { kind: 'generic', fields: [`key (${h})`], headers });
    const name = opts.key!.length === 1 ? 'key' : `key_${i + 1}`;
    mapping[name] = h;
    fields.push({ name, type: 'string', synonyms: [] });
    decisions.push({ field: name, header: h, how: 'option', alternatives: [] });
    key.push(name);
  }
  let eventTime: string | undefined;
  if (opts.eventTime) {
    if (!headers.includes(opts.eventTime)) throw tickmarkError('TM_ERR_MISSING_FIELD', { kind: 'generic', fields: [`event time (${opts.eventTime})`], headers });
    mapping.event_at = opts.eventTime;
    fields.push({ name: 'event_at', type: 'timestamp', synonyms: [] });
    decisions.push({ field: 'event_at', header: opts.eventTime, how: 'option', alternatives: [] });
    eventTime = 'event_at';
  }
  return { mapping, fields, key, ...(eventTime ? { eventTime } : {}), unit: 'item', lineItems: false, decisions, multiValue: {} };
}
