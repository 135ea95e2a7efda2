/**
 * SQL pulls the service ran, kept under the data directory (`exports/sql-pulls/ID.json` and
 * `ID.xlsx`): a pull in place stores no population (its rows stay in the engine), so its record
 * and its workbook are kept as files — with, for a pull from results sent in the request, those
 * results (`ID.results.json`: the workbook is verified again from them), and the verifications
 * of its workbook (`ID.verifications/wbve_….json`). Files are written whole and renamed into
 * place, the record last, so a record is only ever read with its workbook beside it.
 *
 * @example
 * keepSqlPull(store, record, workbookPath)
 * readSqlPull(store, 'sqlp_…')?.engagementId
 * deleteSqlPull(store, record, 'retention') // record first, then the rest; in the audit log
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { privateDir, privateFile } from '../../store/private-files.js';
import { assertId, isId } from '../../store/ids.js';
import type { Store } from '../../store/store.js';
import type { ResultRow } from '../../sql/engines/engine.js';
import type { SqlRequestFile } from '../../sql/results-dir.js';

/** What a pull from results was drawn from: the request and each statement's rows. */
export interface KeptResults {
  request: SqlRequestFile;
  results: Record<string, ResultRow[]>;
}

export interface KeptSqlPull {
  id: string;
  engagementId: string;
  createdAt: string;
  source: { results?: boolean; connection?: string; table?: string };
  engine: string;
  dialect: string;
  population: { name: string; kind: string; rows: number; fingerprint: string; sha256: string };
  sample: { method: string; seed: string; n: number; eligible: number; selectionSha256: string };
  completeness: string;
  conclusion: string;
  warnings: string[];
  statements: string[];
  sqlSha256: string;
}

function folder(store: Store): string {
  const dir = join(store.dir, 'exports', 'sql-pulls');
  privateDir(dir);
  return dir;
}

export const sqlPullWorkbookPath = (store: Store, id: string): string => join(folder(store), `${assertId(id, 'sql pull')}.xlsx`);

/** Write `value` as JSON at `path`, whole: a private temp file beside it, renamed into place. */
function writeJson(path: string, value: unknown): void {
  const temp = join(dirname(path), `.${basename(path)}.tmp`);
  writeFileSync(temp, JSON.stringify(value), { mode: 0o600 });
  renameSync(temp, path);
}

/** Move the workbook written at `workbook` (in the store's temp folder) into place, keep the results a pull was drawn from, then write the record. */
export function keepSqlPull(store: Store, record: KeptSqlPull, workbook: string, results?: KeptResults): void {
  const dir = folder(store);
  const id = assertId(record.id, 'sql pull');
  privateFile(workbook);
  renameSync(workbook, join(dir, `${id}.xlsx`));
  if (results) writeJson(join(dir, `${id}.results.json`), results);
  writeJson(join(dir, `${id}.json`), record);
}

/** The results a pull from results was drawn from (none for a pull on a configured source). */
export function readSqlPullResults(store: Store, id: string): KeptResults | undefined {
  const path = join(folder(store), `${assertId(id, 'sql pull')}.results.json`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as KeptResults) : undefined;
}

const verifications = (store: Store, pullId: string): string => join(folder(store), `${assertId(pullId, 'sql pull')}.verifications`);

/** Keep a verification of a pull's workbook. */
export function keepSqlPullVerification(store: Store, pullId: string, verification: { id: string }): void {
  const dir = verifications(store, pullId);
  privateDir(dir);
  writeJson(join(dir, `${assertId(verification.id, 'workbook verification')}.json`), verification);
}

export function readSqlPullVerification<T>(store: Store, pullId: string, id: string): T | undefined {
  const path = join(verifications(store, pullId), `${assertId(id, 'workbook verification')}.json`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}

export function readSqlPull(store: Store, id: string): KeptSqlPull | undefined {
  const path = join(folder(store), `${assertId(id, 'sql pull')}.json`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as KeptSqlPull) : undefined;
}

/** Every kept SQL pull's record, oldest first (by creation time, then id). */
export function listSqlPulls(store: Store): KeptSqlPull[] {
  const dir = folder(store);
  const ids = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).filter(isId);
  return ids.flatMap((id) => readSqlPull(store, id) ?? [])
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Delete a kept SQL pull — its record first, so a record is never read without its workbook — and log it. */
export function deleteSqlPull(store: Store, record: Pick<KeptSqlPull, 'id' | 'engagementId'>, actor: string, params: Record<string, unknown> = {}): void {
  const dir = folder(store);
  const id = assertId(record.id, 'sql pull');
  rmSync(join(dir, `${id}.json`), { force: true });
  rmSync(join(dir, `${id}.xlsx`), { force: true });
  rmSync(join(dir, `${id}.results.json`), { force: true });
  rmSync(verifications(store, id), { recursive: true, force: true });
  store.log({ actor, action: 'sqlpull.delete', target: id, params: { engagementId: record.engagementId, ...params } });
}
