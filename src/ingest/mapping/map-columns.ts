/**
 * Column mapping: the client's headers onto a kind's canonical fields. Automatic by field name and
 * header synonyms, with an explicit override (`{ "deployed_at": "Go-live" }`) that always wins.
 * A missing required field is an error naming the headers found and the closest matches.
 *
 * @example
 * mapColumns(kindSpec('change'), ['Number', 'Deployed On']).mapping // { change_id: 'Number', deployed_at: 'Deployed On' }
 */
import { tickmarkError } from '../../errors.js';
import type { FieldSpec, KindSpec } from '../../population/kinds.js';
import { editDistance, normalizeHeader } from './normalize.js';

export interface ColumnMapping {
  /** canonical field → source header */
  mapping: Record<string, string>;
  /** The fields in effect (the kind's, or for `generic` those the user named). */
  fields: FieldSpec[];
  key: string[];
  eventTime?: string;
}

export interface MappingOptions {
  /** Explicit field → header entries; they override the automatic mapping. */
  map?: Record<string, string>;
  /** For `generic`: the header(s) forming the key and the event-time header. */
  key?: string[];
  eventTime?: string;
}

function validateOverride(map: unknown, headers: string[]): Record<string, string> {
  if (map == null) return {};
  if (typeof map !== 'object' || Array.isArray(map)) throw tickmarkError('TM_ERR_BAD_MAPPING', { message: 'the mapping must be a JSON object' });
  const out: Record<string, string> = {};
  for (const [field, header] of Object.entries(map)) {
    if (typeof header !== 'string') throw tickmarkError('TM_ERR_BAD_MAPPING', { message: `mapping for "${field}" must be a header name (string)` });
    if (!headers.includes(header)) {
      throw tickmarkError('TM_ERR_BAD_MAPPING', { message: `mapping "${field}" → "${header}": no such header; headers are [${headers.join(', ')}]` });
    }
    out[field] = header;
  }
  return out;
}

function closest(field: FieldSpec, headers: string[]): string[] {
  const names = [field.name, ...field.synonyms].map(normalizeHeader);
  return headers
    .map((h) => ({ h, d: Math.min(...names.map((n) => editDistance(n, normalizeHeader(h)) / Math.max(n.length, 1))) }))
    .filter((x) => x.d <= 0.6)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.h);
}

export function mapColumns(spec: KindSpec, headers: string[], opts: MappingOptions = {}): ColumnMapping {
  const override = validateOverride(opts.map, headers);
  if (spec.kind === 'generic') return mapGeneric(headers, override, opts);
  const known = new Set(spec.fields.map((f) => f.name));
  for (const field of Object.keys(override)) {
    if (!known.has(field)) {
      throw tickmarkError('TM_ERR_BAD_MAPPING', { message: `"${field}" is not a field of kind ${spec.kind}; fields are ${[...known].join(', ')}` });
    }
  }
  const byNorm = new Map<string, string>();
  for (const h of headers) if (!byNorm.has(normalizeHeader(h))) byNorm.set(normalizeHeader(h), h);
  const mapping: Record<string, string> = { ...override };
  const used = new Set(Object.values(override));
  // Pass 1: exact field names; pass 2: synonyms in the order the kind lists them.
  for (const pass of [0, 1]) {
    for (const field of spec.fields) {
      if (mapping[field.name]) continue;
      const names = pass === 0 ? [field.name] : field.synonyms;
      for (const name of names) {
        const h = byNorm.get(normalizeHeader(name));
        if (h && !used.has(h)) {
          mapping[field.name] = h;
          used.add(h);
          break;
        }
      }
    }
  }
  const missing = spec.fields.filter((f) => f.required && !mapping[f.name]);
  if (missing.length) {
    const suggestions = missing
      .map((f) => `${f.name} ← ${closest(f, headers.filter((h) => !used.has(h))).map((h) => `"${h}"`).join(' or ') || 'none'}`)
      .join('; ');
    throw tickmarkError('TM_ERR_MISSING_FIELD', { kind: spec.kind, fields: missing.map((f) => f.name), headers, suggestions });
  }
  const ordered: Record<string, string> = {};
  for (const f of spec.fields) if (mapping[f.name]) ordered[f.name] = mapping[f.name]!;
  return { mapping: ordered, fields: spec.fields, key: spec.key, eventTime: spec.eventTime };
}

function mapGeneric(headers: string[], override: Record<string, string>, opts: MappingOptions): ColumnMapping {
  const mapping: Record<string, string> = { ...override };
  const fields: FieldSpec[] = Object.keys(override).map((name) => ({ name, type: 'string', synonyms: [] }));
  const key: string[] = [];
  for (const [i, h] of (opts.key ?? []).entries()) {
    if (!headers.includes(h)) throw tickmarkError('TM_ERR_MISSING_FIELD', { kind: 'generic', fields: [`key (${h})`], headers });
    const name = opts.key!.length === 1 ? 'key' : `key_${i + 1}`;
    mapping[name] = h;
    fields.push({ name, type: 'string', synonyms: [] });
    key.push(name);
  }
  let eventTime: string | undefined;
  if (opts.eventTime) {
    if (!headers.includes(opts.eventTime)) throw tickmarkError('TM_ERR_MISSING_FIELD', { kind: 'generic', fields: [`event time (${opts.eventTime})`], headers });
    mapping.event_at = opts.eventTime;
    fields.push({ name: 'event_at', type: 'timestamp', synonyms: [] });
    eventTime = 'event_at';
  }
  return { mapping, fields, key, eventTime };
}
