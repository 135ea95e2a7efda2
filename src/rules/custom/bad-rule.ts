/**
 * The one error custom-rule validation throws: `TM_ERR_BAD_RULE` with the rule (its id, or its
 * position when it has none), a message and the JSON path of the offending value, e.g.
 * `$.rules[2].test.and[1]["<="][0]`.
 *
 * @example
 * badRule('chg-1', '$.rules[0].test', 'needs exactly one operator').message // 'rule chg-1: needs exactly one operator (at $.rules[0].test)'
 */
import { tickmarkError, type TickmarkError } from '../../errors.js';

export function badRule(rule: string, path: string, message: string): TickmarkError {
  return tickmarkError('TM_ERR_BAD_RULE', { rule, message, path });
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Append a key or index to a JSON path. */
export function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return IDENT.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key.length > 60 ? key.slice(0, 60) + '…' : key)}]`;
}
