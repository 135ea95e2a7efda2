/**
 * What `--help` says about each command beyond its flags: the positional arguments it takes,
 * the flags it always needs (all reported at once when missing), and two or three examples.
 * Shared by every command: the environment variables and the exit codes.
 *
 * @example
 * COMMAND_DOCS.pull.required // ['period', 'seed', 'output']
 */
export interface CommandDoc {
  /** Positional arguments, in order (`…` at the end of a name: any number). */
  positionals: { name: string; description: string; optional?: boolean }[];
  /** Flags the command cannot run without. */
  required: string[];
  /** A flag that stands in for the required ones (e.g. `pull --from-results DIR`, whose request holds them). */
  requiredUnless?: string;
  examples: { command: string; does: string }[];
}

export const COMMAND_DOCS: Record<string, CommandDoc> = {
  pull: {
    positionals: [{ name: 'FILE|POPULATION_ID', description: 'A CSV/XLSX export (ingested first, idempotently) or a stored population id. `-` reads a CSV from standard input.' }],
    required: ['period', 'seed', 'output'],
    requiredUnless: 'from-results',
    examples: [
      { command: 'tickmark pull changes.csv --kind change --period 2025-01-01..2025-12-31 --seed 20251231 --size 25 --method stratified --control-id CC8.1-01 -o CC8.1.xlsx', does: 'The whole dry-run of a change control, stratified by month.' },
      { command: 'tickmark pull grants.csv --kind access_grant --period 2025-01-01..2025-12-31 --seed 7 --confidence 95% --tolerable 5% -o CC6.2.xlsx', does: 'A statistically planned sample (59 items at 95%/5%, none expected).' },
      { command: "tickmark pull changes.csv --kind change --period 2025-01-01..2025-12-31 --seed 7 --size 25 --key-items 'type=emergency' -o CC8.1.xlsx", does: 'Every emergency change in full, evaluated apart, plus 25 drawn.' },
    ],
  },
  ingest: {
    positionals: [{ name: 'FILE', description: 'The export to ingest (CSV of any size, or XLSX). `-` reads a CSV from standard input.' }],
    required: [],
    examples: [
      { command: 'tickmark ingest changes.csv --kind change', does: 'Type, fingerprint and store a change log; prints the mapping and issues.' },
      { command: 'tickmark ingest export.csv --kind change --map map.json --date-order dmy --tz Europe/Berlin', does: 'With a mapping override, day-first slash dates, Berlin time.' },
      { command: 'gunzip -c changes.csv.gz | tickmark ingest - --kind change', does: 'A CSV from standard input (stored with the source name stdin).' },
    ],
  },
  check: {
    positionals: [{ name: 'FILE|POPULATION_ID', description: 'The population. `-` reads a CSV from standard input.' }],
    required: ['period'],
    examples: [
      { command: 'tickmark check changes.csv --kind change --period 2025-01-01..2025-12-31', does: 'Completeness & accuracy across 2025 (exit 1 when a check fails).' },
      { command: 'tickmark check pop_… --period 2025-01-01..2025-12-31 --expect-count 1204 --holidays us-2025.txt', does: 'With the control total the system owner gave and the firm\'s holidays.' },
    ],
  },
  plan: {
    positionals: [],
    required: [],
    examples: [
      { command: 'tickmark plan --confidence 95% --tolerable 5%', does: '59 items: binomial, none expected.' },
      { command: 'tickmark plan --frequency daily --risk higher', does: "The firm's frequency table: 40 items (non-statistical)." },
      { command: 'tickmark plan --confidence 95% --tolerable 5% --distribution hypergeometric --population 1000', does: '57 items for a finite population of 1,000.' },
    ],
  },
  sample: {
    positionals: [{ name: 'FILE|POPULATION_ID', description: 'The population (not needed with --extend or --explain-prn).', optional: true }],
    required: [],
    examples: [
      { command: 'tickmark sample changes.csv --kind change --seed 20251231 --size 25 --period 2025-01-01..2025-12-31', does: 'A seeded random sample of 25 in-period changes.' },
      { command: 'tickmark sample --extend samp_… --size 40', does: 'Extend a sample after a deviation: every earlier item kept.' },
      { command: 'tickmark sample --explain-prn', does: 'How to recompute a PRN with sha256sum and python.' },
    ],
  },
  test: {
    positionals: [{ name: 'FILE|POPULATION_ID', description: 'The population. `-` reads a CSV from standard input.' }],
    required: [],
    examples: [
      { command: 'tickmark test pop_… --sample samp_…', does: "Test a sample's items against the kind's built-in rules." },
      { command: 'tickmark test pop_… --all --rules cab.json --param disable_days=2bd', does: '100% testing with custom rules.' },
    ],
  },
  evaluate: {
    positionals: [],
    required: [],
    examples: [
      { command: 'tickmark evaluate --workbook CC8.1-filled.xlsx -o CC8.1-v2.xlsx', does: "The team's ticks, overrides, exceptions and sign-offs in; a new results version; the evaluation again; the refreshed workbook out." },
      { command: 'tickmark evaluate --n 60 --deviations 1', does: 'Upper deviation limit at 95% confidence against a 5% tolerable rate (the defaults, said so).' },
      { command: 'tickmark evaluate --n 57 --deviations 0 --distribution hypergeometric --population 1000', does: 'A finite-population evaluation.' },
    ],
  },
  sql: {
    positionals: [],
    required: [],
    examples: [
      { command: 'tickmark sql --dialect snowflake --table AUDIT.CHANGE_LOG --columns-from header.csv --kind change --period 2025-01-01..2025-12-31 --seed 20251231 --size 25 --out results/', does: 'Write the statements of a pull for Snowflake (and request.json); run them there, save each result beside it, then `tickmark pull --from-results results/ -o CC8.1.xlsx`.' },
      { command: 'tickmark sql --dialect postgres --table audit.changes --columns "id,type,deployed_at" --kind change --period 2025-01-01..2025-12-31 --seed 7 --size 25', does: 'Print the statements, self-contained, to read or run by hand.' },
      { command: 'tickmark sql --results results/', does: 'A stratified design: once strata.json is saved, add the selection statements.' },
    ],
  },
  verify: {
    positionals: [{ name: 'OUT.xlsx|FILE|POPULATION_ID', description: 'A workbook tickmark wrote (then the population file), or a population (with --manifest).' }, { name: 'FILE', description: 'The population file the workbook was drawn from.', optional: true }],
    required: [],
    examples: [
      { command: 'tickmark verify CC8.1.xlsx changes.csv', does: 'Re-perform a workbook: identical, or each difference (exit 1).' },
      { command: 'tickmark verify changes.csv --kind change --manifest manifest.json', does: 'Re-perform a sample manifest against a population.' },
    ],
  },
  export: {
    positionals: [{ name: 'SAMPLE_ID|TESTRUN_ID', description: 'A stored sample or test run.' }],
    required: ['output'],
    examples: [
      { command: 'tickmark export test_… -o CC8.1.xlsx --control-id CC8.1-01', does: 'The workbook of a test run.' },
      { command: 'tickmark export samp_… -o sample.csv', does: 'The sample as CSV (cells neutralised against formulas).' },
    ],
  },
  serve: {
    positionals: [],
    required: [],
    examples: [
      { command: 'tickmark token create --admin && tickmark serve', does: 'Create an admin token, then serve the API and the web app on 127.0.0.1:3000.' },
      { command: 'tickmark serve --port 8080 --upload-limit 1073741824', does: 'Another port, a 1 GiB upload limit.' },
      { command: 'chmod 600 sources.json && tickmark serve --sql-sources sources.json', does: 'Let engagements pull in place from the PostgreSQL sources named in sources.json ({"warehouse": "postgres://auditor@db/wh"}).' },
    ],
  },
  token: {
    positionals: [{ name: 'create|list|revoke', description: 'What to do.' }, { name: 'TOKEN_ID', description: 'The token to revoke.', optional: true }],
    required: [],
    examples: [
      { command: 'tickmark token create --admin', does: 'An admin token (the secret is printed once).' },
      { command: 'tickmark token create --engagement eng_… --label "Acme team"', does: 'A token that sees one engagement only.' },
    ],
  },
  generate: {
    positionals: [],
    required: ['kind', 'rows', 'output'],
    examples: [
      { command: 'tickmark generate --kind change --rows 1000000 --seed 7 --defects-default -o big.csv', does: 'A million-row change log with the default defects (and a manifest of them).' },
      { command: 'tickmark generate --kind access_grant --rows 500 -o grants.csv', does: 'A small clean access-grant population.' },
    ],
  },
  ls: {
    positionals: [{ name: 'populations|samples|runs|reports|results|pulls|log', description: 'What to list.', optional: true }],
    required: [],
    examples: [
      { command: 'tickmark ls samples', does: 'Every sample with its seed, method, size and selection hash.' },
      { command: 'tickmark ls log --limit 20 --json', does: 'The last 20 audit-log entries as JSON.' },
    ],
  },
  show: {
    positionals: [{ name: 'ID', description: 'A population, sample, test run, report, results or pull id.' }],
    required: [],
    examples: [{ command: 'tickmark show samp_…', does: 'The sample: request, plan, manifest and items, as JSON.' }, { command: 'tickmark show pop_…', does: 'The population: fingerprint, mapping, profile, column profile, issues.' }],
  },
  prune: {
    positionals: [{ name: 'ID…', description: 'Populations or stored records (samples, test runs, reports, results, pulls) to remove; tickmark ls lists them.', optional: true }],
    required: [],
    examples: [
      { command: 'tickmark prune --older-than 90', does: 'What older than 90 days could go, and what stays because a kept sample refers to it (nothing deleted).' },
      { command: 'tickmark prune pop_… --force --apply', does: 'Delete a population with its source, chunks, reports and the samples and runs drawn from it.' },
    ],
  },
  init: {
    positionals: [],
    required: ['client', 'engagement', 'period'],
    examples: [
      { command: 'tickmark init --client Acme --engagement "SOC 2 2025" --period 2025-01-01..2025-12-31 --tz America/New_York --seed 20251231', does: 'Then `tickmark pull changes.csv --kind change --size 25 -o CC8.1.xlsx` is enough here.' },
      { command: 'tickmark init --client Acme --engagement FY25 --period 2025-01-01..2025-12-31 --force', does: 'Replace the engagement file.' },
    ],
  },
  completion: {
    positionals: [{ name: 'bash|zsh|fish', description: 'The shell.' }],
    required: [],
    examples: [{ command: 'eval "$(tickmark completion bash)"', does: 'Tab-complete commands and flags in bash.' }, { command: 'tickmark completion fish > ~/.config/fish/completions/tickmark.fish', does: 'Install fish completions.' }],
  },
};

export const ENVIRONMENT = [
  { name: 'TICKMARK_DATA_DIR', description: 'The data directory (as --data-dir).' },
  { name: 'TZ', description: 'Not read: zones are always explicit (--tz, the population, the period).' },
  { name: 'NO_COLOR', description: 'No colour in the output.' },
  { name: 'TICKMARK_NATIVE', description: '0: do not use the native PRN kernel (WebAssembly instead).' },
];

export const EXIT_CODES = [
  { code: 0, meaning: 'ok (pull: the workbook is written)' },
  { code: 1, meaning: 'findings: a failed check, exceptions, a verify difference' },
  { code: 2, meaning: 'usage: a missing or wrong flag' },
  { code: 3, meaning: 'bad input: a file or value that cannot be used' },
  { code: 4, meaning: 'busy or rate limited: retry' },
  { code: 5, meaning: 'aborted: nothing was stored' },
  { code: 70, meaning: 'internal error: please report it with the command you ran' },
];
