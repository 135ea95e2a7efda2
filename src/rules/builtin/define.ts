/**
 * Shared shape of the built-in rules: an item rule names the fields it needs; when one of them is
 * not mapped in the population, the attribute cannot be tested from data and becomes `manual`
 * (evidence to inspect), never a silent pass. Also the anchor-event convention: a blank anchor
 * (e.g. no deployment date) is not applicable, an unparseable one is an exception.
 *
 * @example
 * defineItemRule({ id: 'change.ticket_linked', …, needs: ['ticket_ref'], bind: (chunk) => (row) => pass() })
 */
import type { Kind } from '../../population/kinds.js';
import type { PopulationChunk } from '../../population/types.js';
import { manual, notApplicable, exception } from '../outcome.js';
import { fieldColumn, isBlankCell, observedTime, timestampColumn, whyMissing } from '../read/columns.js';
import type { ItemRule, JoinRequirement, ObservedValue, Outcome, RowTest, TestContext } from '../types.js';

export interface ItemRuleSpec {
  id: string;
  name: string;
  description: string;
  kinds: readonly Kind[];
  params?: Record<string, ObservedValue>;
  /** Canonical fields the attribute reads; unmapped → manual. */
  needs: readonly string[];
  /** What a person inspects when the data is not there. */
  evidence: string;
  join?: JoinRequirement;
  bind(chunk: PopulationChunk, ctx: TestContext): RowTest;
}

export function defineItemRule(spec: ItemRuleSpec): ItemRule {
  const { needs, evidence, bind, params, ...info } = spec;
  return {
    ...info,
    params: params ?? {},
    mode: 'automated',
    origin: 'builtin',
    level: 'item',
    bind(chunk, ctx) {
      const absent = needs.find((f) => !fieldColumn(chunk, f));
      if (absent !== undefined) {
        const outcome = manual(`"${absent}" is not in the population: ${evidence}`);
        return () => outcome;
      }
      return bind(chunk, ctx);
    },
  };
}

export interface ManualRuleSpec {
  id: string;
  name: string;
  description: string;
  kinds: readonly Kind[];
  evidence: string;
  params?: Record<string, ObservedValue>;
  /** Optional applicability: returns a not-applicable outcome for rows it does not cover. */
  applies?(chunk: PopulationChunk, ctx: TestContext): (row: number) => Outcome | null;
}

/** A manual attribute: an empty column to tick after inspecting evidence. */
export function defineManualRule(spec: ManualRuleSpec): ItemRule {
  const { evidence, applies, params, ...info } = spec;
  const outcome = manual(evidence);
  return {
    ...info,
    params: params ?? {},
    mode: 'manual',
    origin: 'builtin',
    level: 'item',
    bind(chunk, ctx) {
      const gate = applies?.(chunk, ctx);
      return gate ? (row) => gate(row) ?? outcome : () => outcome;
    },
  };
}

/**
 * The anchor event of a row (deployment, grant, termination…): returns a not-applicable outcome
 * when the cell is blank (the event did not happen), an exception when it is unparseable, or null
 * when the instant is usable.
 */
export function anchorCheck(chunk: PopulationChunk, ctx: TestContext, field: string, meaning: string): (row: number) => Outcome | null {
  const values = timestampColumn(chunk, field);
  return (row) => {
    if (!values) return notApplicable(`no ${field}: ${meaning}`);
    if (!Number.isNaN(values[row]!)) return null;
    if (isBlankCell(chunk, ctx, field, row)) return notApplicable(`${field} is blank: ${meaning}`);
    return exception(`The ${field} is ${whyMissing(chunk, ctx, field, row)}, so the attribute cannot be tested.`, { [field]: observedTime(chunk, ctx, field, row, NaN) });
  };
}

/** Row → lower-cased enum/text value of a field, or null. */
export function enumReader(chunk: PopulationChunk, field: string): (row: number) => string | null {
  const c = fieldColumn(chunk, field);
  if (!c || (c.type !== 'string' && c.type !== 'enum')) return () => null;
  const values = c.values;
  return (row) => values[row]?.toLowerCase() ?? null;
}
