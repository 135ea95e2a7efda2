/**
 * Identifiers: path-safe, validated wherever they come from outside.
 *
 * @example
 * assertId('pop_1a2b', 'population') // 'pop_1a2b'
 */
import { createHash, randomBytes } from 'node:crypto';
import { tickmarkError } from '../errors.js';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function assertId(id: unknown, what: string): string {
  if (typeof id !== 'string' || !ID.test(id)) throw tickmarkError('TM_ERR_INVALID_ID', { what, id: String(id) });
  return id;
}

export function isId(id: unknown): id is string {
  return typeof id === 'string' && ID.test(id);
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

/** A deterministic id from content: `prefix_` + 24 hex of SHA-256 over the canonical JSON. */
export function contentId(prefix: string, content: unknown): string {
  return `${prefix}_${createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 24)}`;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
