/**
 * The embedded store: a data directory (default `./.tickmark`, or `TICKMARK_DATA_DIR`) with
 * raw sources kept content-addressed by SHA-256 and never modified, one folder of columnar chunk
 * files per population, and the SQLite catalog. New artefacts are built in a private temp folder
 * and renamed into place in one step, so a killed ingest leaves nothing half-written; stale temp
 * folders of dead processes are swept when the store opens.
 *
 * @example
 * const store = openStore({ dataDir: '.tickmark' })
 * store.population('pop_…')
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { tickmarkError } from '../errors.js';
import type { PopulationMeta } from '../population/types.js';
import { openCatalog, type Catalog } from './catalog.js';
import { assertId, newId, SHA256_HEX } from './ids.js';

export interface StoreOptions {
  dataDir?: string;
}

export interface AuditEntry {
  actor?: string;
  action: string;
  target?: string;
  params?: unknown;
}

export interface Artefact<T = unknown> {
  id: string;
  type: string;
  populationId: string;
  engagementId?: string | null;
  parentId?: string | null;
  body: T;
  createdAt: string;
}

export class Store {
  readonly dir: string;
  readonly catalog: Catalog;

  constructor(opts: StoreOptions = {}) {
    this.dir = resolve(opts.dataDir ?? process.env.TICKMARK_DATA_DIR ?? '.tickmark');
    for (const sub of ['sources', 'populations', 'tmp', 'exports']) mkdirSync(join(this.dir, sub), { recursive: true });
    this.sweepTemp();
    this.catalog = openCatalog(join(this.dir, 'catalog.sqlite'));
  }

  /** Remove temp folders left by processes that are no longer running. */
  private sweepTemp(): void {
    for (const name of readdirSync(join(this.dir, 'tmp'))) {
      const pid = Number(name.split('-')[0]);
      let alive = false;
      if (Number.isInteger(pid) && pid > 0) {
        try {
          process.kill(pid, 0);
          alive = pid === process.pid ? false : true;
        } catch {
          alive = false;
        }
      }
      if (!alive || pid === process.pid) rmSync(join(this.dir, 'tmp', name), { recursive: true, force: true });
    }
  }

  /** A fresh private temp folder (under the data directory, so renames stay on one device). */
  tempDir(): string {
    const dir = join(this.dir, 'tmp', `${process.pid}-${randomBytes(6).toString('hex')}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  sourcePath(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw tickmarkError('TM_ERR_INVALID_ID', { what: 'source', id: sha256 });
    return join(this.dir, 'sources', sha256);
  }

  populationDir(id: string): string {
    return join(this.dir, 'populations', assertId(id, 'population'));
  }

  population(id: string): PopulationMeta | undefined {
    const row = this.catalog.prepare('SELECT meta FROM populations WHERE id = ?').get(assertId(id, 'population')) as { meta: string } | undefined;
    return row ? (JSON.parse(row.meta) as PopulationMeta) : undefined;
  }

  requirePopulation(id: string): PopulationMeta {
    const meta = this.population(id);
    if (!meta) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'population', id });
    return meta;
  }

  populationEngagement(id: string): string | null {
    const row = this.catalog.prepare('SELECT engagement_id FROM populations WHERE id = ?').get(id) as { engagement_id: string | null } | undefined;
    return row?.engagement_id ?? null;
  }

  listPopulations(engagementId?: string): PopulationMeta[] {
    const rows = (engagementId
      ? this.catalog.prepare('SELECT meta FROM populations WHERE engagement_id = ? ORDER BY created_at, id').all(engagementId)
      : this.catalog.prepare('SELECT meta FROM populations ORDER BY created_at, id').all()) as { meta: string }[];
    return rows.map((r) => JSON.parse(r.meta) as PopulationMeta);
  }

  /**
   * Move a population built in `tempDir` (chunk files) and its source copy into place and record
   * it, atomically. When the same population already exists, the temp material is discarded and
   * the existing one returned (re-ingest is idempotent).
   */
  commitPopulation(meta: PopulationMeta, tempDir: string, sourceTemp: string | null, actor = 'cli', engagementId: string | null = null): { meta: PopulationMeta; created: boolean } {
    const existing = this.population(meta.id);
    if (existing) {
      rmSync(tempDir, { recursive: true, force: true });
      if (sourceTemp) rmSync(sourceTemp, { force: true });
      this.log({ actor, action: 'population.reingest', target: meta.id, params: { sha256: meta.source.sha256 } });
      return { meta: existing, created: false };
    }
    const source = this.sourcePath(meta.source.sha256);
    if (sourceTemp) {
      if (existsSync(source)) rmSync(sourceTemp, { force: true });
      else renameSync(sourceTemp, source);
    }
    const dir = this.populationDir(meta.id);
    rmSync(dir, { recursive: true, force: true }); // a leftover of a crash between rename and insert
    renameSync(tempDir, dir);
    const insert = this.catalog.transaction(() => {
      this.catalog
        .prepare('INSERT INTO populations (id, engagement_id, kind, sha256, rows, meta, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(meta.id, engagementId, meta.kind, meta.source.sha256, meta.rows.total, JSON.stringify(meta), meta.createdAt);
      this.logInTx({ actor, action: 'population.ingest', target: meta.id, params: { kind: meta.kind, sha256: meta.source.sha256, bytes: meta.source.bytes, rows: meta.rows, mapping: meta.mapping, typing: meta.typing } });
    });
    try {
      insert();
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    return { meta, created: true };
  }

  saveArtefact<T>(a: Omit<Artefact<T>, 'id' | 'createdAt'> & { id?: string }, actor = 'cli'): Artefact<T> {
    const artefact: Artefact<T> = { ...a, id: a.id ?? newId(a.type.slice(0, 4)), createdAt: new Date().toISOString() };
    this.catalog.transaction(() => {
      this.catalog
        .prepare('INSERT OR REPLACE INTO artefacts (id, type, population_id, engagement_id, parent_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(artefact.id, artefact.type, artefact.populationId, artefact.engagementId ?? null, artefact.parentId ?? null, JSON.stringify(artefact.body), artefact.createdAt);
      this.logInTx({ actor, action: `${artefact.type}.create`, target: artefact.id, params: { populationId: artefact.populationId } });
    })();
    return artefact;
  }

  artefact<T>(id: string, type?: string): Artefact<T> | undefined {
    const row = this.catalog.prepare('SELECT * FROM artefacts WHERE id = ?').get(assertId(id, type ?? 'artefact')) as Record<string, string> | undefined;
    if (!row || (type && row.type !== type)) return undefined;
    return { id: row.id!, type: row.type!, populationId: row.population_id!, engagementId: row.engagement_id ?? null, parentId: row.parent_id ?? null, body: JSON.parse(row.body!) as T, createdAt: row.created_at! };
  }

  /** A result kept under a content key (see `saveDerived`), or undefined. */
  derived<T>(key: string): T | undefined {
    const row = this.catalog.prepare('SELECT body FROM derived WHERE key = ?').get(key) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as T) : undefined;
  }

  /** Keep a result that is a pure function of `key` (a digest of everything it depends on). */
  saveDerived(key: string, populationId: string, body: unknown): void {
    this.catalog.prepare('INSERT OR REPLACE INTO derived (key, population_id, body, created_at) VALUES (?, ?, ?, ?)').run(key, populationId, JSON.stringify(body), new Date().toISOString());
  }

  /** Every artefact of a type, oldest first (a listing: bodies are parsed). */
  artefactsOfType<T>(type: string): Artefact<T>[] {
    const rows = this.catalog.prepare('SELECT id FROM artefacts WHERE type = ? ORDER BY created_at, id').all(type) as { id: string }[];
    return rows.map((r) => this.artefact<T>(r.id)!);
  }

  listArtefacts<T>(populationId: string, type: string): Artefact<T>[] {
    const rows = this.catalog.prepare('SELECT id FROM artefacts WHERE population_id = ? AND type = ? ORDER BY created_at, id').all(populationId, type) as { id: string }[];
    return rows.map((r) => this.artefact<T>(r.id)!);
  }

  private logInTx(e: AuditEntry): void {
    this.catalog
      .prepare('INSERT INTO audit_log (at, actor, action, target, params) VALUES (?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), e.actor ?? 'cli', e.action, e.target ?? null, e.params === undefined ? null : JSON.stringify(e.params));
  }

  /** Append to the audit log (what ran, when, by whom, with which parameters). */
  log(e: AuditEntry): void {
    this.logInTx(e);
  }

  auditLog(limit = 100): { seq: number; at: string; actor: string; action: string; target: string | null; params: unknown }[] {
    const rows = this.catalog.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit) as Record<string, any>[];
    return rows.map((r) => ({ ...r, params: r.params ? JSON.parse(r.params) : null })) as never;
  }

  close(): void {
    this.catalog.close();
  }
}

export function openStore(opts: StoreOptions = {}): Store {
  return new Store(opts);
}
