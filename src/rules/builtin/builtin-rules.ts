/**
 * The built-in rules of a population kind, in matrix order, shaped by the parameters.
 * Cross-population rules are included only for the joins the caller will supply
 * (`accounts` for terminations, `deployments` for changes).
 *
 * @example
 * builtinRules('change', parseRuleParams(['pir_days=3bd'])).map((r) => r.id)
 * // ['change.approval_present', 'change.approved_before_deploy', …, 'change.testing_inspected']
 */
import { kindSpec, type Kind } from '../../population/kinds.js';
import { resolveRuleParams } from '../params/parse-rule-params.js';
import type { RuleParams } from '../params/specs.js';
import type { Rule } from '../types.js';
import { accessGrantRules } from './access-grant.js';
import { accessReviewRules } from './access-review.js';
import { accountRules } from './account.js';
import { changeRules } from './change.js';
import { terminationRules } from './termination.js';
import { ticketRules } from './ticket.js';
import { vulnerabilityRules } from './vulnerability.js';

export interface BuiltinOptions {
  /** Second populations the caller will index and pass in `TestContext.joins`. */
  joins?: readonly string[];
  /** Canonical fields the population maps, when known. */
  fields?: readonly string[];
}

/** Names of the joins each kind can use. */
export const builtinJoins: Readonly<Record<Kind, readonly string[]>> = {
  change: ['deployments'],
  access_grant: [],
  termination: ['accounts'],
  account: [],
  access_review: [],
  ticket: [],
  vulnerability: [],
  generic: [],
};

export function builtinRules(kind: Kind | string, params: Partial<RuleParams> = {}, opts: BuiltinOptions = {}): Rule[] {
  const k = kindSpec(kind).kind;
  const p = resolveRuleParams(params);
  switch (k) {
    case 'change': return changeRules(p, opts);
    case 'access_grant': return accessGrantRules(p);
    case 'termination': return terminationRules(p, opts);
    case 'access_review': return accessReviewRules(p);
    case 'ticket': return ticketRules(p);
    case 'vulnerability': return vulnerabilityRules(p);
    case 'account': return accountRules(p);
    case 'generic': return [];
  }
}
