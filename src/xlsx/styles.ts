/**
 * Cell formats and the workbook's style sheet (xl/styles.xml): each distinct font, fill, border
 * and number format is stored once and numbered in the order first seen, each distinct
 * combination is one cell format (`<xf>`, the `s` of a cell), and differential formats (`<dxf>`)
 * are what conditional formats apply. Children are written in the order ECMA-376 requires
 * (numFmts, fonts, fills, borders, cellStyleXfs, cellXfs, cellStyles, dxfs, tableStyles).
 *
 * @example
 * const styles = new StyleSheet()
 * styles.cellFormat({ font: { name: 'Calibri', size: 11, bold: true } }, 'text') // 1
 * styles.xml() // '<?xml …?>\n<styleSheet …><numFmts …'
 */
import { SharedStrings } from './shared-strings.js';
import { xmlEscape } from './xml-escape.js';

export interface Color {
  /** Alpha, red, green, blue: `FF1F3864`. */
  argb: string;
}
export interface Font {
  name?: string;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  color?: Color;
}
export interface Fill {
  type: 'pattern';
  pattern: 'solid';
  fgColor: Color;
}
export interface BorderSide {
  style: 'thin' | 'medium' | 'thick' | 'dashed' | 'dotted' | 'double' | 'hair';
  color?: Color;
}
export interface Border {
  left?: BorderSide;
  right?: BorderSide;
  top?: BorderSide;
  bottom?: BorderSide;
}
export interface Alignment {
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
  wrapText?: boolean;
}
/** A cell's format: any of font, fill, border, alignment, number format and protection. */
export interface CellFormat {
  font?: Font;
  fill?: Fill;
  border?: Border;
  alignment?: Alignment;
  /** A number format code, e.g. `yyyy-mm-dd` or `#,##0`. */
  numFmt?: string;
  protection?: { locked?: boolean };
}
/** What a conditional format applies: font colour and weight, background. */
export interface DifferentialFormat {
  font?: { bold?: boolean; color?: Color };
  background?: Color;
}
/** What a cell holds, for a format without a number format: dates get a date format. */
export type ValueKind = 'number' | 'date' | 'text' | 'boolean' | 'empty';

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
/** The built-in number formats (ECMA-376 Part 1, 18.8.30) cells of our formats may use. */
const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '0.00E+00': 11,
  'mm-dd-yy': 14, 'd-mmm-yy': 15, 'd-mmm': 16, 'mmm-yy': 17, 'h:mm AM/PM': 18, 'h:mm:ss AM/PM': 19,
  'h:mm': 20, 'h:mm:ss': 21, 'm/d/yy h:mm': 22, '@': 49,
};
/** The default font (the `Normal` style's), number 0. */
const DEFAULT_FONT = '<font><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font>';
const FIRST_CUSTOM_FORMAT = 164;

const color = (c: Color | undefined): string => (c ? `<color rgb="${xmlEscape(c.argb)}"/>` : '');

function fontXml(f: Font): string {
  return `<font>${f.bold ? '<b/>' : ''}${f.italic ? '<i/>' : ''}${color(f.color)}${f.size ? `<sz val="${f.size}"/>` : ''}${f.name ? `<name val="${xmlEscape(f.name)}"/>` : ''}</font>`;
}

function fillXml(f: Fill): string {
  return `<fill><patternFill patternType="${f.pattern}"><fgColor rgb="${xmlEscape(f.fgColor.argb)}"/></patternFill></fill>`;
}

function borderXml(b: Border): string {
  const side = (tag: string, s: BorderSide | undefined): string => (s ? `<${tag} style="${s.style}">${color(s.color)}</${tag}>` : `<${tag}/>`);
  return `<border>${side('left', b.left)}${side('right', b.right)}${side('top', b.top)}${side('bottom', b.bottom)}<diagonal/></border>`;
}

function alignmentXml(a: Alignment): string {
  return `<alignment${a.horizontal ? ` horizontal="${a.horizontal}"` : ''}${a.vertical ? ` vertical="${a.vertical}"` : ''}${a.wrapText ? ' wrapText="1"' : ''}/>`;
}

/** Numbered distinct XML strings (numbered as the shared strings are: first seen, first numbered). */
class Table {
  private readonly entries = new SharedStrings();

  constructor(first: readonly string[] = []) {
    for (const item of first) this.add(item);
  }

  add(xml: string): number {
    return this.entries.add(xml);
  }

  list(tag: string): string {
    return `<${tag} count="${this.entries.count}">${this.entries.values.join('')}</${tag}>`;
  }
}

export class StyleSheet {
  private readonly numFmts = new Map<string, number>();
  private readonly fonts = new Table([DEFAULT_FONT]);
  private readonly fills = new Table(['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
  private readonly borders = new Table([borderXml({})]);
  private readonly xfs = new Table(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);
  private readonly dxfs: string[] = [];
  /** Each format object's id, by the first kind of value it was asked for. */
  private readonly seen = new WeakMap<CellFormat, number>();

  /**
   * The id of a cell format (a cell's `s`). A format without a number format shows a date as
   * `mm-dd-yy`; the first kind of value a format object is asked for decides, and the id is kept
   * for that object (formats are shared constants: the lookup is a WeakMap hit).
   */
  cellFormat(format: CellFormat, kind: ValueKind): number {
    const known = this.seen.get(format);
    if (known !== undefined) return known;
    const numFmtId = format.numFmt ? this.numFmt(format.numFmt) : kind === 'date' ? BUILT_IN_FORMATS['mm-dd-yy']! : 0;
    const fontId = format.font ? this.fonts.add(fontXml(format.font)) : 0;
    const fillId = format.fill ? this.fills.add(fillXml(format.fill)) : 0;
    const borderId = format.border ? this.borders.add(borderXml(format.border)) : 0;
    const children = `${format.alignment ? alignmentXml(format.alignment) : ''}${format.protection ? `<protection locked="${format.protection.locked === false ? 0 : 1}"/>` : ''}`;
    const applied = `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${borderId ? ' applyBorder="1"' : ''}${format.alignment ? ' applyAlignment="1"' : ''}${format.protection ? ' applyProtection="1"' : ''}`;
    const open = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}`;
    const id = this.xfs.add(children ? `${open}>${children}</xf>` : `${open}/>`);
    this.seen.set(format, id);
    return id;
  }

  /** The id of a differential format (a conditional format's `dxfId`). */
  differentialFormat(format: DifferentialFormat): number {
    const font = format.font ? `<font>${format.font.bold ? '<b/>' : ''}${color(format.font.color)}</font>` : '';
    const fill = format.background ? `<fill><patternFill patternType="solid"><bgColor rgb="${xmlEscape(format.background.argb)}"/></patternFill></fill>` : '';
    const xml = `<dxf>${font}${fill}</dxf>`;
    const at = this.dxfs.indexOf(xml);
    if (at >= 0) return at;
    this.dxfs.push(xml);
    return this.dxfs.length - 1;
  }

  private numFmt(code: string): number {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = FIRST_CUSTOM_FORMAT + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  xml(): string {
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlEscape(code)}"/>`);
    return `${HEAD}<styleSheet xmlns="${MAIN}">`
      + (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '')
      + this.fonts.list('fonts') + this.fills.list('fills') + this.borders.list('borders')
      + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
      + this.xfs.list('cellXfs')
      + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
      + `<dxfs count="${this.dxfs.length}">${this.dxfs.join('')}</dxfs>`
      + '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>'
      + '</styleSheet>';
  }
}
