/**
 * Choosing the source profile and the kind of an ingest: a profile named with `--source` is used
 * (and its kind when none is named); otherwise the header is matched against the profiles that
 * feed the named kind, or against every profile when no kind is named — then the chosen profile's
 * kind is the population's. A named kind and a named profile must agree.
 *
 * @example
 * chooseSource(['IP', 'QID', 'Title', 'Severity', 'First Detected'], {}).kind // 'vulnerability'
 */
import { tickmarkError } from '../errors.js';
import { isKind, kinds, type Kind } from '../population/kinds.js';
import { normalizeHeader } from '../text/header-words.js';
import { detectSource, matchProfile } from './detect.js';
import { feedsKind, impliedKind, kindProfile, profileKinds, sourceProfile } from './registry.js';
import type { KindProfile, SourceProfile } from './types.js';

export interface SourceChoice {
  kind: Kind;
  /** The profile applied, null when none matched (the kind's own synonyms map the headers). */
  profile: SourceProfile | null;
  /** What the profile says for the kind (absent without a profile). */
  forKind?: KindProfile;
  forced: boolean;
  /** Why this profile (or none): signature headers matched, score, runner-up. */
  reason: string;
}

export interface ChooseOptions {
  kind?: string;
  source?: string;
  delimiter?: string;
}

function kindOf(name: string | undefined): Kind | undefined {
  if (name === undefined) return undefined;
  if (!isKind(name)) throw tickmarkError('TM_ERR_UNKNOWN_KIND', { kind: name, kinds });
  return name;
}

export function chooseSource(headers: readonly string[], opts: ChooseOptions): SourceChoice {
  const named = kindOf(opts.kind);
  if (opts.source) {
    const profile = sourceProfile(opts.source);
    const kind = named ?? impliedKind(profile);
    if (!kind) throw tickmarkError('TM_ERR_USAGE', { message: `source profile "${profile.id}" feeds ${profileKinds(profile).join(' and ') || 'every kind'}: name one with --kind` });
    const forKind = kindProfile(profile, kind);
    const match = matchProfile(profile, new Set(headers.map(normalizeHeader)));
    const reason = `named with --source${match ? ` (${match.score} of its ${match.of} signature headers present)` : profile.signature.required.length ? ' (its required signature headers are not all present)' : ''}`;
    return { kind, profile, forKind, forced: true, reason };
  }
  const detected = detectSource(headers, { ...(named ? { kind: named } : {}), ...(opts.delimiter ? { delimiter: opts.delimiter } : {}) });
  if (detected.chosen) {
    const profile = detected.chosen.profile;
    const kind = named ?? impliedKind(profile);
    if (!kind) throw tickmarkError('TM_ERR_USAGE', { message: `the header looks like ${profile.name} (${profile.id}), which feeds ${profileKinds(profile).join(' and ') || 'every kind'}: name the kind with --kind` });
    return { kind, profile, forKind: kindProfile(profile, kind), forced: false, reason: detected.reason };
  }
  if (!named) {
    throw tickmarkError('TM_ERR_USAGE', { message: 'no source profile matched the header, so the kind is not known: name it with --kind (or the export with --source)' });
  }
  // Say so when the header is a known export of another kind.
  const other = detectSource(headers, opts.delimiter ? { delimiter: opts.delimiter } : {}).chosen;
  const hint = other && !feedsKind(other.profile, named) ? `; the header looks like ${other.profile.id} (${profileKinds(other.profile).join(', ')})` : '';
  return { kind: named, profile: null, forced: false, reason: `${detected.reason} for kind ${named}${hint}` };
}
