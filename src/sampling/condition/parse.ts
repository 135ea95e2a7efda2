/**
 * A tiny, safe condition language for `--filter` and `--key-items` (never evaluated as code):
 *
 *   condition := clause ( '&&' clause )*
 *   clause    := field '=' value          equal (a blank value matches blank cells)
 *              | field '!=' value         not equal
 *              | field '~=' value         contains (substring)
 *              | field 'in' v1|v2|...     equal to one of the listed values
 *
 * `field` is a canonical field of the kind (e.g. `type`) or a source header (quote it when it
 * has spaces: `"Change Type"=emergency`). Values are compared case-insensitively on trimmed
 * text; a value may be double-quoted to keep `&&`, `|` or spaces (`title~="a && b"`).
 * Inside quotes, `\"` and `\\` escape a quote and a backslash.
 *
 * @example
 * parseSelectionCondition('type=emergency && environment in prod|production')
 * // { text: 'type=emergency && environment in prod|production',
 * //   clauses: [{ field: 'type', op: '=', values: ['emergency'] },
 * //             { field: 'environment', op: 'in', values: ['prod', 'production'] }] }
 */
import { tickmarkError } from '../../errors.js';
import { didYouMean } from '../../text/closest.js';

export type ConditionOperator = '=' | '!=' | '~=' | 'in';

export interface ConditionClause {
  /** Field or header name as written (unquoted). */
  field: string;
  op: ConditionOperator;
  /** Trimmed, lower-cased comparison values (one, or several for `in`). */
  values: string[];
}

export interface SelectionCondition {
  /** The expression as given (trimmed). */
  text: string;
  clauses: ConditionClause[];
}

/** Names a condition may use: canonical fields present in the population and its headers. */
export interface ConditionNames {
  fields: readonly string[];
  headers: readonly string[];
}

export const MAX_CONDITION_LENGTH = 2000;
export const MAX_CLAUSES = 32;

type Token = { text: string; quoted: boolean };

function bad(expr: string, reason: string): never {
  throw tickmarkError('TM_ERR_BAD_EXPRESSION', { expr, reason });
}

/** Split on `&&` outside quotes, keeping each clause's raw text. */
function splitClauses(expr: string): string[] {
  const clauses: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i]!;
    if (quoted && ch === '\\' && i + 1 < expr.length) {
      current += ch + expr[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === '&' && expr[i + 1] === '&') {
      clauses.push(current);
      current = '';
      i++;
      continue;
    }
    current += ch;
  }
  if (quoted) bad(expr, 'a double quote is not closed');
  clauses.push(current);
  return clauses;
}

/** Read one operand (field or value): a quoted string or bare text, trimmed. */
function operand(expr: string, raw: string, what: string): Token {
  const text = raw.trim();
  if (!text.startsWith('"')) {
    if (text.includes('"')) bad(expr, `stray double quote in ${what} ${JSON.stringify(text)}`);
    return { text, quoted: false };
  }
  let out = '';
  let i = 1;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) out += text[++i];
    else if (ch === '"') break;
    else out += ch;
  }
  if (i >= text.length) bad(expr, `a double quote is not closed in ${what}`);
  if (text.slice(i + 1).trim() !== '') bad(expr, `unexpected text after the quoted ${what} ${JSON.stringify(text)}`);
  return { text: out, quoted: true };
}

/** Find the operator outside quotes: the first of `!=`, `~=`, `=`, or the word `in`. */
function findOperator(clause: string): { at: number; op: ConditionOperator; length: number } | undefined {
  let quoted = false;
  for (let i = 0; i < clause.length; i++) {
    const ch = clause[i]!;
    if (quoted && ch === '\\') { i++; continue; }
    if (ch === '"') { quoted = !quoted; continue; }
    if (quoted) continue;
    if ((ch === '!' || ch === '~') && clause[i + 1] === '=') return { at: i, op: ch === '!' ? '!=' : '~=', length: 2 };
    if (ch === '=') {
      if (clause[i + 1] === '=') bad(clause, `"==" is not an operator: write ${clause.slice(0, i).trim()}=${clause.slice(i + 2).trim()} (one "=")`);
      return { at: i, op: '=', length: 1 };
    }
    if (/\s/.test(ch) && /^in(\s|$)/i.test(clause.slice(i + 1)) && clause.slice(0, i).trim() !== '') return { at: i + 1, op: 'in', length: 2 };
  }
  return undefined;
}

const normalise = (v: string): string => v.trim().toLowerCase();

/** Split an `in` list on `|` outside quotes; each item may be quoted. */
function listValues(expr: string, raw: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (quoted && ch === '\\' && i + 1 < raw.length) { current += ch + raw[++i]; continue; }
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === '|') { items.push(current); current = ''; continue; }
    current += ch;
  }
  items.push(current);
  return items.map((item) => {
    const token = operand(expr, item, 'list value');
    if (!token.quoted && token.text === '') bad(expr, 'an empty value in an "in" list (quote it: "")');
    return normalise(token.text);
  });
}

/**
 * Parse a condition. With `names`, every field must be one of them (canonical fields first,
 * then headers, exact or case-insensitive), else TM_ERR_BAD_EXPRESSION.
 *
 * @example
 * parseSelectionCondition('approver=').clauses[0] // { field: 'approver', op: '=', values: [''] } (blank)
 */
export function parseSelectionCondition(expression: string, names?: ConditionNames): SelectionCondition {
  const text = String(expression ?? '').trim();
  if (text === '') bad(text, 'the condition is empty');
  if (text.length > MAX_CONDITION_LENGTH) bad(text.slice(0, 80) + '…', `longer than ${MAX_CONDITION_LENGTH} characters`);
  const parts = splitClauses(text);
  if (parts.length > MAX_CLAUSES) bad(text, `more than ${MAX_CLAUSES} clauses`);
  const clauses = parts.map((part, index): ConditionClause => {
    if (part.trim() === '') bad(text, `clause ${index + 1} is empty (check the && joins)`);
    const found = findOperator(part);
    if (!found) bad(text, `clause ${JSON.stringify(part.trim())} has no operator (=, !=, ~= or in)`);
    const field = operand(text, part.slice(0, found.at), 'field name').text.trim();
    if (field === '') bad(text, `clause ${JSON.stringify(part.trim())} names no field`);
    const rest = part.slice(found.at + found.length);
    if (found.op === 'in') {
      if (rest.trim() === '') bad(text, `"${field} in" lists no values`);
      return { field, op: 'in', values: listValues(text, rest) };
    }
    return { field, op: found.op, values: [normalise(operand(text, rest, 'value').text)] };
  });
  const condition = { text, clauses };
  if (names) for (const clause of clauses) resolveConditionName(condition, clause.field, names);
  return condition;
}

/**
 * Which column a field name designates: a canonical field (exact) or a source header (exact,
 * then case-insensitive and unique). Throws TM_ERR_BAD_EXPRESSION when there is none.
 */
export function resolveConditionName(condition: SelectionCondition, field: string, names: ConditionNames): { kind: 'field' | 'header'; name: string } {
  if (names.fields.includes(field)) return { kind: 'field', name: field };
  if (names.headers.includes(field)) return { kind: 'header', name: field };
  const lower = field.toLowerCase();
  const fieldMatches = names.fields.filter((f) => f.toLowerCase() === lower);
  if (fieldMatches.length === 1) return { kind: 'field', name: fieldMatches[0]! };
  const headerMatches = names.headers.filter((h) => h.toLowerCase() === lower);
  if (headerMatches.length === 1) return { kind: 'header', name: headerMatches[0]! };
  return bad(condition.text, `unknown field ${JSON.stringify(field)}${didYouMean(field, [...names.fields, ...names.headers])}; known fields: ${[...names.fields].join(', ') || '(none)'}; headers: ${[...names.headers].join(', ') || '(none)'}`);
}
