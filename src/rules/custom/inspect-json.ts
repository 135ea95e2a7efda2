/**
 * The first gate for rule JSON, before anything reads it as rules: the text size, then one
 * iterative walk (no recursion, so 1000 levels of nesting cannot overflow the stack) that refuses
 * nesting deeper than the limit, keys that reach prototypes (`__proto__`, `constructor`,
 * `prototype`), values that are not plain JSON (class instances, functions, symbols, bigints,
 * non-finite numbers) and a total size over the limit.
 *
 * @example
 * inspectRuleJson('{"rules": []}') // → { rules: [] }
 * inspectRuleJson('{"__proto__": {"polluted": 1}}') // throws TM_ERR_BAD_RULE (at $.__proto__)
 */
import { badRule, pathOf } from './bad-rule.js';
import { customRuleLimits, FORBIDDEN_KEYS } from './limits.js';

const FILE = '(rules)';

/** Parse (when given text) and inspect rule JSON; returns the value to validate. */
export function inspectRuleJson(input: unknown): unknown {
  let value = input;
  if (typeof input === 'string') {
    const bytes = Buffer.byteLength(input, 'utf8');
    if (bytes > customRuleLimits.maxBytes) throw badRule(FILE, '$', `the rule JSON is ${bytes} bytes; the limit is ${customRuleLimits.maxBytes}`);
    try {
      value = JSON.parse(input);
    } catch (err) {
      throw badRule(FILE, '$', `the rules are not valid JSON: ${(err as Error).message}`);
    }
  }
  try {
    walk(value);
  } catch (err) {
    const details = (err as { details?: { rule: string; path: string; message: string } }).details;
    if (details && details.rule === FILE) throw badRule(ruleAt(value, details.path), details.path, details.message);
    throw err;
  }
  return value;
}

/** Name the rule a path points into: its id when it has a plain one, else its position (#1…). */
function ruleAt(root: unknown, path: string): string {
  const m = /^\$(\.rules)?\[(\d+)\]/.exec(path);
  if (!m) return FILE;
  const list = m[1] ? (root && typeof root === 'object' && Object.hasOwn(root, 'rules') ? (root as { rules: unknown }).rules : undefined) : root;
  if (!Array.isArray(list)) return FILE;
  const rule = list[Number(m[2])] as unknown;
  const id = rule && typeof rule === 'object' && Object.hasOwn(rule, 'id') ? (rule as { id: unknown }).id : undefined;
  return typeof id === 'string' && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id) ? id : `#${Number(m[2]) + 1}`;
}

function walk(root: unknown): void {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: root, depth: 0, path: '$' }];
  let size = 0;
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (size > customRuleLimits.maxBytes) throw badRule(FILE, path, `the rule JSON is larger than ${customRuleLimits.maxBytes} bytes`);
    switch (typeof value) {
      case 'string': size += value.length + 2; continue;
      case 'boolean': size += 5; continue;
      case 'number':
        if (!Number.isFinite(value)) throw badRule(FILE, path, 'numbers must be finite');
        size += 8;
        continue;
      case 'object': break;
      default: throw badRule(FILE, path, `a ${typeof value} is not a JSON value`);
    }
    if (value === null) { size += 4; continue; }
    if (depth >= customRuleLimits.maxDepth) throw badRule(FILE, path, `the rules are nested deeper than ${customRuleLimits.maxDepth} levels`);
    if (Array.isArray(value)) {
      size += 2 + value.length;
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: depth + 1, path: pathOf(path, i) });
      continue;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw badRule(FILE, path, 'only plain JSON objects are accepted');
    const keys = Object.keys(value);
    size += 2;
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      if (FORBIDDEN_KEYS.has(key)) throw badRule(FILE, pathOf(path, key), `the key "${key}" is not allowed`);
      size += key.length + 4;
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: pathOf(path, key) });
    }
  }
  if (size > customRuleLimits.maxBytes) throw badRule(FILE, '$', `the rule JSON is larger than ${customRuleLimits.maxBytes} bytes`);
}
