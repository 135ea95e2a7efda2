/**
 * The audit log of one engagement: the entries made by its tokens, and the entries about its
 * objects — the engagement, its populations, their reports, samples, test runs, results and pulls,
 * its jobs — made by an admin token or the CLI. Another engagement's token never shows here (its
 * attempts on this engagement's ids were refused as not found, and its id is not this
 * engagement's to see). An entry names its object as its target: an id, or the URL of a request
 * (whose path segments are ids).
 *
 * @example
 * engagementAuditLog(store, 'eng_1', { jobIds: [] }, 100)[0] // { seq, at, actor, action, target, params }
 */
import type { Store } from '../../store/store.js';

export interface AuditEntryView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  params: unknown;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  params: string | null;
}

/** Entries read per step, newest first, and the most read for one answer. */
const PAGE = 2000;
const MAX_SCANNED = 200_000;

/** Every id that belongs to the engagement, and its tokens. */
function engagementIds(store: Store, engagementId: string, jobIds: readonly string[]): { ids: Set<string>; tokens: Set<string>; foreign: Set<string> } {
  const db = store.catalog;
  const ids = new Set<string>([engagementId, ...jobIds]);
  for (const r of db.prepare('SELECT id FROM populations WHERE engagement_id = ?').all(engagementId) as { id: string }[]) ids.add(r.id);
  for (const r of db.prepare('SELECT a.id FROM artefacts a JOIN populations p ON p.id = a.population_id WHERE p.engagement_id = ? OR a.engagement_id = ?').all(engagementId, engagementId) as { id: string }[]) ids.add(r.id);
  const tokens = new Set((db.prepare('SELECT id FROM tokens WHERE engagement_id = ?').all(engagementId) as { id: string }[]).map((r) => r.id));
  for (const t of tokens) ids.add(t);
  const foreign = new Set((db.prepare('SELECT id FROM tokens WHERE engagement_id IS NOT NULL AND engagement_id != ?').all(engagementId) as { id: string }[]).map((r) => r.id));
  return { ids, tokens, foreign };
}

/** Does the target (an id, or a request's path) name one of `ids`? */
export function targetsAny(target: string | null, ids: ReadonlySet<string>): boolean {
  if (!target) return false;
  if (ids.has(target)) return true;
  for (const segment of target.split(/[/?&=]/)) if (segment && ids.has(segment)) return true;
  return false;
}

export function engagementAuditLog(store: Store, engagementId: string, opts: { jobIds: readonly string[]; before?: number }, limit: number): AuditEntryView[] {
  const { ids, tokens, foreign } = engagementIds(store, engagementId, opts.jobIds);
  const page = store.catalog.prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?');
  const out: AuditEntryView[] = [];
  let before = opts.before ?? Number.MAX_SAFE_INTEGER;
  for (let scanned = 0; scanned < MAX_SCANNED && out.length < limit;) {
    const rows = page.all(before, PAGE) as AuditRow[];
    if (!rows.length) break;
    for (const r of rows) {
      if (tokens.has(r.actor) || (!foreign.has(r.actor) && targetsAny(r.target, ids))) {
        out.push({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, target: r.target, params: r.params ? JSON.parse(r.params) : null });
        if (out.length === limit) break;
      }
    }
    scanned += rows.length;
    before = rows[rows.length - 1]!.seq;
  }
  return out;
}
