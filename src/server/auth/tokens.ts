/**
 * API tokens: a random secret shown once, stored only as its SHA-256. A bearer token is found by
 * the hash of what the client sent, then compared in constant time; a token belongs to one
 * engagement, or is the admin token that manages engagements.
 *
 * @example
 * const { secret, token } = createToken(store, { engagementId: 'eng_1', label: 'ci' })
 * findToken(store, secret)?.id === token.id // true
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { tickmarkError } from '../../errors.js';
import { assertId, newId } from '../../store/ids.js';
import type { Store } from '../../store/store.js';

export interface ApiToken {
  id: string;
  /** The one engagement this token sees; null for the admin token. */
  engagementId: string | null;
  admin: boolean;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export type TokenRequest = { admin: true; label?: string } | { engagementId: string; label?: string };

const PREFIX = 'tmk_';
const SECRET = /^tmk_[A-Za-z0-9_-]{43}$/;

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

interface TokenRow {
  id: string;
  hash: string;
  engagement_id: string | null;
  admin: number;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

function toToken(r: TokenRow): ApiToken {
  return { id: r.id, engagementId: r.engagement_id, admin: r.admin === 1, label: r.label, createdAt: r.created_at, revokedAt: r.revoked_at };
}

/** Mint a token; the secret is returned once and never stored. */
export function createToken(store: Store, req: TokenRequest, actor = 'cli'): { secret: string; token: ApiToken } {
  const admin = 'admin' in req && req.admin === true;
  const engagementId = admin ? null : assertId((req as { engagementId: string }).engagementId, 'engagement');
  if (engagementId && !store.catalog.prepare('SELECT 1 FROM engagements WHERE id = ?').get(engagementId)) {
    throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'engagement', id: engagementId });
  }
  const label = req.label?.slice(0, 200) ?? null;
  const secret = PREFIX + randomBytes(32).toString('base64url');
  const token: ApiToken = { id: newId('tok'), engagementId, admin, label, createdAt: new Date().toISOString(), revokedAt: null };
  store.catalog.transaction(() => {
    store.catalog
      .prepare('INSERT INTO tokens (id, hash, engagement_id, admin, label, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(token.id, hashSecret(secret).toString('hex'), engagementId, admin ? 1 : 0, label, token.createdAt);
    store.log({ actor, action: 'token.create', target: token.id, params: { engagementId, admin, label } });
  })();
  return { secret, token };
}

/** The live token whose secret this is, or undefined (unknown, malformed or revoked). */
export function findToken(store: Store, secret: string): ApiToken | undefined {
  const digest = hashSecret(secret);
  if (!SECRET.test(secret)) return undefined;
  const row = store.catalog.prepare('SELECT * FROM tokens WHERE hash = ?').get(digest.toString('hex')) as TokenRow | undefined;
  if (!row || row.revoked_at) return undefined;
  const stored = Buffer.from(row.hash, 'hex');
  if (stored.length !== digest.length || !timingSafeEqual(stored, digest)) return undefined;
  return toToken(row);
}

export function listTokens(store: Store): ApiToken[] {
  return (store.catalog.prepare('SELECT * FROM tokens ORDER BY created_at, id').all() as TokenRow[]).map(toToken);
}

export function getToken(store: Store, id: string): ApiToken | undefined {
  const row = store.catalog.prepare('SELECT * FROM tokens WHERE id = ?').get(assertId(id, 'token')) as TokenRow | undefined;
  return row ? toToken(row) : undefined;
}

/** Revoke a token (kept in the catalog for the audit trail). */
export function revokeToken(store: Store, id: string, actor = 'cli'): ApiToken {
  const token = getToken(store, id);
  if (!token) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'token', id });
  if (token.revokedAt) return token;
  const at = new Date().toISOString();
  store.catalog.transaction(() => {
    store.catalog.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ?').run(at, id);
    store.log({ actor, action: 'token.revoke', target: id });
  })();
  return { ...token, revokedAt: at };
}
