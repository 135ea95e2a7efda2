/**
 * The names a custom rule may read: the kind's canonical fields (typed) and the population's
 * source headers (raw text), as given at compile time. Anything else is refused with the JSON path
 * and the closest known name. Lookups use Maps, never object indexing with user text.
 *
 * @example
 * const catalog = fieldCatalog('change', ['Number', 'Approved By'])
 * resolveField(catalog, 'approved_at', ctx) // { name: 'approved_at', type: 'timestamp', … }
 */
import { kindSpec, type FieldType, type Kind } from '../../population/kinds.js';
import { badRule } from './bad-rule.js';
import { customRuleLimits, FORBIDDEN_KEYS } from './limits.js';

export type ValueType = 'timestamp' | 'number' | 'boolean' | 'string';

export interface FieldRef {
  name: string;
  type: ValueType;
  /** Enum fields hold lower-cased values. */
  isEnum: boolean;
  source: 'field' | 'header';
}

export interface FieldCatalog {
  kind: Kind;
  fields: Map<string, FieldType>;
  headers: Set<string>;
}

/** Where a validation step is: the rule's name and the JSON path. */
export interface Site {
  rule: string;
  path: string;
}

export function fieldCatalog(kind: Kind | string, headers: readonly string[] = []): FieldCatalog {
  const spec = kindSpec(kind);
  return { kind: spec.kind, fields: new Map(spec.fields.map((f) => [f.name, f.type])), headers: new Set(headers) };
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

function closest(catalog: FieldCatalog, name: string): string | undefined {
  let best: string | undefined;
  let score = 3;
  const lower = name.toLowerCase();
  for (const candidate of [...catalog.fields.keys(), ...catalog.headers]) {
    if (candidate.length > 100) continue;
    const d = distance(lower, candidate.toLowerCase());
    if (d < score) { score = d; best = candidate; }
  }
  return best;
}

export function resolveField(catalog: FieldCatalog, name: unknown, site: Site): FieldRef {
  if (typeof name !== 'string' || name === '') throw badRule(site.rule, site.path, 'expected a field name');
  if (name.length > customRuleLimits.maxText) throw badRule(site.rule, site.path, `field names are at most ${customRuleLimits.maxText} characters`);
  if (FORBIDDEN_KEYS.has(name)) throw badRule(site.rule, site.path, `"${name}" cannot be used as a field name`);
  const type = catalog.fields.get(name);
  if (type !== undefined) {
    return { name, type: type === 'enum' ? 'string' : type, isEnum: type === 'enum', source: 'field' };
  }
  if (catalog.headers.has(name)) return { name, type: 'string', isEnum: false, source: 'header' };
  const hint = closest(catalog, name);
  const known = [...catalog.fields.keys()];
  throw badRule(site.rule, site.path, `unknown field ${JSON.stringify(name)}${hint ? `; did you mean ${JSON.stringify(hint)}?` : ''} (fields of kind ${catalog.kind}: ${known.join(', ') || 'none'}${catalog.headers.size ? '; or a header of the population' : ''})`);
}
