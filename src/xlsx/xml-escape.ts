/**
 * XML text and attribute escaping: the five markup characters as entities, DEL and the C0
 * controls XML 1.0 forbids dropped (cell text keeps them as `_xHHHH_` escapes before it gets
 * here: see export/workbook/text.ts), in one regex replace.
 *
 * @example
 * xmlEscape('{"a":"<b>"}') // '{&quot;a&quot;:&quot;&lt;b&gt;&quot;}'
 */
// eslint-disable-next-line no-control-regex
const SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
// eslint-disable-next-line no-control-regex
const SPECIALS = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
const ENTITIES: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

export function xmlEscape(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ENTITIES[c] ?? '') : text;
}
