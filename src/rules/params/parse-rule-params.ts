/**
 * `--param name=value` strings (or an object from an HTTP body) → validated rule parameters,
 * every one filled with its documented default. Unknown names, duplicates and bad values are
 * `TM_ERR_INVALID_OPTION` errors naming the parameter and what was expected.
 *
 * @example
 * parseRuleParams(['disable_days=2bd', 'strict_names=true']).disable_days // { days: 2, basis: 'business' }
 */
import { tickmarkError } from '../../errors.js';
import type { Kind } from '../../population/kinds.js';
import { normaliseSeverity } from '../read/severity.js';
import { ruleParamSpecs, type ParamName, type ParamSpec, type RuleParams } from './specs.js';
import { parseBoolean, parseDayLimit, parseList, parseSlaTable, parseTierSla } from './values.js';

const FIELD = /^[^\u0000-\u001f]{1,200}$/;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function specFor(name: string): ParamSpec | undefined {
  return ruleParamSpecs.find((s) => s.name === name);
}

function bad(name: string, expected: string, got: unknown): never {
  throw tickmarkError('TM_ERR_INVALID_OPTION', { option: `--param ${name}`, expected, got });
}

function parseValue(spec: ParamSpec, text: string): RuleParams[ParamName] {
  switch (spec.type) {
    case 'boolean': {
      const b = parseBoolean(text);
      if (b === undefined) bad(spec.name, 'must be true or false', text);
      return b;
    }
    case 'list': {
      const list = parseList(text);
      if (spec.name === 'postmortem_severities') {
        return list.map((s) => normaliseSeverity(s) ?? bad(spec.name, `lists severity "${s}", which is not recognised`, text));
      }
      if (spec.name === 'reviewer_not') {
        for (const f of list) if (f !== 'reviewed_user' && f !== 'owner') bad(spec.name, 'must list reviewed_user and/or owner', text);
        if (list.length === 0) bad(spec.name, 'must list reviewed_user and/or owner', text);
      }
      return spec.name.endsWith('_types') ? list.map((s) => s.toLowerCase()) : list;
    }
    case 'days': {
      const d = parseDayLimit(text);
      if (typeof d === 'string') bad(spec.name, d, text);
      return d;
    }
    case 'field': {
      const t = text.trim();
      if (!FIELD.test(t) || FORBIDDEN.has(t)) bad(spec.name, 'must name a field or header', text);
      return t;
    }
    case 'sla': {
      const table = parseSlaTable(text);
      if (typeof table === 'string') bad(spec.name, table, text);
      return Object.assign(Object.create(null), defaultRuleParams().sla, table);
    }
    case 'tier_sla': {
      const table = parseTierSla(text);
      if (typeof table === 'string') bad(spec.name, table, text);
      return Object.assign(Object.create(null), defaultRuleParams().vuln_sla, table);
    }
  }
}

/** Every parameter at its documented default. */
export function defaultRuleParams(): RuleParams {
  const out = Object.create(null) as Record<string, unknown>;
  for (const spec of ruleParamSpecs) {
    out[spec.name] = spec.type === 'sla' ? parseSlaTable(spec.defaultText) : spec.type === 'tier_sla' ? parseTierSla(spec.defaultText) : parseDefault(spec);
  }
  return out as unknown as RuleParams;
}

function parseDefault(spec: ParamSpec): RuleParams[ParamName] {
  return spec.type === 'list' && spec.defaultText === '' ? [] : parseValue(spec, spec.defaultText);
}

/**
 * Parse `name=value` strings (or an object of name → value). When `kind` is given, parameters
 * no rule of that kind uses are refused too.
 */
export function parseRuleParams(input: readonly string[] | Record<string, unknown> = [], opts: { kind?: Kind } = {}): RuleParams {
  const pairs: [string, string][] = [];
  if (Array.isArray(input)) {
    for (const item of input as readonly unknown[]) {
      if (typeof item !== 'string') bad('', 'must be written name=value', item);
      const eq = item.indexOf('=');
      if (eq <= 0) bad(item, 'must be written name=value', item);
      pairs.push([item.slice(0, eq).trim(), item.slice(eq + 1)]);
    }
  } else if (input && typeof input === 'object') {
    for (const name of Object.keys(input)) {
      const v = (input as Record<string, unknown>)[name];
      pairs.push([name, typeof v === 'string' ? v : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join('|') : JSON.stringify(v) ?? '']);
    }
  } else {
    bad('', 'must be a list of name=value or an object', input);
  }
  const params = defaultRuleParams() as unknown as Record<string, unknown>;
  const seen = new Set<string>();
  for (const [name, text] of pairs) {
    const spec = specFor(name);
    const known = ruleParamSpecs.filter((s) => !opts.kind || s.kinds.includes(opts.kind)).map((s) => s.name);
    if (!spec || (opts.kind && !spec.kinds.includes(opts.kind))) bad(name, `is not a rule parameter${opts.kind ? ` of kind ${opts.kind}` : ''}; known: ${known.join(', ')}`, text);
    if (seen.has(name)) bad(name, 'is given twice', text);
    seen.add(name);
    params[name] = parseValue(spec, text);
  }
  return params as unknown as RuleParams;
}

/** Fill a partial parameter object with defaults (for library callers). */
export function resolveRuleParams(partial: Partial<RuleParams> = {}): RuleParams {
  const params = defaultRuleParams();
  for (const spec of ruleParamSpecs) {
    if (Object.hasOwn(partial, spec.name) && partial[spec.name] !== undefined) (params as unknown as Record<string, unknown>)[spec.name] = partial[spec.name];
  }
  return params;
}
