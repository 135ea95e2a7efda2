/**
 * Bound a JSON text before it is parsed: one scan of its characters, outside strings, counts the
 * nesting of `{` and `[` and the keys of each object, and reads each key to refuse `__proto__`,
 * `constructor` and `prototype` (escaped spellings too). The scan keeps a flat stack, so a body
 * nested 5,000 deep is refused in O(bytes) with no recursion, before `JSON.parse` or a schema
 * validator (both of which recurse) ever see it. Malformed JSON is left for `JSON.parse` to name.
 *
 * @example
 * guardJson('{"a":[1,2]}', { depth: 32, keys: 1000 }) // ok
 * guardJson('[[[[1]]]]', { depth: 2, keys: 1000 })   // throws TM_ERR_BAD_JSON (nested deeper than 2)
 */
import { tickmarkError } from '../../errors.js';

export interface JsonBounds {
  /** Deepest nesting of objects and arrays. */
  depth: number;
  /** Most keys in one object. */
  keys: number;
}

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

function refuse(reason: string, extra: Record<string, unknown> = {}): never {
  throw tickmarkError('TM_ERR_BAD_JSON', { reason, ...extra });
}

/** Throws TM_ERR_BAD_JSON when the text nests deeper, or holds an object with more keys, than allowed, or a forbidden key. */
export function guardJson(text: string, bounds: JsonBounds): void {
  // isObject[d] and keyCount[d] describe the container open at depth d (1-based).
  const isObject: boolean[] = [false];
  const keyCount: number[] = [0];
  let depth = 0;
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i + 1;
      let escaped = false;
      for (i = start; i < n; i++) {
        const s = text.charCodeAt(i);
        if (s === BACKSLASH) (escaped = true), i++;
        else if (s === QUOTE) break;
      }
      if (expectKey && isObject[depth]) {
        expectKey = false;
        if (++keyCount[depth]! > bounds.keys) refuse(`an object has more than ${bounds.keys} keys`, { limit: bounds.keys });
        const raw = text.slice(start, i);
        let key = raw;
        if (escaped) {
          try {
            key = JSON.parse(`"${raw}"`) as string;
          } catch {
            key = raw; // malformed: JSON.parse of the whole body names it
          }
        }
        if (FORBIDDEN_KEYS.has(key)) refuse(`the key "${key}" is not allowed`, { key });
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > bounds.depth) refuse(`nested deeper than ${bounds.depth} levels`, { limit: bounds.depth });
      isObject[depth] = c === OPEN_OBJECT;
      keyCount[depth] = 0;
      expectKey = c === OPEN_OBJECT;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth > 0) depth--;
      expectKey = false;
    } else if (c === COMMA) {
      expectKey = Boolean(isObject[depth]);
    }
  }
}

/** Parse a JSON text within the bounds; every failure is TM_ERR_BAD_JSON naming why. */
export function parseBoundedJson(text: string, bounds: JsonBounds): unknown {
  guardJson(text, bounds);
  try {
    return JSON.parse(text);
  } catch (err) {
    return refuse(`it is not valid JSON: ${(err as Error).message}`);
  }
}
