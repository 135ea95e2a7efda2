/**
 * The catalog: a SQLite database (better-sqlite3) in the data directory holding engagements,
 * populations, completeness reports, samples, test runs, API tokens, the append-only audit
 * log (UPDATE and DELETE on it are refused by triggers), `derived` results kept by a content
 * key so that identical work is not repeated (see operations/reuse.ts), and the service's jobs
 * (state, progress, result link, error: server/jobs/job-store.ts). Every write is a transaction.
 */
import Database from 'better-sqlite3';

export type Catalog = Database.Database;

const SCHEMA = `
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS engagements (
  id TEXT PRIMARY KEY, client TEXT NOT NULL, name TEXT, period_start TEXT, period_end TEXT,
  time_zone TEXT NOT NULL DEFAULT 'UTC', created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS populations (
  id TEXT PRIMARY KEY, engagement_id TEXT REFERENCES engagements(id), kind TEXT NOT NULL,
  sha256 TEXT NOT NULL, rows INTEGER NOT NULL, meta TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS populations_engagement ON populations(engagement_id);
CREATE TABLE IF NOT EXISTS artefacts (
  id TEXT PRIMARY KEY, type TEXT NOT NULL, population_id TEXT NOT NULL REFERENCES populations(id),
  engagement_id TEXT, parent_id TEXT, body TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS artefacts_population ON artefacts(population_id, type);
CREATE TABLE IF NOT EXISTS artefact_parts (
  artefact_id TEXT NOT NULL, path TEXT NOT NULL, page INTEGER NOT NULL, items INTEGER NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY (artefact_id, path, page)
);
CREATE TABLE IF NOT EXISTS derived (
  key TEXT PRIMARY KEY, population_id TEXT NOT NULL REFERENCES populations(id), body TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, engagement_id TEXT REFERENCES engagements(id),
  admin INTEGER NOT NULL DEFAULT 0, label TEXT, created_at TEXT NOT NULL, revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,
  action TEXT NOT NULL, target TEXT, params TEXT
);
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY, type TEXT NOT NULL, engagement_id TEXT, actor TEXT NOT NULL, state TEXT NOT NULL,
  progress TEXT NOT NULL, result_id TEXT, result_href TEXT, error TEXT,
  created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT
);
CREATE INDEX IF NOT EXISTS jobs_engagement ON jobs(engagement_id, created_at, id);
CREATE INDEX IF NOT EXISTS jobs_created ON jobs(created_at, id);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);
CREATE INDEX IF NOT EXISTS artefacts_engagement ON artefacts(engagement_id, type, created_at, id);
CREATE INDEX IF NOT EXISTS artefacts_parent ON artefacts(parent_id);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

export function openCatalog(path: string): Catalog {
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  // Catalogs made before lists were paged (store/artefact-parts.ts): add the column naming them.
  const columns = db.prepare('PRAGMA table_info(artefacts)').all() as { name: string }[];
  if (!columns.some((c) => c.name === 'parts')) db.exec('ALTER TABLE artefacts ADD COLUMN parts TEXT');
  // Each statement is prepared once per catalog: preparing was ~10% of a read request's CPU.
  const prepare = db.prepare.bind(db);
  const prepared = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let stmt = prepared.get(sql);
    if (!stmt) prepared.set(sql, (stmt = prepare(sql)));
    return stmt;
  }) as Catalog['prepare'];
  return db;
}
