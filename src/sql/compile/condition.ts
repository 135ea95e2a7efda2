/**
 * A selection condition (`--filter`, `--key-items`; sampling/condition/parse.ts) as a SQL
 * predicate over `tm_population`, reading each field as `bindSelectionCondition` does: a text or
 * enum field as its typed value (trimmed; blank → ''), a boolean field as true/false, a header as
 * its raw text trimmed; all lower-cased and compared with the clause's values. Values are always
 * literals (`Dialect.text`), never SQL. A clause value must be ASCII (JavaScript's and an
 * engine's lower-casing agree only there); numbers and timestamps are refused, as ingest refuses
 * timestamps.
 *
 * @example
 * conditionSql(ctx, parseSelectionCondition('type=emergency')) // "(lower(…trim(c1…)) = 'emergency')"
 */
import { tickmarkError } from '../../errors.js';
import { parseSelectionCondition, resolveConditionName, type ConditionClause, type SelectionCondition } from '../../sampling/condition/parse.js';
import { columnAlias, type CompileContext } from './context.js';
import { fieldSpec } from './model.js';
import { isAscii, jsLower, jsTrim } from './text.js';

const BOOLEAN_WORDS: Record<string, string> = { true: 'true', yes: 'true', y: 'true', '1': 'true', false: 'false', no: 'false', n: 'false', '0': 'false' };
export const TRUE_WORDS = ['true', 't', 'yes', 'y', '1'];
export const FALSE_WORDS = ['false', 'f', 'no', 'n', '0'];

function refuse(condition: SelectionCondition, reason: string): never {
  throw tickmarkError('TM_ERR_SQL_UNSUPPORTED', { what: `the condition ${JSON.stringify(condition.text)}`, reason });
}

/** The typed, lower-cased text a clause compares (never null). */
function readText(ctx: CompileContext, condition: SelectionCondition, clause: ConditionClause): { text: string; values: string[] } {
  const { d, model } = ctx;
  const target = resolveConditionName(condition, clause.field, { fields: Object.keys(model.mapping), headers: model.headers });
  if (target.kind === 'header') return { text: jsLower(d, `coalesce(${jsTrim(d, columnAlias(ctx, target.name))}, '')`), values: clause.values };
  const c = columnAlias(ctx, model.mapping[target.name]!);
  const type = fieldSpec(model, target.name)?.type ?? 'string';
  const lowered = jsLower(d, `coalesce(${jsTrim(d, c)}, '')`);
  switch (type) {
    case 'string':
      return { text: lowered, values: clause.values };
    case 'enum': {
      const allowed = fieldSpec(model, target.name)?.values ?? [];
      return { text: `CASE WHEN ${lowered} IN (${allowed.map((v) => d.text(v)).join(', ') || "''"}) THEN ${lowered} ELSE '' END`, values: clause.values };
    }
    case 'boolean':
      return {
        text: `CASE WHEN ${lowered} IN (${TRUE_WORDS.map((w) => `'${w}'`).join(', ')}) THEN 'true' WHEN ${lowered} IN (${FALSE_WORDS.map((w) => `'${w}'`).join(', ')}) THEN 'false' ELSE '' END`,
        values: clause.values.map((v) => BOOLEAN_WORDS[v] ?? v),
      };
    case 'number':
      return refuse(condition, `${target.name} is a number field; compare numbers in a view, or filter on a text column`);
    case 'timestamp':
      throw tickmarkError('TM_ERR_BAD_EXPRESSION', { expr: condition.text, reason: `${JSON.stringify(clause.field)} is a timestamp; timestamps cannot be compared as text (use the audit period filter)` });
  }
}

function clauseSql(ctx: CompileContext, condition: SelectionCondition, clause: ConditionClause): string {
  const { d } = ctx;
  for (const v of clause.values) if (!isAscii(v)) refuse(condition, `the value ${JSON.stringify(v)} is not ASCII, and engines lower-case other letters differently`);
  const { text, values } = readText(ctx, condition, clause);
  const first = d.text(values[0]!);
  switch (clause.op) {
    case '=':
      return `(${text} = ${first})`;
    case '!=':
      return `(${text} <> ${first})`;
    case '~=':
      return d.contains(text, first);
    case 'in':
      return `(${text} IN (${values.map((v) => d.text(v)).join(', ')}))`;
  }
}

/** The predicate of a condition (text as given to `--filter` / `--key-items`). */
export function conditionSql(ctx: CompileContext, expression: string): string {
  const condition = parseSelectionCondition(expression);
  return condition.clauses.map((c) => clauseSql(ctx, condition, c)).join(' AND ');
}
