/**
 * One registry of coded errors. Every operational failure in tickmark is a `TickmarkError`
 * with a stable code, a message naming what was wrong (row, column, field, expected), a hint,
 * an HTTP status for the service and an exit code for the CLI. Audit exceptions are never errors.
 *
 * @example
 * const err = tickmarkError('TM_ERR_MISSING_FIELD', { kind: 'change', fields: ['deployed_at'], headers: ['Number'] })
 * err.message  // 'required field "deployed_at" for kind change not found in headers [Number]'
 * err.exitCode // 3
 */
import { didYouMean } from './text/closest.js';

interface ErrorSpec {
  status: number;
  exit: number;
  message: (d: Record<string, any>) => string;
  hint: string;
}

const usage = (message: ErrorSpec['message'], hint: string): ErrorSpec => ({ status: 400, exit: 2, message, hint });
const input = (message: ErrorSpec['message'], hint: string, status = 422): ErrorSpec => ({ status, exit: 3, message, hint });

export const errorRegistry = {
  TM_ERR_USAGE: usage((d) => d.message, 'Run `tickmark --help` for the commands and their flags.'),
  TM_ERR_INVALID_OPTION: usage((d) => `option ${d.option} ${d.expected}; got ${JSON.stringify(d.got)}`, 'Correct the option value.'),
  TM_ERR_UNKNOWN_KIND: usage((d) => `unknown population kind "${d.kind}"${didYouMean(String(d.kind), d.kinds)}; expected one of ${d.kinds.join(', ')}`, 'Pass --kind with one of the listed kinds.'),
  TM_ERR_FILE_NOT_FOUND: input((d) => `file not found: ${d.path}`, 'Check the path.', 404),
  TM_ERR_EMPTY_FILE: input(() => 'the file is empty: no header row', 'A population needs a header row naming its columns.'),
  TM_ERR_BINARY_FILE: input((d) => `the file is not text (binary byte 0x${d.byte} at offset ${d.offset})`, 'Export the population as CSV (UTF-8) or XLSX.'),
  TM_ERR_SOURCE_CHANGED: input((d) => `${d.path} changed while it was read (${d.bytesRead} bytes read; ${d.bytesNow} bytes now)`, 'Ingest a finished export: wait until nothing is writing the file, or ingest a copy of it.', 409),
  TM_ERR_ENCODING: input(
    (d) => `line ${d.line}, column ${d.column}: byte ${d.byte} is not ${d.encoding} text${d.why ? ` (${d.why})` : ''}`,
    'Save the file as UTF-8 (with or without BOM) or UTF-16 with BOM, or name its encoding (--encoding utf-8|utf-16le|utf-16be|windows-1252|iso-8859-1).',
  ),
  TM_ERR_BLANK_HEADER: input((d) => `blank header name in column ${d.columns.join(', ')}`, 'Every column needs a name in the header row.'),
  TM_ERR_DUPLICATE_HEADER: input((d) => `duplicate header name(s): ${d.names.map((n: string) => `"${n}"`).join(', ')}`, 'Rename the columns so each name is unique.'),
  TM_ERR_UNCLOSED_QUOTE: input((d) => `unclosed quote: the quoted field opened on line ${d.line} never closes before the end of the file`, 'The export was probably truncated; re-export the population.'),
  TM_ERR_BAD_QUOTE: input((d) => `misplaced quote on line ${d.line}, column "${d.column}": ${d.reason}`, 'Quote the whole field and double the quotes inside it ("5"" monitor"), or re-export with standard CSV quoting.'),
  TM_ERR_MISSING_FIELD: input(
    (d) => `required field ${d.fields.map((f: string) => `"${f}"`).join(', ')} for kind ${d.kind} not found in headers [${d.headers.join(', ')}]${d.suggestions ? `; closest: ${d.suggestions}` : ''}`,
    'Map the column with --map file.json ({"field": "Header"}).',
  ),
  TM_ERR_BAD_MAPPING: input((d) => d.message, 'A mapping is a JSON object {"canonical_field": "Source header"}.', 400),
  TM_ERR_XLSX_BOMB: input((d) => `the XLSX file expands too far (${d.what}: ${d.got}, limit ${d.limit})`, 'Refused as a possible zip bomb; export the sheet as CSV instead.'),
  TM_ERR_XLSX_INVALID: input((d) => `the XLSX file cannot be read: ${d.reason}`, 'Re-export the workbook; it may be truncated or not an .xlsx file.'),
  TM_ERR_XLSX_SHEET: input((d) => `sheet "${d.sheet}" not found; sheets: ${d.sheets.join(', ')}`, 'Name one of the listed sheets.'),
  TM_ERR_TOO_LARGE: input((d) => `${d.what} exceeds the limit of ${d.limit}`, 'Raise the limit or split the file.', 413),
  TM_ERR_NOT_FOUND: input((d) => `${d.what} not found: ${d.id}`, 'Check the id.', 404),
  TM_ERR_STORE_FORMAT: input((d) => `${d.what} is in format ${d.version}; this tickmark reads formats ${d.reads}`, 'The data directory was written by a newer tickmark: run that version, or ingest the file again into another data directory.', 409),
  TM_ERR_INVALID_ID: input((d) => `invalid ${d.what} id: ${JSON.stringify(String(d.id).slice(0, 80))}`, 'Ids are 1-64 characters of letters, digits, "-" and "_".', 400),
  TM_ERR_BAD_PERIOD: usage((d) => `invalid period ${JSON.stringify(d.period)}: ${d.reason}`, 'Write the period as YYYY-MM-DD..YYYY-MM-DD.'),
  TM_ERR_BAD_TIMEZONE: usage((d) => `unknown time zone ${JSON.stringify(d.zone)}`, 'Use an IANA zone name such as UTC or America/New_York.'),
  TM_ERR_BAD_PLAN: usage((d) => d.message, 'Check the planning parameters (confidence, tolerable and expected rates).'),
  TM_ERR_BAD_RULE: input((d) => `rule ${d.rule}: ${d.message}${d.path ? ` (at ${d.path})` : ''}`, 'See the README section on custom rules.', 400),
  TM_ERR_RULE_TIMEOUT: input((d) => `rule evaluation exceeded ${d.ms} ms and was stopped`, 'Simplify the rule (regex or expression) and run it again.'),
  TM_ERR_BAD_EXPRESSION: usage((d) => `invalid expression ${JSON.stringify(d.expr)}: ${d.reason}`, 'Write conditions as field=value, field!=value, field in a|b, combined with &&.'),
  TM_ERR_MANIFEST: input((d) => `invalid manifest: ${d.reason}`, 'Pass the manifest JSON written by `tickmark sample` or a workbook written by `tickmark pull`.'),
  TM_ERR_MISMATCH: input((d) => d.message, 'The population does not match the one the manifest was drawn from.', 409),
  TM_ERR_BUSY: { status: 503, exit: 4, message: (d) => `the service is busy: ${d.limit ?? 'the worker pool queue'} is full`, hint: 'Retry after a few seconds.' },
  TM_ERR_ABORTED: { status: 499, exit: 5, message: (d) => `operation aborted${d.reason ? `: ${d.reason}` : ''}`, hint: 'Nothing was stored; run it again.' },
  TM_ERR_UNAUTHORIZED: { status: 401, exit: 2, message: () => 'missing or invalid API token', hint: 'Send Authorization: Bearer <token>.' },
  TM_ERR_FORBIDDEN: { status: 403, exit: 2, message: () => 'this token may not do that', hint: 'Use an admin token.' },
  TM_ERR_RATE_LIMITED: { status: 429, exit: 4, message: () => 'too many requests for this token', hint: 'Slow down and retry.' },
  TM_ERR_UNSUPPORTED_MEDIA: { status: 415, exit: 2, message: (d) => `unsupported content type ${JSON.stringify(d.type)}`, hint: 'Send multipart/form-data, text/csv or an xlsx body.' },
  TM_ERR_DATE_ORDER_CONFLICT: input(
    (d) => `column "${d.column}" (${d.field}) writes dates both day first and month first: line ${d.dmy.line} ${JSON.stringify(d.dmy.raw)} can only be day/month, line ${d.mdy.line} ${JSON.stringify(d.mdy.raw)} only month/day`,
    'Give the column\'s date order (--date-order, or a per-field format); values that contradict it become row issues.',
  ),
  TM_ERR_UNTYPED_COLUMN: input(
    (d) => `column "${d.column}" (${d.field}${d.role ? `, ${d.role}` : ''}) does not read as ${d.type}: ${d.failed} of its ${d.values} non-blank values (${d.share}) failed; expected ${d.expected}; e.g. ${d.examples.map((e: string) => JSON.stringify(e)).join(', ')}`,
    'Map the field to the right column (--map), or say how the column is written (--date-order, --field-format FIELD=epoch-s|epoch-ms|dmy|mdy).',
  ),
  TM_ERR_UNKNOWN_SOURCE: usage((d) => `unknown source profile "${d.source}"; profiles: ${d.sources.join(', ')}`, 'Pass --source with one of the listed profile ids (README: supported sources).'),
  TM_ERR_SOURCE_KIND: usage((d) => `source profile "${d.source}" feeds ${d.kinds.length ? d.kinds.join(', ') : 'no kind'}, not ${d.kind}`, 'Drop --kind to use the profile\'s kind, or name a profile of that kind with --source.'),
  TM_ERR_AMBIGUOUS_SOURCE: input((d) => `the header matches source profiles ${d.sources.map((s: string) => `"${s}"`).join(' and ')} equally (${d.score} signature headers each)`, 'Name the export with --source.'),
  TM_ERR_AMBIGUOUS_MAPPING: input(
    (d) => `field "${d.field}" of kind ${d.kind} could be ${d.candidates.map((h: string) => `"${h}"`).join(' or ')}: ${d.why}`,
    'Choose the column with --map (e.g. {"approved_at": "Approval date"}), or name the export with --source.',
  ),
  TM_ERR_MAPPING_CHECK: input(
    (d) => `column "${d.header}" cannot be field "${d.field}" of kind ${d.kind}: ${d.message}${d.examples?.length ? ` (e.g. ${d.examples.map((e: string) => JSON.stringify(e)).join(', ')})` : ''}`,
    'Map the field to the right column with --map {"field": "Header"}, or leave it unmapped with {"field": null}.',
  ),
  TM_ERR_JOIN_KEY: input((d) => `cannot join ${d.join}: ${d.message}`, 'Map employee_id, email or username on both populations (--map, --join-map), or name the key with --param accounts_key=FIELD.'),
  TM_ERR_BAD_ENTRIES: input((d) => `the team's entries cannot be taken: ${d.reason}`, 'Enter marks and exceptions only for the sample\'s items and the test run\'s attributes (see the Legend).'),
  TM_ERR_NOTHING_ELIGIBLE: input((d) => `no item can be drawn: of ${d.considered} record(s), ${d.unitMembers} travel with another row's unit, ${d.excludedByFilter} are excluded by the filter${d.filter ? ` ${JSON.stringify(d.filter)}` : ''} and ${d.excludedByPeriod} by the period${d.period ? ` ${d.period}` : ''} (${d.undated} without an event time)`, 'Check the filter and the period against the population (`tickmark ingest FILE --json` shows each column).'),
  TM_ERR_WORKBOOK_EDITED: input((d) => `${d.count} cell(s) tickmark wrote were changed, so the entries were not taken: ${d.cells.join('; ')}`, 'Enter results only in the yellow cells; restore the changed cells (or run `tickmark verify` to list them all).', 409),
  TM_ERR_SQL_UNSUPPORTED: input((d) => `${d.what} cannot be computed in SQL identically to tickmark: ${d.reason}`, 'Cast or rewrite the column in a view (see the README section "Sample in place (SQL)"), or pull an exported file.'),
  TM_ERR_SQL_ENGINE: input((d) => `the ${d.engine} engine failed${d.statement ? ` on statement ${d.statement}` : ''}: ${d.message}`, 'Check the connection, the table name and your rights on it; the statement is in the error.', 502),
  TM_ERR_SQL_RESULTS: input((d) => `the results in ${d.dir} cannot be read: ${d.reason}`, 'Run each statement `tickmark sql` printed and save its result as NAME.csv or NAME.json in the directory.'),
  TM_ERR_QUOTA: { status: 429, exit: 4, message: (d) => `${d.what} is at its limit ${d.limit} (${d.value})`, hint: 'Wait for your earlier jobs or uploads to finish (Retry-After says when to try again), or ask the administrator to raise the limit.' },
  TM_ERR_UNAVAILABLE: { status: 503, exit: 4, message: (d) => `the service is unavailable: ${d.reason}`, hint: 'Retry after the number of seconds in Retry-After.' },
  TM_ERR_TIMEOUT: { status: 408, exit: 5, message: (d) => `the request timed out: ${d.reason}`, hint: 'Nothing was stored; send the request again without pausing.' },
  TM_ERR_INTERRUPTED: { status: 503, exit: 5, message: (d) => `the job was interrupted: ${d.reason}`, hint: 'Nothing was stored by it; submit it again.' },
  TM_ERR_BAD_JSON: usage((d) => `the JSON body cannot be taken: ${d.reason}`, 'Send one JSON object, nested at most 32 deep, without `__proto__`, `constructor` or `prototype` keys.'),
  TM_ERR_UNKNOWN_FIELD: usage((d) => `unknown ${d.where ?? 'field'} ${JSON.stringify(d.field)}${d.path ? ` in ${d.path}` : ''}${d.closest ? `; did you mean ${JSON.stringify(d.closest)}?` : ''}`, 'Remove the field or correct its name (see /v1/openapi.json).'),
  TM_ERR_IN_USE: input((d) => `${d.what} ${d.id} is still used by ${d.by}`, 'Delete what uses it first, or pass ?force=true to delete them together.', 409),
  TM_ERR_HEADERS_TOO_LARGE: { status: 431, exit: 2, message: () => 'the request headers are too large', hint: 'Send fewer or shorter headers.' },
  TM_ERR_INTERNAL: { status: 500, exit: 70, message: (d) => `internal error: ${d.message}`, hint: 'Please report this with the command you ran.' },
} satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorRegistry;

export class TickmarkError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, any>;
  readonly hint: string;
  readonly status: number;
  readonly exitCode: number;
  constructor(code: ErrorCode, details: Record<string, any> = {}) {
    const spec: ErrorSpec = errorRegistry[code];
    super(spec.message(details));
    this.name = 'TickmarkError';
    this.code = code;
    this.details = details;
    this.hint = spec.hint;
    this.status = spec.status;
    this.exitCode = spec.exit;
  }
  toJSON() {
    return { code: this.code, message: this.message, hint: this.hint, details: this.details };
  }
}

export function tickmarkError(code: ErrorCode, details: Record<string, any> = {}): TickmarkError {
  return new TickmarkError(code, details);
}

/** Rebuild a TickmarkError that crossed a worker boundary (structured clone drops the class). */
export function reviveError(err: unknown): unknown {
  const e = err as { code?: string; details?: Record<string, any> } | null;
  if (e && typeof e.code === 'string' && e.code in errorRegistry && !(err instanceof TickmarkError)) {
    return new TickmarkError(e.code as ErrorCode, e.details ?? {});
  }
  return err;
}
