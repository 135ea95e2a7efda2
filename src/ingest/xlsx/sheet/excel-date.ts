/**
 * Excel date serials as naive local date-time text `YYYY-MM-DD HH:mm:ss[.SSS]`, computed from the
 * serial directly (no time zone is involved: the population's zone is applied by the typing step).
 * 1900 system: serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that never existed
 * (serial 60), so serials below 60 are one day later than the plain count from 1899-12-30 and
 * serial 60 is rendered as Excel shows it, `1900-02-29`, which the typing step then rejects.
 * 1904 system: serial 0 is 1904-01-01. Milliseconds are rounded, and shown only when non-zero.
 *
 * @example
 * excelSerialText(45658.4166666667, false) // '2025-01-01 10:00:00'
 * excelSerialText(45658, false)            // '2025-01-01 00:00:00'
 * excelSerialText(44196, true)             // '2025-01-01 00:00:00'
 * excelSerialText(-1, false)               // null (not a date Excel can show)
 */
const DAY_MS = 86_400_000;
/** Days from 1899-12-30 (the 1900 system's effective epoch) to 1970-01-01. */
const EPOCH_1900 = 25_569;
/** Days from 1904-01-01 to 1970-01-01. */
const EPOCH_1904 = 24_107;
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The naive date-time text of a serial, or null when it is outside 0000-9999 dates Excel can show. */
export function excelSerialText(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  let days: number;
  if (date1904) days = serial - EPOCH_1904;
  else if (serial >= 61) days = serial - EPOCH_1900;
  else if (serial >= 60) return phantomLeapDay(serial);
  else days = serial + 1 - EPOCH_1900;
  const ms = Math.round(days * DAY_MS);
  if (ms > MAX_MS) return null;
  return naiveText(ms);
}

function phantomLeapDay(serial: number): string {
  return `1900-02-29${naiveText(Math.round((serial - 60) * DAY_MS)).slice(10)}`;
}

function naiveText(ms: number): string {
  const d = new Date(ms);
  const text =
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const millis = d.getUTCMilliseconds();
  return millis ? `${text}.${String(millis).padStart(3, '0')}` : text;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
