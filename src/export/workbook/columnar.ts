/**
 * A JSON value stored by columns, for the workbook's machine copy: a long list of records with
 * the same members (sampled rows, test outcomes, selected items) becomes one array per member
 * instead of one object per record, a list of lists becomes one flat list and its lengths, and a
 * list of texts that repeat (statuses, reasons, environments) becomes a dictionary and indices.
 *
 * Decoding gives back exactly what a JSON round trip gives — `JSON.parse(JSON.stringify(value))`,
 * members in the same order — so the sheets re-rendered from it are those rendered from the value.
 * Every array in the encoded tree is tagged by its first element:
 * - `[0, …items]` the items, each encoded;
 * - `[1, n, names, presence, …columns]` n objects: `names` every member in order, `presence[m]`
 *   0 when every object has member m, else a string of `0`/`1` per object; `columns[m]` the values
 *   of the objects that have it, as an encoded array;
 * - `[2, lengths, flat]` lists, their items concatenated in one encoded array;
 * - `[3, dictionary, indices]` texts (or null: -1), as indices into their distinct values;
 * - `[4, flags]` booleans, as a string of `0`/`1`.
 *
 * @example
 * const tree = encodeColumns([{ a: 'x', b: 1 }, { a: 'y', b: 2 }])
 * // [1, 2, ['a', 'b'], [0, 0], [0, 'x', 'y'], [0, 1, 2]]
 * decodeColumns(tree) // [{ a: 'x', b: 1 }, { a: 'y', b: 2 }]
 */
import { tickmarkError } from '../../errors.js';

const PLAIN = 0;
const RECORDS = 1;
const LISTS = 2;
const TEXTS = 3;
const BOOLEANS = 4;

export type Json = null | boolean | number | string | Json[] | { [member: string]: Json };

/** A member set as JSON.parse would (a member named `__proto__` stays a member). */
function setMember(target: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  else target[name] = value;
}

/** The value as JSON.stringify sees it: `toJSON` applied; undefined for what it leaves out. */
function jsonValue(value: unknown, key: string): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') value = (value as { toJSON: (key: string) => unknown }).toJSON(key);
  return value === undefined || typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
}

/** An array's item as JSON.stringify sees it (its index is the key `toJSON` is given); null for what it leaves out. */
function jsonItem(item: unknown, i: number): unknown {
  if (item === undefined || typeof item === 'function' || typeof item === 'symbol') return null;
  return item !== null && typeof item === 'object' && typeof (item as { toJSON?: unknown }).toJSON === 'function' ? (jsonValue(item, String(i)) ?? null) : item;
}

const jsonItems = (items: readonly unknown[]): unknown[] => {
  const out = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = jsonItem(items[i], i);
  return out;
};

/** Items that need no encoding (texts, numbers, booleans, null), tagged. */
function plain(items: readonly unknown[]): Json {
  const out = new Array<Json>(items.length + 1);
  out[0] = PLAIN;
  for (let i = 0; i < items.length; i++) out[i + 1] = items[i] as Json;
  return out;
}

/** A list of texts is stored as a dictionary when at most half its first `PROBE` texts are distinct… */
const PROBE = 256;
/** …and it keeps to one distinct text in `DICTIONARY_SHARE` of them (else it is stored as it is). */
const DICTIONARY_SHARE = 4;

/** `texts` (strings or null) as `[3, dictionary, indices]`, or undefined when they repeat too little. */
function dictionary(texts: readonly (string | null)[]): Json | undefined {
  const n = texts.length;
  const probe = texts.slice(0, PROBE);
  if (n < 8 || new Set(probe).size * 2 > probe.length) return undefined;
  const words: string[] = [];
  const index = new Map<string, number>();
  const limit = n / DICTIONARY_SHARE;
  const indices = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t = texts[i]!;
    if (t === null) {
      indices[i] = -1;
      continue;
    }
    let w = index.get(t);
    if (w === undefined) {
      if (words.length >= limit) return undefined;
      w = words.length;
      words.push(t);
      index.set(t, w);
    }
    indices[i] = w;
  }
  return [TEXTS, words, indices];
}

class Encoder {
  value(v: unknown): Json {
    if (v === null || typeof v !== 'object') return typeof v === 'number' && !Number.isFinite(v) ? null : (v as Json);
    if (Array.isArray(v)) return this.array(jsonItems(v));
    const out: Record<string, Json> = {};
    for (const name of Object.keys(v)) {
      const item = jsonValue((v as Record<string, unknown>)[name], name);
      if (item !== undefined) setMember(out, name, this.value(item));
    }
    return out;
  }

  /** `items` already as JSON.stringify sees them (no undefined, toJSON applied). */
  list(items: unknown[]): Json {
    return this.array(items);
  }

  private array(items: unknown[]): Json {
    const n = items.length;
    let texts = 0;
    let primitives = 0;
    let lists = 0;
    let records = 0;
    let booleans = 0;
    for (let i = 0; i < n; i++) {
      const t = items[i];
      if (t === null || typeof t === 'string') texts++;
      else if (typeof t === 'boolean') booleans++;
      else if (typeof t !== 'object') primitives++;
      else if (Array.isArray(t)) lists++;
      else records++;
    }
    if (n >= 2) {
      if (texts === n) return dictionary(items as (string | null)[]) ?? plain(items);
      if (booleans === n) return [BOOLEANS, (items as boolean[]).map((b) => (b ? '1' : '0')).join('')];
      if (lists === n) return this.lists(items as unknown[][]);
      if (records === n) {
        const columns = this.records(items as Record<string, unknown>[]);
        if (columns) return columns;
      }
    }
    if (texts + primitives + booleans === n) return plain(items);
    const out: Json[] = [PLAIN];
    for (let i = 0; i < n; i++) out.push(this.value(items[i]));
    return out;
  }

  private lists(lists: unknown[][]): Json {
    const flat: unknown[] = [];
    const lengths: number[] = [];
    for (const list of lists) {
      lengths.push(list.length);
      for (let i = 0; i < list.length; i++) flat.push(jsonItem(list[i], i));
    }
    return [LISTS, lengths, this.array(flat)];
  }

  /** Column by column; undefined when the objects list their members in conflicting orders. */
  private records(objects: Record<string, unknown>[]): Json | undefined {
    const names: string[] = [];
    const position = new Map<string, number>();
    const columns: unknown[][] = [];
    /** Per member, `1` where an object has it, `0` where not (as character codes). */
    const has: Buffer[] = [];
    const n = objects.length;
    // Objects of one shape list the same members: their columns are looked up once per shape.
    let shape: string[] = [];
    let slots: number[] = [];
    for (let o = 0; o < n; o++) {
      const object = objects[o]!;
      const members = Object.keys(object);
      let same = members.length === shape.length;
      for (let k = 0; same && k < members.length; k++) same = members[k] === shape[k];
      if (!same) {
        slots = [];
        let last = -1;
        for (const name of members) {
          let m = position.get(name);
          if (m === undefined) {
            m = names.length;
            names.push(name);
            position.set(name, m);
            columns.push([]);
            has.push(Buffer.alloc(n, 48));
          }
          if (m <= last) return undefined;
          last = m;
          slots.push(m);
        }
        shape = members;
      }
      for (let k = 0; k < members.length; k++) {
        const name = members[k]!;
        let value = object[name];
        if (typeof value === 'object' && value !== null) value = jsonValue(value, name);
        else if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
        if (value === undefined) continue;
        const m = slots[k]!;
        columns[m]!.push(value);
        has[m]![o] = 49;
      }
    }
    const presence = columns.map((column, m) => (column.length === n ? 0 : has[m]!.toString('latin1')));
    return [RECORDS, n, names, presence, ...columns.map((column) => this.array(column))];
  }
}

/**
 * A list of values (each as JSON.stringify sees it: no undefined, no `toJSON`) by columns.
 *
 * @example
 * listTree(['pass', 'pass', 'exception', 'pass', 'pass', 'pass', 'pass', 'pass']) // [3, ['pass', 'exception'], [0, 0, 1, 0, 0, 0, 0, 0]]
 */
export const listTree = (items: unknown[]): Json => new Encoder().list(items);

/**
 * `n` records with every member in `names`, from their columns already encoded (`listTree`): a
 * large table is encoded from its columns without an object per record.
 *
 * @example
 * decodeColumns(tableTree(2, ['a'], [listTree([1, 2])])) // [{ a: 1 }, { a: 2 }]
 */
export const tableTree = (n: number, names: readonly string[], columns: readonly Json[]): Json => [RECORDS, n, [...names], names.map(() => 0), ...columns];

/**
 * The value by columns.
 *
 * @example
 * encodeColumns({ rows: [{ a: 'x' }, { a: null }] }) // { rows: [1, 2, ['a'], [0], [0, 'x', null]] }
 */
export function encodeColumns(value: unknown): Json {
  return new Encoder().value(jsonValue(value, '') ?? null);
}

const malformed = (what: string): never => {
  throw tickmarkError('TM_ERR_MANIFEST', { reason: `the machine-readable copy is malformed: ${what}` });
};

class Decoder {
  value(v: unknown): unknown {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return this.array(v);
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(v)) setMember(out, name, this.value((v as Record<string, unknown>)[name]));
    return out;
  }

  array(v: unknown): unknown[] {
    if (!Array.isArray(v)) return malformed('an array expected');
    switch (v[0]) {
      case PLAIN: {
        const out = new Array<unknown>(v.length - 1);
        for (let i = 1; i < v.length; i++) {
          const item: unknown = v[i];
          out[i - 1] = item !== null && typeof item === 'object' ? this.value(item) : item;
        }
        return out;
      }
      case TEXTS:
        return this.textList(v[1], v[2]);
      case LISTS:
        return this.lists(v[1], v[2]);
      case BOOLEANS:
        if (typeof v[1] !== 'string' || !/^[01]*$/.test(v[1])) return malformed('a string of 0 and 1 expected');
        return Array.from(v[1], (c) => c === '1');
      case RECORDS:
        return this.records(v);
      default:
        return malformed(`an array tagged ${JSON.stringify(v[0] ?? null)}`);
    }
  }

  private textList(words: unknown, indices: unknown): (string | null)[] {
    if (!Array.isArray(words) || !words.every((w) => typeof w === 'string') || !Array.isArray(indices)) return malformed('a dictionary of texts expected');
    return indices.map((i) => {
      if (i === -1) return null;
      const text: unknown = Number.isInteger(i) ? words[i as number] : undefined;
      return typeof text === 'string' ? text : malformed(`no text ${JSON.stringify(i)} in a dictionary`);
    });
  }

  private lists(lengths: unknown, flatTree: unknown): unknown[][] {
    if (!Array.isArray(lengths) || !lengths.every((l) => Number.isInteger(l) && l >= 0)) return malformed('list lengths expected');
    const flat = this.array(flatTree);
    if (lengths.reduce((a: number, l: number) => a + l, 0) !== flat.length) return malformed('list lengths that do not add up');
    let at = 0;
    return lengths.map((l: number) => flat.slice(at, (at += l)));
  }

  private records(v: unknown[]): Record<string, unknown>[] {
    const [, n, names, presence, ...columnTrees] = v;
    if (!Number.isInteger(n) || (n as number) < 0 || !Array.isArray(names) || !names.every((m) => typeof m === 'string') || !Array.isArray(presence) || presence.length !== names.length || columnTrees.length !== names.length) {
      return malformed('a table of records with a bad head');
    }
    const count = n as number;
    const objects: Record<string, unknown>[] = Array.from({ length: count }, () => ({}));
    const columns = columnTrees.map((c) => this.array(c));
    const has = presence.map((p, m) => {
      if (p === 0) return undefined;
      if (typeof p !== 'string' || p.length !== count || !/^[01]*$/.test(p)) return malformed(`the presence of member ${m + 1}`);
      return p;
    });
    const cursors = names.map(() => 0);
    for (let m = 0; m < names.length; m++) {
      const expected = has[m] === undefined ? count : has[m]!.split('1').length - 1;
      if (columns[m]!.length !== expected) malformed(`member ${JSON.stringify(names[m])} holds ${columns[m]!.length} values for ${expected} records`);
    }
    const proto = names.includes('__proto__');
    for (let o = 0; o < count; o++) {
      const object = objects[o]!;
      for (let m = 0; m < names.length; m++) {
        const p = has[m];
        if (p !== undefined && p.charCodeAt(o) !== 49) continue;
        if (proto) setMember(object, names[m] as string, columns[m]![cursors[m]!++]);
        else object[names[m] as string] = columns[m]![cursors[m]!++];
      }
    }
    return objects;
  }
}

/**
 * The value `encodeColumns` encoded, given its tree as parsed from JSON; refused (TM_ERR_MANIFEST)
 * when the tree is not one it writes.
 *
 * @example
 * decodeColumns([3, ['x'], [0, -1, 0]]) // ['x', null, 'x']
 */
export function decodeColumns(tree: unknown): unknown {
  return new Decoder().value(tree);
}
