/**
 * Custom rules: JSON written by a consultant, validated against the population kind's fields and
 * headers, compiled by our own code to closures (never eval / new Function) and returned as item
 * rules that run beside the built-ins. Every refusal is `TM_ERR_BAD_RULE` { rule, message, path }.
 * The grammar is documented in the README section "Custom rules".
 *
 * @example
 * compileCustomRules('{"rules":[{"id":"cab-same-day","attribute":"Approved on or before the deployment day",' +
 *   '"test":{"daysBetween":["approved_at","deployed_at"],"min":0}}]}', { kind: 'change' })
 */
import { exception, manual, notApplicable, pass } from '../outcome.js';
import { fieldColumn, observedTime, timestampColumn } from '../read/columns.js';
import type { ItemRule, Observed, TestContext } from '../types.js';
import type { PopulationChunk } from '../../population/types.js';
import { badRule, pathOf } from './bad-rule.js';
import { FALSE, parseCondition, TRUE, UNKNOWN, type Condition } from './condition.js';
import { fieldCatalog, resolveField, type FieldCatalog, type FieldRef } from './field-catalog.js';
import { inspectRuleJson } from './inspect-json.js';
import { customRuleLimits } from './limits.js';
import { bindField } from './operand.js';
import type { Kind } from '../../population/kinds.js';

export interface CustomRuleOptions {
  kind: Kind | string;
  /** The population's source headers: custom rules may read them as text. */
  headers?: readonly string[];
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const RULE_KEYS = new Set(['id', 'attribute', 'description', 'when', 'test', 'manual', 'evidence', 'message', 'notApplicable']);
const PLACEHOLDER = /\{([^{}]{1,200})\}/g;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(value: unknown, rule: string, path: string, what: string, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw badRule(rule, path, `${what} is a non-empty string`);
  if (value.length > customRuleLimits.maxText) throw badRule(rule, path, `${what} is at most ${customRuleLimits.maxText} characters`);
  return value.trim();
}

/** Validate and compile custom rules (JSON text or an already parsed value). */
export function compileCustomRules(json: unknown, opts: CustomRuleOptions): ItemRule[] {
  const value = inspectRuleJson(json);
  const catalog = fieldCatalog(opts.kind, opts.headers ?? []);
  let list: unknown;
  let base: string;
  if (Array.isArray(value)) {
    list = value;
    base = '$';
  } else if (isPlainObject(value)) {
    for (const k of Object.keys(value)) if (k !== 'rules') throw badRule('(rules)', pathOf('$', k), `unknown key ${JSON.stringify(k)}; the file is {"rules": [ … ]}`);
    list = value.rules;
    base = '$.rules';
    if (!Array.isArray(list)) throw badRule('(rules)', base, '"rules" is a list of rules');
  } else {
    throw badRule('(rules)', '$', 'expected {"rules": [ … ]} or a list of rules');
  }
  const rules = list as unknown[];
  if (rules.length > customRuleLimits.maxRules) throw badRule('(rules)', base, `${rules.length} rules; the limit is ${customRuleLimits.maxRules}`);
  const ids = new Set<string>();
  return rules.map((raw, i) => {
    const rule = compileRule(raw, `${base}[${i}]`, `#${i + 1}`, catalog);
    if (ids.has(rule.id)) throw badRule(rule.id, pathOf(`${base}[${i}]`, 'id'), `duplicate rule id ${JSON.stringify(rule.id)}`);
    ids.add(rule.id);
    return rule;
  });
}

function compileRule(raw: unknown, path: string, position: string, catalog: FieldCatalog): ItemRule {
  if (!isPlainObject(raw)) throw badRule(position, path, 'a rule is an object {"id", "attribute", "test", …}');
  const rawId = raw.id;
  const name = typeof rawId === 'string' && ID.test(rawId) ? rawId : position;
  if (name === position) throw badRule(position, pathOf(path, 'id'), 'the id is 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit');
  for (const k of Object.keys(raw)) {
    if (!RULE_KEYS.has(k)) throw badRule(name, pathOf(path, k), `unknown key ${JSON.stringify(k)}; a rule has ${[...RULE_KEYS].join(', ')}`);
  }
  const at = (k: string) => ({ rule: name, path: pathOf(path, k) });
  const attribute = text(raw.attribute, name, pathOf(path, 'attribute'), '"attribute" (the column name)', true)!;
  const description = text(raw.description, name, pathOf(path, 'description'), '"description"', false);
  const naReason = text(raw.notApplicable, name, pathOf(path, 'notApplicable'), '"notApplicable"', false);
  if (raw.manual !== undefined && typeof raw.manual !== 'boolean') throw badRule(name, pathOf(path, 'manual'), '"manual" is true or false');
  const isManual = raw.manual === true;
  const when = raw.when === undefined ? undefined : parseCondition(raw.when, catalog, at('when'));
  if (naReason !== undefined && !when) throw badRule(name, pathOf(path, 'notApplicable'), '"notApplicable" explains a "when" condition; add one');

  if (isManual) {
    if (raw.test !== undefined) throw badRule(name, pathOf(path, 'test'), 'a manual rule has no "test"');
    if (raw.message !== undefined) throw badRule(name, pathOf(path, 'message'), 'a manual rule has no "message"; use "evidence"');
    const evidence = text(raw.evidence, name, pathOf(path, 'evidence'), '"evidence"', false) ?? `Inspect the evidence for: ${attribute}.`;
    return customRule(name, attribute, description ?? evidence, 'manual', (chunk, ctx) => {
      const applies = when?.bind(chunk, ctx);
      const outcome = manual(evidence);
      const na = notApplicable(naReason ?? `not applicable: ${when?.text} is false`);
      return (row) => (applies && applies(row) === FALSE ? na : outcome);
    });
  }

  if (raw.evidence !== undefined) throw badRule(name, pathOf(path, 'evidence'), '"evidence" is for manual rules ("manual": true)');
  if (raw.test === undefined) throw badRule(name, pathOf(path, 'test'), 'a rule needs a "test" condition (or "manual": true)');
  const test = parseCondition(raw.test, catalog, at('test'));
  const message = text(raw.message, name, pathOf(path, 'message'), '"message"', false);
  const shown: FieldRef[] = [...test.fields];
  if (message) {
    for (const m of message.matchAll(PLACEHOLDER)) {
      const f = resolveField(catalog, m[1], at('message'));
      if (!shown.some((s) => s.name === f.name)) shown.push(f);
    }
  }
  return customRule(name, attribute, description ?? `Passes when ${test.text}.`, 'automated', (chunk, ctx) => bindTest(chunk, ctx, { when, test, shown, message, naReason }));
}

function customRule(id: string, name: string, description: string, mode: 'automated' | 'manual', bind: ItemRule['bind']): ItemRule {
  return { id, name, description, kinds: [], params: {}, mode, origin: 'custom', level: 'item', bind };
}

function bindTest(
  chunk: PopulationChunk,
  ctx: TestContext,
  spec: { when?: Condition | undefined; test: Condition; shown: FieldRef[]; message?: string | undefined; naReason?: string | undefined },
) {
  const applies = spec.when?.bind(chunk, ctx);
  const test = spec.test.bind(chunk, ctx);
  const observe = observer(chunk, ctx, spec.shown);
  const na = notApplicable(spec.naReason ?? `not applicable: ${spec.when?.text} is false`);
  const inputs = spec.test.fields.map((f) => ({ name: f.name, read: bindField(f, chunk) }));
  return (row: number) => {
    if (applies && applies(row) === FALSE) return na;
    const result = test(row);
    if (result === TRUE) return pass();
    const observed = observe(row);
    if (result === UNKNOWN) {
      const blank = inputs.filter((input) => input.read(row) === null).map((input) => input.name);
      return exception(`Cannot be tested: ${blank.join(', ')} ${blank.length > 1 ? 'are' : 'is'} blank or unparseable (test: ${spec.test.text}).`, observed);
    }
    return exception(spec.message ? render(spec.message, observed) : `Not met: ${spec.test.text}.`, observed);
  };
}

/** Observed values of the fields a rule reads; timestamps in the calendar's zone. */
function observer(chunk: PopulationChunk, ctx: TestContext, fields: FieldRef[]): (row: number) => Observed {
  const readers = fields.map((f) => {
    if (f.source === 'field' && f.type === 'timestamp') {
      const values = timestampColumn(chunk, f.name);
      return (row: number) => observedTime(chunk, ctx, f.name, row, values ? values[row]! : NaN);
    }
    const read = bindField(f, chunk);
    if (f.source === 'field' && !fieldColumn(chunk, f.name)) return () => null;
    return (row: number) => {
      const v = read(row);
      return typeof v === 'string' && v.length > 200 ? v.slice(0, 200) + '…' : v;
    };
  });
  return (row) => {
    const out: Observed = {};
    fields.forEach((f, i) => { out[f.name] = readers[i]!(row); });
    return out;
  };
}

/** Fill {field} placeholders with observed values ("(blank)" when missing). */
function render(message: string, observed: Observed): string {
  return message.replace(PLACEHOLDER, (_, name: string) => {
    const v = Object.hasOwn(observed, name) ? observed[name] : null;
    return v === null || v === undefined ? '(blank)' : String(v);
  });
}
