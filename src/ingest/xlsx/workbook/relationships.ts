/**
 * OPC relationships (`_rels/*.rels`): which part is the workbook, which parts are its worksheets,
 * shared-string table and styles. Targets are resolved against the source part's folder, the way
 * the Open Packaging Conventions say (`worksheets/sheet1.xml` from `xl/workbook.xml` is
 * `xl/worksheets/sheet1.xml`; `/xl/styles.xml` is absolute).
 *
 * @example
 * resolvePartTarget('xl/workbook.xml', '../customXml/item1.xml') // 'customXml/item1.xml'
 * relationshipsPartOf('xl/workbook.xml')                        // 'xl/_rels/workbook.xml.rels'
 */
import type { XmlHandler } from '../xml/events.js';

export interface Relationship {
  id: string;
  /** The relationship type URI; compare by its last segment (`worksheet`, `sharedStrings`…). */
  type: string;
  target: string;
  external: boolean;
}

export function relationshipsHandler(): XmlHandler & { result(): Relationship[] } {
  const relationships: Relationship[] = [];
  return {
    open(name, attributes) {
      if (name !== 'Relationship') return;
      relationships.push({
        id: attributes.Id ?? '',
        type: attributes.Type ?? '',
        target: attributes.Target ?? '',
        external: attributes.TargetMode === 'External',
      });
    },
    text() {},
    close() {},
    result: () => relationships,
  };
}

/** The last segment of a relationship type URI (`…/relationships/worksheet` → `worksheet`). */
export function relationshipKind(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

/** The relationships part that describes `part` ('' is the package itself). */
export function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

export function resolvePartTarget(sourcePart: string, target: string): string {
  const base = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') base.pop();
    else base.push(segment);
  }
  return base.join('/');
}
