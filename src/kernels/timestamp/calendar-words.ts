/**
 * English month and weekday names as exports write them in dates: full (`January`, `Tuesday`),
 * three letters (`Jan`, `Tue`), and the common four-letter forms (`Sept`, `Tues`, `Thur`,
 * `Thurs`), in any case. Read in place from the cell text (no string made per cell).
 *
 * @example
 * monthNamed('03/Jan/25', 3, 6)     // 1
 * weekdayNamed('Tue, 03 Jun', 0, 3) // 2 (Sunday is 0)
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** An ASCII letter. */
export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** s[from, to) equals the start of `name` (lower case), ignoring ASCII case. */
function startsName(s: string, from: number, to: number, name: string): boolean {
  for (let k = from; k < to; k++) if ((s.charCodeAt(k) | 32) !== name.charCodeAt(k - from)) return false;
  return true;
}

/** Whether the letters s[from, to) name `name`: in full, its first three letters, or one of `also` lengths. */
function names(s: string, from: number, to: number, name: string, also: number[]): boolean {
  const n = to - from;
  return (n === 3 || n === name.length || also.includes(n)) && n <= name.length && startsName(s, from, to, name);
}

const NO_MORE: number[] = [];
const SEPT = [4];
const TUES_THURS = [4, 5];

/** The month 1–12 the letters s[from, to) name, or 0. */
export function monthNamed(s: string, from: number, to: number): number {
  for (let m = 0; m < 12; m++) if (names(s, from, to, MONTHS[m]!, m === 8 ? SEPT : NO_MORE)) return m + 1;
  return 0;
}

/** The weekday (0 Sunday … 6 Saturday) the letters s[from, to) name, or -1. */
export function weekdayNamed(s: string, from: number, to: number): number {
  for (let w = 0; w < 7; w++) if (names(s, from, to, WEEKDAYS[w]!, w === 2 || w === 4 ? TUES_THURS : NO_MORE)) return w;
  return -1;
}
