/**
 * Parameter value types and their text forms: day limits (`5` or `5d` calendar days, `5bd`
 * business days), lists (`a|b|c` or `a,b,c`), booleans, and the two SLA tables.
 *
 * @example
 * parseDayLimit('3bd') // { days: 3, basis: 'business' }
 */
import { normaliseSeverity, vulnerabilityTier } from '../read/severity.js';

export interface DayLimit {
  days: number;
  basis: 'calendar' | 'business';
}

/** Hours allowed to acknowledge and to resolve a ticket of one severity. */
export interface SeveritySla {
  ackHours: number;
  resolveHours: number;
}

/** Normalised severity (`sev0`…`sev5`) → SLA. A null-prototype object; read with `Object.hasOwn`. */
export type SlaTable = Record<string, SeveritySla>;

/** Vulnerability tier (`critical`, `high`, `medium`, `low`, `info`) → days to remediate. */
export type TierSla = Record<string, DayLimit>;

const DAYS = /^(\d{1,4})\s*(d|days?|bd|business\s*days?|b)?$/i;
const HOURS = /^(\d{1,5}(?:\.\d{1,3})?)\s*(h|hours?|d|days?)?$/i;

export function parseDayLimit(text: string): DayLimit | string {
  const m = DAYS.exec(text.trim());
  if (!m) return 'must be a whole number of days, e.g. 5 or 5d (calendar days) or 5bd (business days)';
  const unit = (m[2] ?? 'd').toLowerCase();
  return { days: Number(m[1]), basis: unit.startsWith('b') ? 'business' : 'calendar' };
}

export function formatDayLimit(limit: DayLimit): string {
  return `${limit.days}${limit.basis === 'business' ? 'bd' : 'd'}`;
}

/** "5 business days" / "1 calendar day" */
export function describeDayLimit(limit: DayLimit): string {
  return `${limit.days} ${limit.basis === 'business' ? 'business' : 'calendar'} day${limit.days === 1 ? '' : 's'}`;
}

export function parseHours(text: string): number | undefined {
  const m = HOURS.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return (m[2] ?? 'h').toLowerCase().startsWith('d') ? n * 24 : n;
}

export function parseList(text: string): string[] {
  return text.split(/[|,]/).map((s) => s.trim()).filter((s) => s !== '');
}

export function parseBoolean(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (['true', 'yes', '1', 'on'].includes(t)) return true;
  if (['false', 'no', '0', 'off'].includes(t)) return false;
  return undefined;
}

/**
 * SLA table, compact (`sev1:1h/24h,sev2:4h/3d`) or JSON (`{"sev1":{"ackHours":1,"resolveHours":24}}`).
 * Severity names are normalised (`P1`, `Sev-1`, `critical` → `sev1`).
 */
export function parseSlaTable(text: string): SlaTable | string {
  const table: SlaTable = Object.create(null);
  const t = text.trim();
  const entries: [string, unknown, unknown][] = [];
  if (t.startsWith('{')) {
    let json: unknown;
    try { json = JSON.parse(t); } catch { return 'is not valid JSON'; }
    if (!json || typeof json !== 'object' || Array.isArray(json)) return 'must be a JSON object {"sev1": {"ackHours": 1, "resolveHours": 24}, …}';
    for (const name of Object.keys(json)) {
      const v = (json as Record<string, unknown>)[name] as Record<string, unknown> | null;
      if (!v || typeof v !== 'object' || !Object.hasOwn(v, 'ackHours') || !Object.hasOwn(v, 'resolveHours')) return `entry "${name}" must be {"ackHours": n, "resolveHours": n}`;
      entries.push([name, v.ackHours, v.resolveHours]);
    }
  } else {
    for (const part of parseList(t)) {
      const m = /^([^:]+):([^/]+)\/(.+)$/.exec(part);
      if (!m) return `entry "${part}" must read severity:ack/resolve, e.g. sev1:1h/24h`;
      entries.push([m[1]!, parseHours(m[2]!), parseHours(m[3]!)]);
    }
  }
  if (entries.length === 0) return 'lists no severity';
  for (const [name, ack, resolve] of entries) {
    const sev = normaliseSeverity(name);
    if (!sev) return `severity "${name}" is not recognised (use sev0…sev5, P1, critical, high, …)`;
    if (typeof ack !== 'number' || !(ack >= 0) || typeof resolve !== 'number' || !(resolve >= 0)) return `entry "${name}" needs non-negative hours for acknowledge and resolve`;
    table[sev] = { ackHours: ack, resolveHours: resolve };
  }
  return table;
}

/** Tier SLA, compact (`critical:15d,high:30d`) or JSON (`{"critical": "15d"}` or numbers of days). */
export function parseTierSla(text: string): TierSla | string {
  const table: TierSla = Object.create(null);
  const t = text.trim();
  const entries: [string, string][] = [];
  if (t.startsWith('{')) {
    let json: unknown;
    try { json = JSON.parse(t); } catch { return 'is not valid JSON'; }
    if (!json || typeof json !== 'object' || Array.isArray(json)) return 'must be a JSON object {"critical": "15d", …}';
    for (const name of Object.keys(json)) entries.push([name, String((json as Record<string, unknown>)[name])]);
  } else {
    for (const part of parseList(t)) {
      const m = /^([^:]+):(.+)$/.exec(part);
      if (!m) return `entry "${part}" must read tier:days, e.g. critical:15d`;
      entries.push([m[1]!, m[2]!]);
    }
  }
  if (entries.length === 0) return 'lists no tier';
  for (const [name, days] of entries) {
    const tier = vulnerabilityTier(name);
    if (!tier) return `tier "${name}" is not recognised (use critical, high, medium, low, info)`;
    const limit = parseDayLimit(days);
    if (typeof limit === 'string') return `tier "${name}": ${limit}`;
    table[tier] = limit;
  }
  return table;
}
