/**
 * XML text and attribute escaping: the five markup characters as entities, DEL and the C0
 * controls XML 1.0 forbids dropped (cell text keeps them as `_xHHHH_` escapes before it gets
 * here: see export/workbook/text.ts), in one regex replace. Element text (`xmlText`) needs only
 * `&`, `<` and `>` as entities: quotes stay as they are, as an XML reader reads them either way.
 *
 * @example
 * xmlEscape('{"a":"<b>"}') // '{&quot;a&quot;:&quot;&lt;b&gt;&quot;}'
 * xmlText('{"a":"<b>"}') // '{"a":"&lt;b&gt;"}'
 */
// eslint-disable-next-line no-control-regex
const SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
// eslint-disable-next-line no-control-regex
const SPECIALS = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
const ENTITIES: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

export function xmlEscape(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ENTITIES[c] ?? '') : text;
}

// eslint-disable-next-line no-control-regex
const TEXT_SPECIAL = /[<>&\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
// eslint-disable-next-line no-control-regex
const TEXT_SPECIALS = /[<>&\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;

/** Text for between an element's tags (never an attribute value). */
export function xmlText(text: string): string {
  return TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIALS, (c) => ENTITIES[c] ?? '') : text;
}
