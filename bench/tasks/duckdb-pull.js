/**
 * Baseline for `npm run bench -- shapes`: DuckDB (@duckdb/node-api, 2 threads) does what a cold
 * `tickmark pull` does with the change log: load the CSV into a table, run the completeness
 * checks (rows, blank required cells, duplicate keys, duplicate rows, out-of-period rows,
 * sequence gaps) and draw a sample stratified by month, ordered by SHA-256 of seed and key.
 * Usage: node bench/tasks/duckdb-pull.js '{"file": "...", "sep": ",", "encoding": "utf-8" | "windows-1252", "seed": "20251231"}'
 * Prints one JSON line: rows, seconds (after module load), maxRssMB, the checks' counts, picked.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const args = JSON.parse(process.argv[2] ?? '{}');
const sql = (s) => `'${String(s).replaceAll("'", "''")}'`;

const t0 = performance.now();
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await db.connect();
// DuckDB reads UTF-8, UTF-16 and Latin-1 without an extension, and refuses Windows-1252's 0x80–0x9F
// as Latin-1: such a file is transcoded to UTF-8 first (iconv), inside the timed run.
let file = args.file;
const scratch = args.encoding === 'windows-1252' ? mkdtempSync(join(tmpdir(), 'tm-bench-duckdb-')) : undefined;
if (scratch) {
  file = join(scratch, 'utf8.csv');
  execFileSync('sh', ['-c', 'iconv -f CP1252 -t UTF-8 "$0" > "$1"', args.file, file]);
}
await con.run(`CREATE TABLE t AS SELECT * FROM read_csv(${sql(file)}, delim = ${sql(args.sep ?? ',')}, header = true, quote = '"', escape = '"', encoding = 'utf-8',
  types = {'Number': 'VARCHAR', 'Deployed On': 'TIMESTAMPTZ'})`);
const one = async (q) => (await (await con.run(q)).getRows())[0];
const [rows, blankRequired] = await one(`SELECT count(*), count(*) FILTER (WHERE "Number" IS NULL OR "Deployed On" IS NULL) FROM t`);
const [duplicateKeys] = await one(`SELECT count(*) FROM (SELECT "Number" FROM t WHERE "Number" IS NOT NULL GROUP BY 1 HAVING count(*) > 1)`);
const [distinctRows] = await one('SELECT count(*) FROM (SELECT DISTINCT * FROM t)');
const [outOfPeriod] = await one(`SELECT count(*) FROM t WHERE "Deployed On" < TIMESTAMPTZ '2025-01-01 00:00:00+00' OR "Deployed On" >= TIMESTAMPTZ '2026-01-01 00:00:00+00'`);
const [gaps] = await one(`SELECT count(*) FROM (SELECT k - lag(k) OVER (ORDER BY k) AS d FROM (SELECT CAST(substr("Number", 4) AS BIGINT) AS k FROM t WHERE "Number" IS NOT NULL)) WHERE d > 1`);
const picked = (await (await con.run(`SELECT "Number" FROM (
  SELECT "Number", row_number() OVER (PARTITION BY date_trunc('month', "Deployed On" AT TIME ZONE 'UTC') ORDER BY sha256(${sql(args.seed ?? '20251231')} || "Number")) AS rn
  FROM t WHERE "Number" IS NOT NULL AND "Deployed On" >= TIMESTAMPTZ '2025-01-01 00:00:00+00' AND "Deployed On" < TIMESTAMPTZ '2026-01-01 00:00:00+00')
  WHERE rn <= 5`)).getRows()).length;
const seconds = (performance.now() - t0) / 1000;
if (scratch) rmSync(scratch, { recursive: true, force: true });
console.log(JSON.stringify({
  rows: Number(rows), seconds, maxRssMB: process.resourceUsage().maxRSS / 1024,
  blankRequired: Number(blankRequired), duplicateKeys: Number(duplicateKeys), duplicateRows: Number(rows) - Number(distinctRows),
  outOfPeriod: Number(outOfPeriod), gaps: Number(gaps), picked,
}));
