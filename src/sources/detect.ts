/**
 * Recognising an export from its header. A system profile is a candidate when every one of its
 * required signature headers is present; its score is the number of its signature headers
 * present (required and optional), ties broken by the share of its signature present. A format
 * profile (no headers, a delimiter) is a candidate only when no system profile is. Two system
 * candidates with the same score and share are ambiguous: the caller must name one (`--source`).
 *
 * @example
 * detectSource(['number', 'short_description', 'approval', 'approval_set', 'requested_by'], {}).chosen?.profile.id
 * // 'servicenow-change'
 */
import { tickmarkError } from '../errors.js';
import type { Kind } from '../population/kinds.js';
import { normalizeHeader } from '../text/header-words.js';
import { profiles as allProfiles } from './profiles/index.js';
import { feedsKind } from './registry.js';
import type { SourceProfile } from './types.js';

export interface SourceMatch {
  profile: SourceProfile;
  /** Signature headers present. */
  score: number;
  /** Size of the signature (required + optional headers). */
  of: number;
  /** The signature headers present, as the profile names them. */
  matched: string[];
}

export interface Detection {
  chosen: SourceMatch | null;
  runnerUp: SourceMatch | null;
  /** Why, in one line: the headers that matched, the score, the runner-up. */
  reason: string;
}

export interface DetectOptions {
  /** Only profiles feeding this kind are candidates. */
  kind?: Kind;
  /** The file's delimiter (format profiles match on it). */
  delimiter?: string;
  profiles?: readonly SourceProfile[];
}

function describe(m: SourceMatch): string {
  const shown = m.matched.slice(0, 8).map((h) => JSON.stringify(h)).join(', ') + (m.matched.length > 8 ? ', …' : '');
  return `${m.score} of its ${m.of} signature headers present (${shown})`;
}

export function matchProfile(p: SourceProfile, present: ReadonlySet<string>): SourceMatch | null {
  const sig = [...p.signature.required, ...(p.signature.optional ?? [])];
  if (p.signature.required.length === 0 || !p.signature.required.every((h) => present.has(normalizeHeader(h)))) return null;
  const matched = sig.filter((h) => present.has(normalizeHeader(h)));
  return { profile: p, score: matched.length, of: sig.length, matched };
}

const better = (a: SourceMatch, b: SourceMatch) => b.score - a.score || b.score / b.of - a.score / a.of;

export function detectSource(headers: readonly string[], opts: DetectOptions = {}): Detection {
  const present = new Set(headers.map(normalizeHeader));
  const candidates = (opts.profiles ?? allProfiles).filter((p) => !opts.kind || feedsKind(p, opts.kind));
  const matches = candidates.flatMap((p) => matchProfile(p, present) ?? []).sort(better);
  if (matches.length) {
    const [top, next] = matches as [SourceMatch, SourceMatch | undefined];
    if (next && better(top, next) === 0) {
      throw tickmarkError('TM_ERR_AMBIGUOUS_SOURCE', { sources: [top.profile.id, next.profile.id], score: top.score });
    }
    const reason = `${describe(top)}; runner-up ${next ? `${next.profile.id} (${next.score} of ${next.of})` : 'none'}`;
    return { chosen: top, runnerUp: next ?? null, reason };
  }
  const format = candidates.find((p) => p.signature.required.length === 0 && p.signature.delimiter !== undefined && p.signature.delimiter === opts.delimiter);
  if (format) {
    return { chosen: { profile: format, score: 0, of: 0, matched: [] }, runnerUp: null, reason: `no system profile matched the header; the file is ${JSON.stringify(format.signature.delimiter)}-separated` };
  }
  return { chosen: null, runnerUp: null, reason: 'no source profile matched the header' };
}
