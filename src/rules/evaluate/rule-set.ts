/**
 * A rule set: the ordered attributes of one control's test matrix (letters A, B, … in order),
 * built from rules, or from a plain-data spec (kind, `--param` strings, custom-rule JSON,
 * headers, joins) — the form sent to workers, which rebuild the closures on their side because
 * compiled rules cannot cross a thread boundary.
 *
 * @example
 * const set = ruleSetFromSpec({ kind: 'change', params: ['pir_days=3bd'], custom: rulesJson, headers })
 * set.attributes[0].label // 'A — Approval present'
 */
import { tickmarkError } from '../../errors.js';
import { columnLetter } from '../../text/column-letter.js';
import { kindSpec, type Kind } from '../../population/kinds.js';
import { builtinRules } from '../builtin/builtin-rules.js';
import { compileCustomRules } from '../custom/compile-custom-rules.js';
import { parseRuleParams, resolveRuleParams } from '../params/parse-rule-params.js';
import type { RuleParams } from '../params/specs.js';
import type { AttributeInfo, JoinRequirement, Rule } from '../types.js';

export interface RuleSet {
  kind: Kind;
  rules: readonly Rule[];
  /** One per rule, same order: the matrix columns. */
  attributes: AttributeInfo[];
  /** Second populations the rules read; build each with buildJoinIndex(chunks, keyField, { fields }). */
  joins: JoinRequirement[];
}

/** Everything needed to rebuild a rule set, as plain (structured-cloneable, JSON-able) data. */
export interface RuleSetSpec {
  kind: Kind | string;
  /** `--param` strings (validated for the kind), or parameter values (defaults fill the rest). */
  params?: readonly string[] | Partial<RuleParams>;
  /** Custom rules: JSON text or the parsed value. */
  custom?: unknown;
  /** Source headers of the population (custom rules may read them). */
  headers?: readonly string[];
  /** Second populations that will be supplied (`accounts`, `deployments`). */
  joins?: readonly string[] | undefined;
  /** Canonical fields the population maps (lets a joined rule set leave out row attributes the population cannot answer). */
  fields?: readonly string[];
  /** Include the built-in rules (default true). */
  builtins?: boolean;
  /** Keep only these rule ids (matrix order is unchanged). */
  only?: readonly string[] | undefined;
  /** Drop these rule ids. */
  exclude?: readonly string[];
}

/** Column letters for a 0-based attribute index: A … Z, AA, AB, … */
export function attributeLetter(index: number): string {
  return columnLetter(index + 1);
}

export function ruleSet(kind: Kind | string, rules: readonly Rule[]): RuleSet {
  const k = kindSpec(kind).kind;
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.id)) throw tickmarkError('TM_ERR_BAD_RULE', { rule: r.id, message: `duplicate rule id ${JSON.stringify(r.id)} (a custom rule may not reuse a built-in id)`, path: '$' });
    seen.add(r.id);
  }
  const attributes = rules.map((r, i): AttributeInfo => {
    const attribute = attributeLetter(i);
    return { attribute, label: `${attribute} — ${r.name}`, name: r.name, rule: r.id, description: r.description, mode: r.mode, level: r.level, origin: r.origin, params: r.params };
  });
  const joins: JoinRequirement[] = [];
  for (const r of rules) {
    if (r.level !== 'item' || !r.join) continue;
    const same = joins.find((j) => j.name === r.join!.name);
    if (same) same.fields = [...new Set([...same.fields, ...r.join.fields])];
    else joins.push({ ...r.join, fields: [...r.join.fields] });
  }
  return { kind: k, rules, attributes, joins };
}

export function ruleSetFromSpec(spec: RuleSetSpec): RuleSet {
  const kind = kindSpec(spec.kind).kind;
  const params = Array.isArray(spec.params) ? parseRuleParams(spec.params as readonly string[], { kind }) : resolveRuleParams((spec.params ?? {}) as Partial<RuleParams>);
  let rules: Rule[] = spec.builtins === false ? [] : builtinRules(kind, params, { joins: spec.joins ?? [], ...(spec.fields ? { fields: spec.fields } : {}) });
  if (spec.custom !== undefined && spec.custom !== null) rules = [...rules, ...compileCustomRules(spec.custom, { kind, headers: spec.headers ?? [] })];
  const ids = new Set(rules.map((r) => r.id));
  for (const [option, list] of [['only', spec.only], ['exclude', spec.exclude]] as const) {
    for (const id of list ?? []) {
      if (!ids.has(id)) throw tickmarkError('TM_ERR_INVALID_OPTION', { option, expected: `lists rule ids of this rule set (${[...ids].join(', ')})`, got: id });
    }
  }
  if (spec.only) rules = rules.filter((r) => spec.only!.includes(r.id));
  if (spec.exclude) rules = rules.filter((r) => !spec.exclude!.includes(r.id));
  return ruleSet(kind, rules);
}
