/**
 * What every flag means, once: a description, the value it takes, its default and its valid
 * values. `tickmark <command> --help` renders a command's flags from here (a flag that means
 * something else in one command has an entry under that command), and a test walks every
 * command's flags so none goes undescribed.
 *
 * @example
 * flagDoc('sample', 'method').values // ['random', 'systematic', 'stratified']
 */
import { kinds } from '../../population/kinds.js';

export interface FlagDoc {
  description: string;
  /** The value's placeholder in usage lines (a boolean flag has none). */
  value?: string;
  default?: string;
  values?: readonly string[];
  /** An environment variable that gives the same setting. */
  env?: string;
}

const KINDS = kinds;

/** Flags with one meaning wherever they appear. */
export const FLAG_DOCS: Record<string, FlagDoc> = {
  kind: { value: 'KIND', description: 'The population kind: which canonical fields, key, event time and built-in rules apply.', values: KINDS },
  map: { value: 'FILE', description: 'A JSON mapping {"canonical_field": "Source header"} that overrides the automatic mapping.' },
  tz: { value: 'ZONE', description: 'IANA time zone naive timestamps are read in, and the audit period is cut in.', default: "UTC (or the population's zone)" },
  'date-order': { value: 'ORDER', description: 'How numeric slash dates are read; never guessed value by value.', values: ['dmy', 'mdy'] },
  delimiter: { value: 'D', description: 'The CSV delimiter.', values: ['comma', 'semicolon', 'tab', 'pipe'], default: 'detected' },
  sheet: { value: 'NAME', description: 'The XLSX sheet holding the population.', default: 'the first sheet' },
  key: { value: 'HEADER', description: 'For kind generic: a header forming the key (repeat for a composite key).' },
  'event-time': { value: 'HEADER', description: 'For kind generic: the header of the event time that places a row in the period.' },
  workers: { value: 'N', description: 'Worker threads (0 runs in this thread).', default: 'the CPU cores; small inputs in-thread' },
  'data-dir': { value: 'DIR', description: 'The data directory (populations, samples, the catalog and the audit log).', default: './.tickmark', env: 'TICKMARK_DATA_DIR' },
  json: { description: 'Print the result as JSON (errors too, as {code, message, hint, details}).' },
  period: { value: 'A..B', description: 'The audit period, YYYY-MM-DD..YYYY-MM-DD (dates inclusive).' },
  seed: { value: 'S', description: 'The seed of the permanent random numbers (recorded in the manifest; text or number).' },
  size: { value: 'N', description: 'A fixed sample size (items drawn; key items come on top).' },
  method: { value: 'M', description: 'How items are drawn.', values: ['random', 'systematic', 'stratified'], default: 'random' },
  strata: { value: 'BY', description: 'The period buckets of a stratified sample.', values: ['month', 'quarter'], default: 'month' },
  allocation: { value: 'RULE', description: 'How a stratified sample is spread over its strata.', values: ['proportional', 'equal'], default: 'proportional' },
  'key-items': { value: 'EXPR', description: 'A condition whose items are all taken (e.g. type=emergency) and evaluated apart from the sample.' },
  filter: { value: 'EXPR', description: 'A condition an item must meet to be eligible (e.g. environment=production && type!=standard).' },
  frequency: { value: 'F', description: "How often the control runs; sizes the sample from the firm's frequency table unless --size is given.", values: ['annual', 'quarterly', 'monthly', 'weekly', 'daily', 'many-per-day', 'automated'] },
  risk: { value: 'R', description: 'Control risk: picks the low or high end of the frequency table.', values: ['lower', 'higher'], default: 'higher' },
  confidence: { value: 'C', description: 'Confidence of a statistical plan or evaluation (0.95 or 95%).' },
  tolerable: { value: 'T', description: 'Tolerable deviation rate (0.05 or 5%).' },
  expected: { value: 'E', description: 'Expected population deviation rate (0.01 or 1%).', default: '0' },
  'expected-count': { value: 'K', description: 'Expected deviations as a whole count instead of a rate.' },
  distribution: { value: 'D', description: 'The distribution of a statistical plan or evaluation.', values: ['binomial', 'poisson', 'hypergeometric'], default: 'binomial' },
  table: { value: 'FILE', description: "The firm's frequency table as JSON ({\"daily\": [20, 40]}), laid over the default table." },
  all: { description: 'Test (or select) every item: 100% testing.' },
  calendar: { value: 'CAL', description: 'Which days count for empty-day checks.', values: ['business', 'all'], default: 'business' },
  holidays: { value: 'FILE', description: 'Holidays (YYYY-MM-DD, one per line or a JSON array): not business days.' },
  'expect-count': { value: 'N', description: 'The record count the system owner gave (control total).' },
  'expect-sum': { value: 'FIELD=AMOUNT', description: 'The sum of an amount field the system owner gave (control total).' },
  'tie-out': { value: 'FILE:THEIR=OUR', description: 'Tie the population out to a second file: its key column = our key field (orphans both ways).' },
  'other-kind': { value: 'KIND', description: 'The kind of the --tie-out file.', default: 'generic', values: KINDS },
  'sequence-restart': { value: 'WHEN', description: 'Whether ID numbering restarts each year (sequence gaps per year).', values: ['none', 'yearly'], default: 'none' },
  required: { value: 'FIELD', description: 'A field that must not be blank (repeat; default: the fields the kind and its rules need).' },
  recompute: { description: 'Scan again instead of reading back a completeness report kept for the same inputs.' },
  rules: { value: 'FILE', description: 'Custom rules as JSON ({"rules": […]}, see the README), or "builtin".', default: 'builtin' },
  param: { value: 'NAME=VALUE', description: 'A parameter of the built-in rules (repeat), e.g. disable_days=2bd or strict_names=true.' },
  join: { value: 'NAME=FILE|ID', description: 'A second population the rules read (repeat), e.g. accounts=pop_….' },
  'control-id': { value: 'ID', description: "The client's control id shown on the workbook.", default: "the kind's criterion (e.g. CC8.1)" },
  control: { value: 'TEXT', description: "The control as the client describes it (left as a yellow input when not given)." },
  tsc: { value: 'REF', description: 'The Trust Services Criteria reference.', default: "the kind's (e.g. CC8.1)" },
  procedure: { value: 'TEXT', description: 'The test procedure performed, in words.' },
  client: { value: 'NAME', description: 'The client (lead sheet).' },
  engagement: { value: 'NAME', description: 'The engagement name (lead sheet; needs --client).' },
  preparer: { value: 'NAME', description: 'Prepared by (lead sheet sign-off).' },
  reviewer: { value: 'NAME', description: 'Reviewed by (lead sheet sign-off).' },
  objective: { value: 'TEXT', description: 'The control objective (lead sheet).' },
  owner: { value: 'NAME', description: 'The control owner (lead sheet).' },
  nature: { value: 'N', description: 'The nature of the control (lead sheet).', values: ['manual', 'automated', 'it-dependent manual'] },
  'key-control': { value: 'YES|NO', description: 'Whether the control is a key control (lead sheet).', values: ['yes', 'no'] },
  'population-definition': { value: 'TEXT', description: 'What the population is, as the workpaper defines it.' },
  'workpaper-ref': { value: 'REF', description: 'The workpaper reference (lead sheet).' },
  system: { value: 'TEXT', description: 'Extraction: the source system (IPE block of the Population sheet).' },
  query: { value: 'TEXT', description: 'Extraction: the query or report used.' },
  'extracted-by': { value: 'NAME', description: 'Extraction: by whom.' },
  'extracted-at': { value: 'WHEN', description: 'Extraction: when (an ISO date shows as a date).' },
  'include-population': { description: 'Add a sheet with every population row (when it fits a worksheet).' },
  output: { value: 'FILE', description: 'Where to write the result ("-" for standard output where the format allows).' },
  'explain-prn': { description: 'Print how a PRN is computed (to recompute it with standard tools) and exit.' },
  extend: { value: 'SAMPLE_ID', description: 'Extend this sample to --size items with the same seed (every earlier item kept; the plan kept).' },
  sample: { value: 'SAMPLE_ID|FILE', description: 'Test the items of this stored sample (or of a manifest JSON).' },
  'no-builtin': { description: 'Run only the custom rules, not the kind\'s built-in ones.' },
  manifest: { value: 'FILE', description: 'A sample manifest (JSON) to re-perform.' },
  format: { value: 'F', description: 'The export format.', values: ['xlsx', 'csv', 'json'], default: 'from the -o extension' },
  n: { value: 'N', description: 'Items tested.' },
  deviations: { value: 'K', description: 'Deviations found.' },
  population: { value: 'N', description: 'Population size (hypergeometric; caps a plan at the population).' },
  'allowed-deviations': { value: 'X', description: 'The deviations the plan allowed (shown with the result).' },
  host: { value: 'HOST', description: 'The address to listen on (loopback unless told otherwise).', default: '127.0.0.1' },
  port: { value: 'PORT', description: 'The port to listen on.', default: '3000' },
  'upload-limit': { value: 'BYTES', description: 'The largest upload accepted.', default: '2 GiB' },
  rate: { value: 'N', description: 'Requests per minute per token.', default: '600' },
  'max-running': { value: 'N', description: 'Jobs running at once, all engagements together.', default: '2' },
  'max-running-per-engagement': { value: 'N', description: 'Jobs one engagement may run at once (the rest of the slots stay free for the others).', default: 'half of --max-running, at least 1' },
  'max-queued': { value: 'N', description: 'Jobs waiting, all engagements together, before new ones are refused (503).', default: '64' },
  'max-queued-per-engagement': { value: 'N', description: "Jobs one engagement may have waiting before its new ones are refused (429).", default: '16' },
  'max-uploads-per-token': { value: 'N', description: 'Uploads one token may have in flight at once (429 past it).', default: '2' },
  'upload-idle': { value: 'SECONDS', description: 'End an upload that sends no byte for this long (408).', default: '60' },
  'sql-sources': { value: 'FILE', description: 'PostgreSQL sources the service may pull in place, by name: a JSON file of name → postgres:// URL, readable by its owner only (it holds credentials). A request names a source, never a URL.', default: 'none' },
  'retention-days': { value: 'DAYS', description: 'Delete results and populations older than this that nothing refers to (an hourly sweep, in the audit log).', default: 'keep everything' },
  log: { description: 'Log each request (JSON lines on standard output).' },
  admin: { description: 'Create an admin token (sees every engagement, manages tokens).' },
  label: { value: 'TEXT', description: 'A label for the token.' },
  rows: { value: 'N', description: 'Data rows to generate.' },
  defects: { value: 'FILE', description: 'A JSON file of defect counts to inject (listed exactly in the manifest).' },
  'defects-default': { description: 'Inject the default defect mix.' },
  crlf: { description: 'End lines with CRLF.' },
  'timestamp-format': { value: 'F', description: 'How timestamps are written.', values: ['iso', 'space'], default: 'iso' },
  'quoted-newline-rate': { value: 'R', description: 'Share of rows with a quoted newline in a text cell.', default: '0' },
  source: { value: 'PROFILE', description: "The export's source profile (README: supported sources), when it is not detected from the header.", default: 'detected' },
  'multi-value': { value: 'FIELD=SEP', description: 'A person field holding several people per cell, and their separator (repeat), e.g. approver=; — segregation rules then hold for each person.' },
  'field-format': { value: 'FIELD=FORMAT', description: 'How a field is written when its values cannot tell (repeat).', values: ['epoch-s', 'epoch-ms', 'dmy', 'mdy'] },
  encoding: { value: 'ENC', description: 'The text encoding of a CSV.', values: ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-1'], default: 'detected' },
  'header-row': { value: 'LINE', description: 'The line of the header row, when report titles or a preamble come first.', default: 'found' },
  'save-map': { value: 'FILE', description: 'Write the mapping decided (field → header, with the profile) as JSON, to replay with --map.' },
  'join-map': { value: 'NAME=FILE', description: 'The mapping of a --join file (its own, never the tested file\'s).' },
  'join-source': { value: 'NAME=PROFILE', description: 'The source profile of a --join file.' },
  workbook: { value: 'FILLED.xlsx', description: 'A workbook tickmark wrote and the team filled in: its entries are stored as a new results version and the refreshed workbook is written.' },
  limit: { value: 'N', description: 'List at most this many (the newest).', default: '100' },
  force: { description: 'Replace what is already there.' },
  'from-results': { value: 'DIR', description: 'Pull from the results of the statements `tickmark sql --out DIR` wrote (run on another engine, saved as NAME.json or NAME.csv); the request in DIR gives the population, period and sample.' },
  'record-column': { value: 'COLUMN', description: "SQL populations: the column holding each row's record number (unique positive integers).", default: 'rows numbered by their content' },
  'line-column': { value: 'COLUMN', description: "SQL populations: the column holding each row's line in the export it was loaded from.", default: 'record + 1' },
};

/** Flags that mean something else in one command. */
export const COMMAND_FLAG_DOCS: Record<string, Record<string, FlagDoc>> = {
  plan: { all: { description: 'Plan 100% testing (every item).' }, size: { value: 'N', description: 'A fixed size (non-statistical).' } },
  sample: { all: { description: 'Select every eligible item (100%).' } },
  pull: { all: { description: 'Test every eligible item (100%).' } },
  token: { engagement: { value: 'ENGAGEMENT_ID', description: 'The engagement the token may see (nothing else).' }, json: { description: 'Print the token (and its secret, once) as JSON.' } },
  generate: {
    kind: { value: 'KIND', description: 'The kind of population to generate.', values: KINDS },
    seed: { value: 'S', description: 'The generator seed (same seed, same file).', default: '1' },
    period: { value: 'A..B', description: 'The period the events fall in.', default: '2025-01-01..2025-12-31' },
    delimiter: { value: 'D', description: 'The delimiter to write.', values: ['comma', 'semicolon', 'tab', 'pipe'], default: 'comma' },
    output: { value: 'FILE', description: 'The CSV file to write (its manifest is written beside it).' },
  },
  evaluate: { output: { value: 'UPDATED.xlsx', description: 'Where to write the refreshed workbook.', default: 'beside the filled one, NAME.vN.xlsx' } },
  export: { period: { value: 'A..B', description: "The period shown (default: the sample's)." } },
  sql: {
    dialect: { value: 'D', description: 'The SQL dialect to write.', values: ['duckdb', 'postgres', 'trino', 'spark', 'bigquery', 'snowflake'] },
    table: { value: 'NAME', description: 'The table (or view) holding the population; dots separate schema parts (each part is quoted).' },
    'from-query': { value: 'SQL', description: 'Your own query as the population (run as written, and recorded as the extraction).' },
    columns: { value: 'LIST', description: 'Every column of the table, in order, as a CSV line; a column\'s type after a colon (name:timestamptz), text by default.' },
    'columns-from': { value: 'FILE', description: 'Read --columns from the first line of this file (an export\'s header).' },
    'zone-years': { value: 'A..B', description: 'The years the time-zone tables cover (events outside are refused, naming the years to give).', default: 'the period, ten years either side' },
    out: { value: 'DIR', description: 'Write each statement as NAME.sql and the request as request.json in DIR (instead of printing them).' },
    results: { value: 'DIR', description: 'A stratified design with its strata counts saved in DIR: write the selection statements that follow.' },
  },
  prune: {
    force: { description: 'Also remove the samples, test runs, results and pulls that refer to what is pruned (without it they are kept, and so is what they refer to).' },
    'older-than': { value: 'DAYS', description: 'Choose everything created more than this many days ago (90 or 90d).' },
    apply: { description: 'Delete (without it, prune only prints what it would delete and what it keeps).' },
  },
  verify: { workers: { value: 'N', description: 'Worker threads for the re-derivation.', default: 'the CPU cores' } },
};

/** The doc of a flag in a command. */
export function flagDoc(command: string, flag: string): FlagDoc | undefined {
  return COMMAND_FLAG_DOCS[command]?.[flag] ?? FLAG_DOCS[flag];
}
