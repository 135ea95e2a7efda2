/**
 * Text timestamps parsed in SQL as ingest's fast path parses them (latin1-cells.ts
 * `isoTimestampLatin1`, timestamp.ts `timestampMs`): after JavaScript's trim, `YYYY-MM-DD`, then
 * optionally `T`/`t`/space, spaces, `H[H]:mm[:ss[(.|,)f…]]`, spaces, and `Z`/`z` or
 * `±hh[[:]mm]`; a valid date with year ≥ 1000, hour ≤ 24 (24 only as 24:00:00), minute ≤ 59,
 * second ≤ 60 (60 read as 59), milliseconds the first three fraction digits, offset hours ≤ 14.
 * A value without an offset is a wall-clock time in the population's zone (zone-shift.ts).
 * Fractions are read up to 9 digits. Anything else is not read here: the compiler fetches such
 * values and tickmark classifies them (a value it would read as a date is refused in plain words).
 *
 * @example
 * timestampLayers(duckdb, 'c3', 'tm_ev', shift) // layers adding tm_ev_ms, tm_ev_ok, tm_ev_wall, tm_ev_z
 */
import type { Dialect } from '../dialects/dialect.js';
import { daysFromCivil, DAY_MS, validDate } from './civil.js';
import type { Layer } from './layers.js';
import { jsTrim } from './text.js';
import { shiftOffsetSql, type ZoneShift } from './zone-shift.js';

export const ISO_TIMESTAMP_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ] *[0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)? *([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)?)?$';

/**
 * Layers over a raw text column `input` (null when blank) adding `${p}_ok` (1 when read),
 * `${p}_wall` (wall-clock ms), `${p}_z` (the zone text, '' when naive) and `${p}_ms` (UTC ms,
 * null when not read).
 */
export function timestampLayers(d: Dialect, input: string, p: string, wallToUtc: ZoneShift): Layer[] {
  const n = (s: string) => `${p}_${s}`;
  const when = (cond: string, then: string, otherwise = 'NULL') => `CASE WHEN ${cond} THEN ${then} ELSE ${otherwise} END`;
  return [
    [[n('t'), jsTrim(d, input)]],
    [[n('iso'), when(d.matches(n('t'), ISO_TIMESTAMP_PATTERN), '1', '0')]],
    [
      [n('y'), when(`${n('iso')} = 1`, d.toBigint(`substr(${n('t')}, 1, 4)`))],
      [n('mo'), when(`${n('iso')} = 1`, d.toBigint(`substr(${n('t')}, 6, 2)`))],
      [n('d'), when(`${n('iso')} = 1`, d.toBigint(`substr(${n('t')}, 9, 2)`))],
      [n('tm'), when(`${n('iso')} = 1 AND ${d.length(n('t'))} > 10`, d.ltrimSpaces(`substr(${n('t')}, 12)`), "''")],
    ],
    [[n('hl'), when(`substr(${n('tm')}, 2, 1) = ':'`, '1', '2')]],
    [
      [n('h'), when(`${n('tm')} <> ''`, d.toBigint(`substr(${n('tm')}, 1, ${n('hl')})`), '0')],
      [n('mi'), when(`${n('tm')} <> ''`, d.toBigint(`substr(${n('tm')}, ${n('hl')} + 2, 2)`), '0')],
      [n('r'), when(`${n('tm')} <> ''`, `substr(${n('tm')}, ${n('hl')} + 4)`, "''")],
    ],
    [
      [n('s'), when(`substr(${n('r')}, 1, 1) = ':'`, d.toBigint(`substr(${n('r')}, 2, 2)`), '0')],
      [n('r2'), when(`substr(${n('r')}, 1, 1) = ':'`, `substr(${n('r')}, 4)`, n('r'))],
    ],
    [[n('f'), `coalesce(${d.extract(n('r2'), '^[.,][0-9]+')}, '')`]],
    [
      [n('fms'), when(`${n('f')} = ''`, '0', d.toBigint(`substr(${n('f')} || '00', 2, 3)`))],
      [n('z'), d.ltrimSpaces(`substr(${n('r2')}, ${d.length(n('f'))} + 1)`)],
    ],
    [
      [n('zs'), when(`substr(${n('z')}, 1, 1) = '-'`, '-1', '1')],
      [n('zh'), when(`${n('z')} <> '' AND ${n('z')} NOT IN ('Z', 'z')`, d.toBigint(`substr(${n('z')}, 2, 2)`), '0')],
      [n('zm'), `CASE WHEN ${d.length(n('z'))} = 5 THEN ${d.toBigint(`substr(${n('z')}, 4, 2)`)} WHEN ${d.length(n('z'))} = 6 THEN ${d.toBigint(`substr(${n('z')}, 5, 2)`)} ELSE 0 END`],
    ],
    [
      [n('ok'), when(
        `${n('iso')} = 1 AND ${validDate(d, n('y'), n('mo'), n('d'))} AND ${n('h')} <= 24 AND ${n('mi')} <= 59 AND ${n('s')} <= 60` +
        ` AND NOT (${n('h')} = 24 AND (${n('mi')} > 0 OR ${n('s')} > 0)) AND ${n('zh')} <= 14 AND ${n('zm')} <= 59`, '1', '0')],
      [n('wall'), `(${daysFromCivil(d, n('y'), n('mo'), n('d'))} * ${DAY_MS} + ((${n('h')} * 60 + ${n('mi')}) * 60 + CASE WHEN ${n('s')} > 59 THEN 59 ELSE ${n('s')} END) * 1000 + ${n('fms')})`],
    ],
    [[n('ms'), when(`${n('ok')} = 1`, `CASE WHEN ${n('z')} = '' THEN ${withShift(n('wall'), wallToUtc)} WHEN ${n('z')} IN ('Z', 'z') THEN ${n('wall')} ELSE ${n('wall')} - ${n('zs')} * (${n('zh')} * 60 + ${n('zm')}) * 60000 END`)]],
  ];
}

/** value + the shift's offset at value. */
export function withShift(value: string, shift: ZoneShift): string {
  const offset = shiftOffsetSql(shift, value);
  return offset === '0' ? value : `(${value} + ${offset})`;
}
