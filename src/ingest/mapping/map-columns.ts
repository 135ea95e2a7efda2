/**
 * Column mapping: the client's headers onto a kind's canonical fields, each decision recorded with
 * how it was made and the columns it beat.
 *
 * Order of authority: an explicit `--map` entry (`override`, `null` = leave the field unmapped);
 * for generic populations the named key and event time (`option`); then the source profile's
 * columns for the field, best first (`profile` — an empty list in the profile means the export
 * has no such column and nothing is guessed); then a header equal to the field's name (`exact`);
 * then the kind's synonyms rank by rank (`synonym`). Headers compare normalised (case, spacing,
 * punctuation, camelCase, bracketed annotations).
 *
 * Every candidate column is checked against the field on the sampled rows before it is accepted
 * (value-checks.ts): a failing column is passed over for the next candidate and named among the
 * alternatives; when no candidate passes, the ingest stops (`TM_ERR_MAPPING_CHECK`) naming the
 * column, the check and examples. Two passing columns of equal rank stop it too
 * (`TM_ERR_AMBIGUOUS_MAPPING`). A missing required field names the headers found and the closest
 * that would pass.
 *
 * @example
 * mapColumns(kindSpec('change'), ['Number', 'Deployed On']).mapping // { change_id: 'Number', deployed_at: 'Deployed On' }
 */
import { tickmarkError } from '../../errors.js';
import { synonymRanks, type FieldSpec, type KindSpec, type SamplingUnit } from '../../population/kinds.js';
import type { FieldFormat, TypingOptions } from '../../population/types.js';
import { headerCore, normalizeHeader } from './normalize.js';
import { mapGeneric } from './map-generic.js';
import { closest } from './suggest-columns.js';
import { checkColumn, type CheckOptions, type CheckResult } from './value-checks.js';

export type MappingHow = 'profile' | 'exact' | 'synonym' | 'override' | 'option';

/** How one field was mapped, and the columns that could have filled it. */
export interface MappingDecision {
  field: string;
  header: string;
  how: MappingHow;
  alternatives: { header: string; why: string }[];
}

export interface ColumnMapping {
  /** canonical field → source header */
  mapping: Record<string, string>;
  /** The fields in effect (the kind's, with the profile's enum spellings; for `generic` those named). */
  fields: FieldSpec[];
  /** Key fields: the profile's or the kind's, those that are mapped. */
  key: string[];
  eventTime?: string;
  unit: SamplingUnit;
  /** Rows sharing the key are one item's lines by design (the profile says so). */
  lineItems: boolean;
  decisions: MappingDecision[];
  /** Mapped person fields that may hold several people → their separators. */
  multiValue: Record<string, string[]>;
}

/** What a source profile says for the kind being mapped. */
export interface ProfileMapping {
  id: string;
  fields: Record<string, readonly string[]>;
  key?: readonly string[];
  unit?: SamplingUnit;
  lineItems?: boolean;
  enums?: Record<string, Record<string, string>>;
  multiValue?: Record<string, readonly string[]>;
  formats?: Record<string, FieldFormat>;
}

export interface MappingOptions {
  /** Explicit field → header entries (null: leave the field unmapped); they override everything. */
  map?: Record<string, string | null>;
  /** For `generic`: the header(s) forming the key and the event-time header. */
  key?: string[];
  eventTime?: string;
  /** The first data rows (cells in header order), for the value checks. */
  sample?: readonly (readonly string[])[];
  /** How timestamps are read (for the date checks). */
  typing?: TypingOptions;
  profile?: ProfileMapping;
  /** Person field → separators (`--multi-value`), on top of the profile's. */
  multiValue?: Record<string, readonly string[]>;
}

function validateOverride(map: unknown, headers: readonly string[]): Record<string, string | null> {
  if (map == null) return {};
  if (typeof map !== 'object' || Array.isArray(map)) throw tickmarkError('TM_ERR_BAD_MAPPING', { message: 'the mapping must be a JSON object' });
  const out: Record<string, string | null> = {};
  for (const [field, header] of Object.entries(map)) {
    if (header === null) {
      out[field] = null;
      continue;
    }
    if (typeof header !== 'string') throw tickmarkError('TM_ERR_BAD_MAPPING', { message: `mapping for "${field}" must be a header name (string) or null` });
    if (!headers.includes(header)) {
      throw tickmarkError('TM_ERR_BAD_MAPPING', { message: `mapping "${field}" → "${header}": no such header; headers are [${headers.join(', ')}]` });
    }
    out[field] = header;
  }
  return out;
}

/** Headers a name matches: equal normalised forms, else equal once bracketed annotations are dropped. */
function headerFinder(headers: readonly string[]): (name: string) => string[] {
  const full = new Map<string, string[]>();
  const core = new Map<string, string[]>();
  for (const h of headers) {
    for (const [map, form] of [[full, normalizeHeader(h)], [core, headerCore(h)]] as const) {
      const list = map.get(form) ?? [];
      if (!list.includes(h)) list.push(h);
      map.set(form, list);
    }
  }
  return (name) => {
    const n = normalizeHeader(name);
    return full.get(n) ?? core.get(n) ?? [];
  };
}

interface FieldState {
  failures: { header: string; why: string; how: MappingHow; result: Extract<CheckResult, { ok: false }> }[];
  taken: { header: string; why: string }[];
}

const PASS_ORDER = ['profile', 'exact', 'synonym'] as const;
type Pass = (typeof PASS_ORDER)[number];

export function mapColumns(spec: KindSpec, headers: readonly string[], opts: MappingOptions = {}): ColumnMapping {
  const override = validateOverride(opts.map, headers);
  if (spec.kind === 'generic') return mapGeneric(headers, override, opts);
  const profile = opts.profile;
  const fields = spec.fields.map((f) => withProfileEnums(f, profile));
  const known = new Set(fields.map((f) => f.name));
  for (const field of Object.keys(override)) {
    if (!known.has(field)) throw tickmarkError('TM_ERR_BAD_MAPPING', { message: `"${field}" is not a field of kind ${spec.kind}; fields are ${[...known].join(', ')}` });
  }
  const find = headerFinder(headers);
  const column = columnReader(headers, opts.sample);
  const keyFields = [...(profile?.key ?? spec.key)];
  const separators = (field: string): string[] => [...new Set([...(profile?.multiValue?.[field] ?? []), ...(opts.multiValue?.[field] ?? [])])];
  const checkOptions = (f: FieldSpec): CheckOptions => {
    const format = profile?.formats?.[f.name];
    const typing = opts.typing ?? { timeZone: 'UTC' };
    return {
      ...typing,
      ...(format?.dateOrder ? { dateOrder: format.dateOrder } : {}),
      ...(format?.epoch ? { epoch: format.epoch } : {}),
      ...(keyFields.length === 1 && keyFields[0] === f.name ? { soleKey: true } : {}),
      ...(f.people && separators(f.name).length ? { separators: separators(f.name) } : {}),
    };
  };

  const decided = new Map<string, MappingDecision>();
  const used = new Map<string, { field: string; how: MappingHow }>();
  const excluded = new Set<string>();
  for (const [field, header] of Object.entries(override)) {
    if (header === null) excluded.add(field);
    else {
      decided.set(field, { field, header, how: 'override', alternatives: [] });
      used.set(header, { field, how: 'override' });
    }
  }
  const states = new Map<string, FieldState>(fields.map((f) => [f.name, { failures: [], taken: [] }]));
  const groupsOf = (f: FieldSpec, pass: Pass): string[][] => {
    const listed = profile && Object.hasOwn(profile.fields, f.name) ? profile.fields[f.name]! : undefined;
    if (pass === 'profile') return (listed ?? []).map((n) => [n]);
    if (listed && listed.length === 0) return []; // the profile says the export has no such column
    return pass === 'exact' ? [[f.name]] : synonymRanks(f);
  };
  const whyLower = (pass: Pass, name: string) => (pass === 'profile' ? `later in the profile's preference order ("${name}")` : pass === 'exact' ? 'the field\'s own name, ranked below' : `a lower-ranked synonym ("${name}")`);

  for (const pass of PASS_ORDER) {
    for (const f of fields) {
      if (decided.has(f.name) || excluded.has(f.name)) continue;
      const state = states.get(f.name)!;
      const groups = groupsOf(f, pass);
      for (let g = 0; g < groups.length && !decided.has(f.name); g++) {
        const names = groups[g]!;
        const found = [...new Set(names.flatMap(find))];
        const open: string[] = [];
        for (const h of found) {
          const owner = used.get(h);
          // A profile may name one column for two fields (an email that is also the login).
          if (owner && !(pass === 'profile' && owner.how === 'profile')) {
            if (owner.field !== f.name && !state.taken.some((t) => t.header === h)) state.taken.push({ header: h, why: `already mapped to ${owner.field}` });
            continue;
          }
          open.push(h);
        }
        const passing: string[] = [];
        for (const h of open) {
          const result = checkColumn(f, column(h), checkOptions(f));
          if (result.ok) passing.push(h);
          else if (!state.failures.some((x) => x.header === h)) state.failures.push({ header: h, why: `failed the ${result.check} check: ${result.message}`, how: pass, result });
        }
        if (passing.length > 1) {
          const inFileOrder = [...passing].sort((a, b) => headers.indexOf(a) - headers.indexOf(b));
          throw tickmarkError('TM_ERR_AMBIGUOUS_MAPPING', { kind: spec.kind, field: f.name, candidates: inFileOrder, why: `${pass === 'exact' ? 'each is the field\'s own name' : 'they are synonyms of equal rank'}, and each holds values that fit` });
        }
        if (passing.length === 1) {
          const header = passing[0]!;
          const alternatives = [...state.failures.map(({ header: h, why }) => ({ header: h, why })), ...state.taken];
          // Present candidates ranked below the chosen one, in this pass and the later ones.
          for (const later of PASS_ORDER.slice(PASS_ORDER.indexOf(pass))) {
            const rest = later === pass ? groups.slice(g + 1) : groupsOf(f, later);
            for (const group of rest) {
              for (const name of group) {
                for (const h of find(name)) {
                  if (h !== header && !alternatives.some((a) => a.header === h)) alternatives.push({ header: h, why: used.has(h) ? `already mapped to ${used.get(h)!.field}` : whyLower(later, name) });
                }
              }
            }
          }
          decided.set(f.name, { field: f.name, header, how: pass, alternatives });
          used.set(header, { field: f.name, how: pass });
        }
      }
    }
  }

  for (const f of fields) {
    if (decided.has(f.name) || excluded.has(f.name)) continue;
    const failure = states.get(f.name)!.failures[0];
    // A required or event-time date column that is the only candidate is kept: typing reads the
    // whole column and refuses it there (TM_ERR_UNTYPED_COLUMN) when most of it is not dates.
    if (failure && f.type === 'timestamp' && failure.result.check === 'dates' && (f.required || f.name === spec.eventTime)) {
      const alternatives = states.get(f.name)!.failures.slice(1).map(({ header, why }) => ({ header, why }));
      decided.set(f.name, { field: f.name, header: failure.header, how: failure.how, alternatives });
      used.set(failure.header, { field: f.name, how: failure.how });
      continue;
    }
    if (failure) {
      throw tickmarkError('TM_ERR_MAPPING_CHECK', { kind: spec.kind, field: f.name, header: failure.header, check: failure.result.check, message: failure.result.message, examples: failure.result.examples });
    }
  }
  const missing = fields.filter((f) => f.required && !decided.has(f.name));
  if (missing.length) {
    const free = headers.filter((h) => !used.has(h));
    const suggestions = missing.map((f) => `${f.name} ← ${closest(f, free, column, checkOptions(f)).map((h) => `"${h}"`).join(' or ') || 'none'}`).join('; ');
    throw tickmarkError('TM_ERR_MISSING_FIELD', { kind: spec.kind, fields: missing.map((f) => f.name), headers, suggestions, ...(profile ? { source: profile.id } : {}) });
  }

  const mapping: Record<string, string> = {};
  const decisions: MappingDecision[] = [];
  const multiValue: Record<string, string[]> = {};
  for (const f of fields) {
    const d = decided.get(f.name);
    if (!d) continue;
    mapping[f.name] = d.header;
    decisions.push(d);
    if (f.people && separators(f.name).length) multiValue[f.name] = separators(f.name);
  }
  return {
    mapping,
    fields,
    key: keyFields.filter((k) => Object.hasOwn(mapping, k)),
    ...(spec.eventTime && Object.hasOwn(mapping, spec.eventTime) ? { eventTime: spec.eventTime } : {}),
    unit: profile?.unit ?? spec.unit ?? 'item',
    lineItems: profile?.lineItems === true,
    decisions,
    multiValue,
  };
}

/** The kind's field with the profile's enum spellings added to its own. */
function withProfileEnums(f: FieldSpec, profile: ProfileMapping | undefined): FieldSpec {
  const extra = profile?.enums?.[f.name];
  if (!extra || f.type !== 'enum') return f;
  const aliases: Record<string, string> = Object.assign(Object.create(null), f.aliases ?? {});
  for (const [spelling, value] of Object.entries(extra)) {
    if (!(f.values ?? []).includes(value)) throw tickmarkError('TM_ERR_INTERNAL', { message: `profile ${profile!.id}: "${spelling}" → "${value}" is not a value of ${f.name}` });
    aliases[spelling.toLowerCase()] = value;
  }
  return { ...f, aliases };
}

/** Header → its sampled cells (blank for a short row). */
function columnReader(headers: readonly string[], sample: MappingOptions['sample']): (header: string) => string[] {
  if (!sample?.length) return () => [];
  const cache = new Map<string, string[]>();
  return (header) => {
    let cells = cache.get(header);
    if (!cells) {
      const i = headers.indexOf(header);
      cells = sample.map((row) => row[i] ?? '');
      cache.set(header, cells);
    }
    return cells;
  };
}

