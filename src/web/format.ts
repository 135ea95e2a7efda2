/**
 * How the app writes numbers, instants and fingerprints: grouped counts, ISO-like instants in a
 * named zone (the engagement's), hashes whole in monospace. Display only — every figure shown was
 * computed by the service.
 *
 * @example
 * grouped(97535) // '97,535'
 * instant(1734542804000, 'UTC') // '2024-12-18 17:26:44'
 */
import type { PopulationView } from './api/types.js';

export const grouped = (n: number): string => n.toLocaleString('en-US');

/** An epoch-ms instant as `YYYY-MM-DD HH:mm:ss` in `timeZone`. */
export function instant(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** An ISO timestamp the service wrote (createdAt…), shortened to the minute, in UTC. */
export const when = (iso: string): string => iso.replace('T', ' ').slice(0, 16) + ' UTC';

export const percent = (rate: number | null, digits = 1): string => (rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`);

/** A typed field value as a reader expects it (timestamps in the population's zone). */
export function typedValue(value: string | number | null | undefined, type: string | undefined, timeZone: string): string {
  if (value === null || value === undefined) return '';
  if (type === 'timestamp' && typeof value === 'number') return instant(value, timeZone);
  if (type === 'boolean' && typeof value === 'number') return value ? 'true' : 'false';
  return String(value);
}

/** The fingerprint in one line, as it goes into a workpaper. */
export function citation(p: PopulationView): string {
  return [
    p.source.name,
    `SHA-256 ${p.source.sha256}`,
    `${grouped(p.source.bytes)} bytes`,
    `${grouped(p.rows.total)} rows (${grouped(p.rows.accepted)} accepted, ${grouped(p.rows.malformed)} malformed)`,
    ...(p.source.encoding ? [`encoding ${p.source.encoding}`] : []),
    ...(p.source.sheet ? [`sheet ${p.source.sheet}`] : []),
  ].join(' · ');
}

