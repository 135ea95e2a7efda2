/**
 * Limits on custom rules, so that hostile or accidental input is refused before it is compiled:
 * size of the JSON, nesting depth, rule count, regex length and flags, list sizes, and the length
 * of a value a regex is run on.
 *
 * @example
 * customRuleLimits.maxDepth // 32
 */
export const customRuleLimits = {
  /** Bytes of rule JSON (UTF-8). */
  maxBytes: 65_536,
  /** Nesting of arrays/objects from the root of the rule file. */
  maxDepth: 32,
  maxRules: 100,
  /** Characters in a regex pattern. */
  maxPatternLength: 1000,
  /** Values are cut to this many characters before a regex runs on them. */
  maxMatchInput: 10_000,
  /** Entries in an `in` list. */
  maxListEntries: 1000,
  /** Characters in a string literal, name or message. */
  maxText: 1000,
} as const;

/** Keys that could reach an object's prototype; refused anywhere in rule JSON and as field names. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
