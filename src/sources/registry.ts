/**
 * Finding a profile by id, and what it says for one kind.
 *
 * @example
 * kindProfile(sourceProfile('qualys'), 'vulnerability').fields.vuln_id // ['QID']
 */
import { tickmarkError } from '../errors.js';
import type { Kind } from '../population/kinds.js';
import { profiles } from './profiles/index.js';
import type { KindProfile, SourceProfile } from './types.js';

export function sourceProfile(id: string): SourceProfile {
  const p = profiles.find((x) => x.id === id);
  if (!p) throw tickmarkError('TM_ERR_UNKNOWN_SOURCE', { source: id, sources: profiles.map((x) => x.id) });
  return p;
}

/** The kinds a profile feeds (a format profile feeds every kind: empty list). */
export function profileKinds(p: SourceProfile): Kind[] {
  return Object.keys(p.kinds) as Kind[];
}

/** The kind a profile implies when none is named: its default, else its only kind. */
export function impliedKind(p: SourceProfile): Kind | undefined {
  if (p.defaultKind) return p.defaultKind;
  const ks = profileKinds(p);
  return ks.length === 1 ? ks[0] : undefined;
}

export function feedsKind(p: SourceProfile, kind: Kind): boolean {
  return Boolean(p.anyKind) || Object.hasOwn(p.kinds, kind);
}

/** What the profile says for `kind`; a format profile says nothing of fields (an empty profile). */
export function kindProfile(p: SourceProfile, kind: Kind): KindProfile {
  if (Object.hasOwn(p.kinds, kind)) return p.kinds[kind]!;
  if (p.anyKind) return { fields: {} };
  throw tickmarkError('TM_ERR_SOURCE_KIND', { source: p.id, kind, kinds: profileKinds(p) });
}
