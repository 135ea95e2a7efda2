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
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { DIR_MODE, privateDir, privateFile, privateTree } from './private-files.js';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { tickmarkError } from '../errors.js';
import { SOURCE_NAME } from './source-copy.js';
import type { PopulationMeta } from '../population/types.js';
import { joinParts, PART_PAGE, splitParts } from './artefact-parts.js';
import { openCatalog, type Catalog } from './catalog.js';
import { assertId, newId, SHA256_HEX } from './ids.js';

export interface StoreOptions {
  dataDir?: string;
  /**
   * Open a data directory another thread of this process owns (a worker reading it): no temp
   * sweep (that thread's temp folders are live) and no change to the folder's modes.
   */
  shared?: boolean;
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

/** An artefact's catalog row without its body: what a scope check or a list needs. */
export interface ArtefactRef {
  id: string;
  type: string;
  populationId: string;
  engagementId: string | null;
  parentId: string | null;
  createdAt: string;
  /** Entries in each list kept apart from the body (artefact-parts.ts), by path. */
  parts: Record<string, number>;
}

/** An artefact as the catalog's `artefacts` table holds it. */
export interface ArtefactRow {
  id: string;
  type: string;
  population_id: string;
  engagement_id: string | null;
  parent_id: string | null;
  created_at: string;
  parts: string | null;
}

const refOf = (r: ArtefactRow): ArtefactRef => ({
  id: r.id, type: r.type, populationId: r.population_id, engagementId: r.engagement_id ?? null, parentId: r.parent_id ?? null, createdAt: r.created_at,
  parts: r.parts ? (JSON.parse(r.parts) as Record<string, number>) : {},
});

const REF_COLUMNS = 'id, type, population_id, engagement_id, parent_id, created_at, parts';

export class Store {
  readonly dir: string;
  /** @internal The SQLite catalog: tickmark's own modules query it; library users go through the methods. */
  readonly catalog: Catalog;
  /** How many artefact bodies and list pages were read (a scope check must read none). */
  readonly reads = { bodies: 0, pages: 0 };

  constructor(opts: StoreOptions = {}) {
    this.dir = resolve(opts.dataDir ?? process.env.TICKMARK_DATA_DIR ?? '.tickmark');
    if (!opts.shared) {
      // Private to this user: the folder 0700 (tightened if it was looser), its files 0600.
      privateDir(this.dir);
      for (const sub of ['sources', 'populations', 'tmp', 'exports']) privateDir(join(this.dir, sub));
      this.sweepTemp();
      // SQLite makes the -wal and -shm files with the database file's mode: make that 0600 first.
      privateFile(join(this.dir, 'catalog.sqlite'));
    }
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
          alive = pid !== process.pid;
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
    mkdirSync(dir, { mode: DIR_MODE });
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
    // Chunks whose text is a range of the source copy find it by this name once the copy has moved.
    if (sourceTemp) writeFileSync(join(tempDir, SOURCE_NAME), meta.source.sha256);
    // Workers and copyFile wrote these with the umask's or the client file's mode.
    privateTree(tempDir);
    if (sourceTemp) privateTree(sourceTemp);
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

  /** Store a result: its large lists go to `artefact_parts` in pages, the rest in its row (one transaction). */
  saveArtefact<T>(a: Omit<Artefact<T>, 'id' | 'createdAt'> & { id?: string }, actor = 'cli'): Artefact<T> {
    const artefact: Artefact<T> = { ...a, id: a.id ?? newId(a.type.slice(0, 4)), createdAt: new Date().toISOString() };
    const { body, parts } = splitParts(artefact.type, artefact.body);
    const counts = Object.fromEntries(parts.map((p) => [p.path, p.items.length]));
    this.catalog.transaction(() => {
      this.catalog.prepare('DELETE FROM artefact_parts WHERE artefact_id = ?').run(artefact.id);
      this.catalog
        .prepare('INSERT OR REPLACE INTO artefacts (id, type, population_id, engagement_id, parent_id, body, created_at, parts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(artefact.id, artefact.type, artefact.populationId, artefact.engagementId ?? null, artefact.parentId ?? null, JSON.stringify(body), artefact.createdAt, parts.length ? JSON.stringify(counts) : null);
      const page = this.catalog.prepare('INSERT INTO artefact_parts (artefact_id, path, page, items, body) VALUES (?, ?, ?, ?, ?)');
      for (const part of parts) {
        for (let i = 0; i * PART_PAGE < part.items.length; i++) {
          const items = part.items.slice(i * PART_PAGE, (i + 1) * PART_PAGE);
          page.run(artefact.id, part.path, i, items.length, JSON.stringify(items));
        }
      }
      this.logInTx({ actor, action: `${artefact.type}.create`, target: artefact.id, params: { populationId: artefact.populationId } });
    })();
    return artefact;
  }

  /** The row of an artefact without its body (scope checks, lists); undefined when absent or of another type. */
  artefactRef(id: string, type?: string): ArtefactRef | undefined {
    const row = this.catalog.prepare(`SELECT ${REF_COLUMNS} FROM artefacts WHERE id = ?`).get(assertId(id, type ?? 'artefact')) as ArtefactRow | undefined;
    if (!row || (type && row.type !== type)) return undefined;
    return refOf(row);
  }

  /** The whole artefact, its lists put back (the library's readers want it whole). */
  artefact<T>(id: string, type?: string): Artefact<T> | undefined {
    const a = this.artefactSummary<T>(id, type);
    if (!a) return undefined;
    const lists: Record<string, unknown[]> = {};
    for (const path of Object.keys(a.parts)) lists[path] = this.artefactPart(a.id, path, 0, Number.MAX_SAFE_INTEGER);
    const { parts: _parts, ...artefact } = a;
    return { ...artefact, body: joinParts(a.body, lists) };
  }

  /** The artefact's row with its body, the paged lists left empty (their counts in `parts`). */
  artefactSummary<T>(id: string, type?: string): (Artefact<T> & { parts: Record<string, number> }) | undefined {
    const row = this.catalog.prepare(`SELECT ${REF_COLUMNS}, body FROM artefacts WHERE id = ?`).get(assertId(id, type ?? 'artefact')) as (ArtefactRow & { body: string }) | undefined;
    if (!row || (type && row.type !== type)) return undefined;
    this.reads.bodies++;
    const ref = refOf(row);
    return { ...ref, body: JSON.parse(row.body) as T };
  }

  /** Entries [offset, offset + limit) of one paged list of an artefact (only the pages holding them are read). */
  artefactPart<T = unknown>(id: string, path: string, offset: number, limit: number): T[] {
    if (limit <= 0) return [];
    const first = Math.floor(offset / PART_PAGE);
    const last = Math.floor(Math.min(offset + limit - 1, Number.MAX_SAFE_INTEGER) / PART_PAGE);
    const rows = this.catalog
      .prepare('SELECT page, body FROM artefact_parts WHERE artefact_id = ? AND path = ? AND page BETWEEN ? AND ? ORDER BY page')
      .all(id, path, first, last) as { page: number; body: string }[];
    const out: T[] = [];
    for (const r of rows) {
      this.reads.pages++;
      const items = JSON.parse(r.body) as T[];
      const from = Math.max(0, offset - r.page * PART_PAGE);
      const to = Math.min(items.length, offset + limit - r.page * PART_PAGE);
      for (let i = from; i < to; i++) out.push(items[i]!);
    }
    return out;
  }

  /**
   * Entries [offset, offset + limit) of one paged list as JSON array text: whole stored pages are
   * spliced as stored (not parsed and written again), only a partly covered page is parsed.
   */
  artefactPartJson(id: string, path: string, offset: number, limit: number): { json: string; count: number } {
    if (limit <= 0) return { json: '[]', count: 0 };
    const first = Math.floor(offset / PART_PAGE);
    const last = Math.floor((offset + limit - 1) / PART_PAGE);
    const rows = this.catalog
      .prepare('SELECT page, items, body FROM artefact_parts WHERE artefact_id = ? AND path = ? AND page BETWEEN ? AND ? ORDER BY page')
      .all(id, path, first, last) as { page: number; items: number; body: string }[];
    const pieces: string[] = [];
    let count = 0;
    for (const r of rows) {
      this.reads.pages++;
      const from = Math.max(0, offset - r.page * PART_PAGE);
      const to = Math.min(r.items, offset + limit - r.page * PART_PAGE);
      if (to <= from) continue;
      count += to - from;
      if (from === 0 && to === r.items) {
        if (r.items) pieces.push(r.body.slice(1, -1));
      } else {
        const text = JSON.stringify((JSON.parse(r.body) as unknown[]).slice(from, to));
        pieces.push(text.slice(1, -1));
      }
    }
    return { json: `[${pieces.join(',')}]`, count };
  }

  /** Artefacts of a population (or of an engagement), oldest first, a page at a time, without bodies. */
  listArtefactRefs(filter: { populationId?: string; engagementId?: string; type?: string }, page: { limit: number; after?: [string | number, string] }): ArtefactRef[] {
    const where = ['1 = 1'];
    const args: unknown[] = [];
    if (filter.type !== undefined) (where.push('type = ?'), args.push(filter.type));
    if (filter.populationId !== undefined) (where.push('population_id = ?'), args.push(filter.populationId));
    if (filter.engagementId !== undefined) (where.push('engagement_id = ?'), args.push(filter.engagementId));
    if (page.after) (where.push('(created_at, id) > (?, ?)'), args.push(...page.after));
    const rows = this.catalog.prepare(`SELECT ${REF_COLUMNS} FROM artefacts WHERE ${where.join(' AND ')} ORDER BY created_at, id LIMIT ?`).all(...args, page.limit) as ArtefactRow[];
    return rows.map(refOf);
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

  /** Ids of the artefacts whose parent is one of `ids` (what refers to them). */
  artefactChildren(ids: readonly string[]): ArtefactRef[] {
    if (!ids.length) return [];
    const rows = this.catalog.prepare(`SELECT ${REF_COLUMNS} FROM artefacts WHERE parent_id IN (${ids.map(() => '?').join(',')})`).all(...ids) as ArtefactRow[];
    return rows.map(refOf);
  }

  /**
   * Delete artefacts — their rows and their list pages — in one transaction, each with an
   * audit-log entry (`<type>.delete`). The audit log itself is never deleted from.
   */
  deleteArtefacts(refs: readonly ArtefactRef[], actor: string, params: Record<string, unknown> = {}): void {
    this.catalog.transaction(() => {
      for (const ref of refs) {
        this.catalog.prepare('DELETE FROM artefact_parts WHERE artefact_id = ?').run(ref.id);
        this.catalog.prepare('DELETE FROM artefacts WHERE id = ?').run(ref.id);
        this.logInTx({ actor, action: `${ref.type}.delete`, target: ref.id, params: { populationId: ref.populationId, ...params } });
      }
    })();
  }

  /**
   * Delete a population that no artefact refers to any more: its catalog row and kept derived
   * results (one transaction, logged), then its chunk folder, and its source file unless another
   * population was ingested from the same bytes.
   */
  deletePopulation(id: string, actor: string, params: Record<string, unknown> = {}): void {
    const meta = this.requirePopulation(id);
    this.catalog.transaction(() => {
      this.catalog.prepare('DELETE FROM derived WHERE population_id = ?').run(id);
      this.catalog.prepare('DELETE FROM populations WHERE id = ?').run(id);
      this.logInTx({ actor, action: 'population.delete', target: id, params: { sha256: meta.source.sha256, rows: meta.rows.total, ...params } });
    })();
    rmSync(this.populationDir(id), { recursive: true, force: true });
    const shared = this.catalog.prepare('SELECT 1 FROM populations WHERE sha256 = ? LIMIT 1').get(meta.source.sha256);
    if (!shared) rmSync(this.sourcePath(meta.source.sha256), { force: true });
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
