/**
 * The mapping as a file: what `--save-map F` writes — the profile, the kind and every mapped field
 * → header — and what `--map F` reads back for a replay (the same shape, or a plain
 * `{"field": "Header"}` object; `null` leaves a field unmapped).
 *
 * @example
 * readMapFile({ profile: 'jira', kind: 'change', mapping: { change_id: 'Issue key' } })
 * // { map: { change_id: 'Issue key' }, source: 'jira', kind: 'change' }
 */
import { tickmarkError } from '../../errors.js';
import type { PopulationMeta } from '../../population/types.js';

export interface MapFile {
  /** The source profile the mapping was decided with (null: none). */
  profile: string | null;
  kind: string;
  mapping: Record<string, string>;
}

export interface ReadMap {
  map: Record<string, string | null>;
  source?: string;
  kind?: string;
}

const bad = (message: string) => tickmarkError('TM_ERR_BAD_MAPPING', { message });

function entries(value: unknown): Record<string, string | null> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad('the mapping must be a JSON object {"canonical_field": "Source header"}');
  for (const [field, header] of Object.entries(value)) {
    if (header !== null && typeof header !== 'string') throw bad(`mapping for "${field}" must be a header name (string) or null`);
  }
  return value as Record<string, string | null>;
}

/** A map file's content: a saved decision (`{profile, kind, mapping}`) or a plain field → header object. */
export function readMapFile(value: unknown): ReadMap {
  const v = value as Partial<MapFile> | null;
  if (v && typeof v === 'object' && !Array.isArray(v) && 'mapping' in v) {
    if (v.profile !== undefined && v.profile !== null && typeof v.profile !== 'string') throw bad('"profile" must be a profile id or null');
    if (v.kind !== undefined && typeof v.kind !== 'string') throw bad('"kind" must be a kind name');
    return { map: entries(v.mapping), ...(v.profile ? { source: v.profile } : {}), ...(v.kind ? { kind: v.kind } : {}) };
  }
  return { map: entries(value) };
}

/** What `--save-map` writes for a stored population. */
export function mapFileOf(meta: PopulationMeta): MapFile {
  return { profile: meta.profile?.id ?? null, kind: meta.kind, mapping: { ...meta.mapping } };
}

/** `field=SEP` options (`--multi-value approver=;`) → field → separators; repeat a field for several. */
export function parseMultiValue(options: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const o of options) {
    const eq = o.indexOf('=');
    const field = o.slice(0, eq).trim();
    const sep = o.slice(eq + 1);
    if (eq <= 0 || sep === '' || !/^[a-z_][a-z0-9_]*$/.test(field)) {
      throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--multi-value', expected: 'must be field=SEPARATOR (e.g. approver=; or approver=,)', got: o });
    }
    (out[field] ??= []).includes(sep) || out[field]!.push(sep);
  }
  return out;
}
