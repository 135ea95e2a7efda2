/**
 * The custom-rule file as a type: what `--rules F.json` (and `rules` over HTTP) holds. The
 * compiler (compile-custom-rules.ts) checks every field at run time; this type lets a library user
 * write a rule file in TypeScript and have it checked as they type.
 *
 * @example
 * const file: RuleFile = { rules: [{ id: 'cab-window', attribute: 'Approved within 2 days', test: { daysBetween: ['approved_at', 'deployed_at'], min: 0, max: 2 } }] }
 */

/** A field name, a header, or a literal value where the operator takes one (`{"literal": "x"}`, a number, an ISO date). */
export type RuleOperand = string | number | boolean | { literal: string | number | boolean };

/** A condition: true → pass, false → exception (or not applicable, in `when`), unknown → exception ("cannot be tested"). */
export type RuleCondition =
  | { and: RuleCondition[] }
  | { or: RuleCondition[] }
  | { not: RuleCondition }
  | { present: string }
  | { blank: string }
  | ({ '=': [RuleOperand, RuleOperand] } | { '!=': [RuleOperand, RuleOperand] } | { '<': [RuleOperand, RuleOperand] } | { '<=': [RuleOperand, RuleOperand] } | { '>': [RuleOperand, RuleOperand] } | { '>=': [RuleOperand, RuleOperand] }) & { normalize?: boolean }
  | { in: [string, (string | number)[]]; normalize?: boolean }
  | { matches: [string, string]; flags?: 'i' | 'u' | 'iu' }
  | ({ daysBetween: [RuleOperand, RuleOperand] } | { businessDaysBetween: [RuleOperand, RuleOperand] } | { hoursBetween: [RuleOperand, RuleOperand] }) & { min?: number; max?: number };

export interface CustomRule {
  /** Stable id: letters, digits, `_ . -`, at most 64. */
  id: string;
  /** The test-matrix column's name. */
  attribute: string;
  description?: string;
  /** When false, the item is not applicable to this attribute. */
  when?: RuleCondition;
  test?: RuleCondition;
  /** A manual attribute: a yellow column to tick. */
  manual?: boolean;
  /** What to inspect (manual attributes). */
  evidence?: string;
  /** The finding's message, with `{field}` placeholders. */
  message?: string;
  /** The reason shown when `when` is false. */
  notApplicable?: string;
}

export interface RuleFile {
  rules: CustomRule[];
}
