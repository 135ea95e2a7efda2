/**
 * The PopulationMeta of a SQL population, from the profile statements: rows (a table has no
 * malformed rows), the column profile, the value issues (the cells SQL did not type, each read
 * by tickmark's own parsers to name its issue — a cell tickmark *would* type is refused, since
 * SQL would then disagree with the embedded engine), the source's identity (a file's SHA-256, or
 * for a table the SHA-256 of its content fingerprint) and no chunks: the rows stay in the engine.
 *
 * @example
 * const meta = populationMetaOf(model, { profile, fieldProfile, otherValues, issues, fingerprint }, source)
 */
import { createHash } from 'node:crypto';
import { tickmarkError } from '../../errors.js';
import { ISSUE_SAMPLE } from '../../ingest/assemble.js';
import { BOOLEAN_EXPECTED, NUMBER_EXPECTED, parseBoolean, parseNumber } from '../../ingest/typing/scalar.js';
import { lastWasAmbiguous, TIMESTAMP_EXPECTED, timestampMs } from '../../kernels/timestamp/parse.js';
import { AMBIGUOUS_EXPECTED } from '../../ingest/typing/day-month-evidence.js';
import { fingerprintOf, type ContentFingerprint } from '../../population/content-fingerprint.js';
import type { ColumnProfile, IngestIssue, PopulationMeta, SourceFingerprint } from '../../population/types.js';
import { contentId } from '../../store/ids.js';
import { ENGINE_VERSION } from '../../version.js';
import { fieldSpec, type SqlPopulationModel } from '../compile/model.js';
import { int, text, type TypedRow } from './results.js';

export { ISSUE_SAMPLE };

export interface ProfileResults {
  profile: TypedRow;
  fieldProfile: TypedRow[];
  otherValues: TypedRow[];
  issues: TypedRow[];
  fingerprint: TypedRow;
}

/** The fingerprint from its statement's row. */
export function fingerprintFromRow(row: TypedRow): ContentFingerprint {
  return fingerprintOf(int(row.row_count), (BigInt(text(row.sum_hi) || '0') << 32n) + BigInt(text(row.sum_lo) || '0'));
}

interface Classified {
  code: IngestIssue['code'];
  expected: string;
}

/** How tickmark reads a cell SQL did not type: its issue, or a refusal when tickmark would type it. */
function classify(model: SqlPopulationModel, field: string, value: string): Classified {
  const spec = fieldSpec(model, field)!;
  const refuse = (format: string): never => {
    throw tickmarkError('TM_ERR_SQL_UNSUPPORTED', {
      what: `column ${JSON.stringify(model.mapping[field])} (${field})`,
      reason: `it holds ${JSON.stringify(value)}, which tickmark reads as ${format} but SQL does not read the same way (${spec.type === 'timestamp' ? 'timestamps are read in SQL as ISO 8601 text: YYYY-MM-DD[ HH:mm[:ss[.fff]]][Z|±hh[:mm]]' : 'numbers are read in SQL as plain decimals'})`,
    });
  };
  switch (spec.type) {
    case 'timestamp': {
      const ms = timestampMs(value, model.typing);
      if (ms === ms) return refuse('a date');
      // An ambiguous day/month value stays an issue only when no value of the column decides the order: one that does is a value tickmark types, refused above.
      return lastWasAmbiguous() ? { code: 'ambiguous_date', expected: AMBIGUOUS_EXPECTED } : { code: 'invalid_value', expected: TIMESTAMP_EXPECTED };
    }
    case 'number':
      if (!Number.isNaN(parseNumber(value))) refuse('a number');
      return { code: 'invalid_value', expected: NUMBER_EXPECTED };
    case 'boolean':
      if (!Number.isNaN(parseBoolean(value))) refuse('a boolean');
      return { code: 'invalid_value', expected: BOOLEAN_EXPECTED };
    case 'enum':
      if ((spec.values ?? []).includes(value.trim().toLowerCase())) refuse(`the value ${value.trim().toLowerCase()}`);
      return { code: 'invalid_value', expected: `one of ${(spec.values ?? []).join(', ')}` };
    default:
      return { code: 'invalid_value', expected: 'text' };
  }
}

export interface SourceIdentity {
  name: string;
  format: SourceFingerprint['format'];
  /** A file's SHA-256 and size; absent for a table. */
  sha256?: string;
  bytes?: number;
}

export function populationMetaOf(model: SqlPopulationModel, typedFieldNames: readonly string[], r: ProfileResults, source: SourceIdentity, cap: number): PopulationMeta {
  const fingerprint = fingerprintFromRow(r.fingerprint);
  const rows = int(r.profile.row_count);
  if (int(r.profile.records) !== rows || (rows > 0 && int(r.profile.record_min) < 1)) {
    throw tickmarkError('TM_ERR_SQL_UNSUPPORTED', { what: `the record column ${JSON.stringify(model.source.recordColumn)}`, reason: 'its values must be distinct positive integers, one per row' });
  }
  // Value issues: every distinct cell SQL did not type, read by tickmark.
  const classified = new Map<string, Classified>();
  const byCode: Record<string, number> = {};
  const byColumn: Record<string, number> = {};
  let total = 0;
  const seen = new Map<number, number>();
  for (const row of r.otherValues) {
    const f = int(row.field);
    seen.set(f, (seen.get(f) ?? 0) + 1);
    const field = typedFieldNames[f]!;
    if (seen.get(f)! > cap) throw tickmarkError('TM_ERR_SQL_UNSUPPORTED', { what: `column ${JSON.stringify(model.mapping[field])} (${field})`, reason: `more than ${cap} distinct values are not read by SQL; tickmark must read each to be sure SQL agrees` });
    const c = classify(model, field, text(row.value));
    classified.set(`${f}\u0000${text(row.value)}`, c);
    byCode[c.code] = (byCode[c.code] ?? 0) + int(row.row_count);
    const header = model.mapping[field]!;
    byColumn[header] = (byColumn[header] ?? 0) + int(row.row_count);
    total += int(row.row_count);
  }
  const headerIndex = (f: number) => model.headers.indexOf(model.mapping[typedFieldNames[f]!]!);
  const first: IngestIssue[] = [...r.issues]
    .sort((a, b) => int(a.record) - int(b.record) || headerIndex(int(a.field)) - headerIndex(int(b.field)))
    .slice(0, ISSUE_SAMPLE)
    .map((row) => {
      const field = typedFieldNames[int(row.field)]!;
      const raw = text(row.value);
      const c = classified.get(`${int(row.field)}\u0000${raw}`) ?? classify(model, field, raw);
      return { code: c.code as 'invalid_value', record: int(row.record), line: int(row.line), column: model.mapping[field]!, field, raw: raw.length > 200 ? raw.slice(0, 200) + '…' : raw, expected: c.expected };
    });
  const fieldRows = new Map(r.fieldProfile.map((row) => [typedFieldNames[int(row.field)]!, row]));
  const columns: ColumnProfile[] = model.headers.map((header, i) => {
    const fields = Object.entries(model.mapping).filter(([, h]) => h === header).map(([f]) => fieldSpec(model, f)!).filter(Boolean);
    const typed = fields.find((f) => f.type !== 'string');
    const type = (typed?.type ?? fields[0]?.type ?? 'string') as ColumnProfile['type'];
    const fp = typed ? fieldRows.get(typed.name) : undefined;
    const ranged = type === 'timestamp' || type === 'number';
    const min = type === 'timestamp' ? (fp?.min_ms == null ? null : new Date(int(fp.min_ms)).toISOString()) : fp?.min_num == null ? null : Number(fp.min_num);
    const max = type === 'timestamp' ? (fp?.max_ms == null ? null : new Date(int(fp.max_ms)).toISOString()) : fp?.max_num == null ? null : Number(fp.max_num);
    return {
      header,
      ...(fields[0] ? { field: fields[0].name } : {}),
      type,
      nonBlank: int(r.profile[`c${i}_non_blank`]),
      distinct: int(r.profile[`c${i}_distinct`]),
      distinctExact: true,
      invalid: fp ? int(fp.invalid) : 0,
      ...(ranged ? { min, max } : {}),
    };
  });
  const sha256 = source.sha256 ?? createHash('sha256').update(fingerprint.text).digest('hex');
  const unit = model.unit;
  const meta: PopulationMeta = {
    id: contentId('pop', { sql: true, sha256, fingerprint: fingerprint.text, kind: model.kind, mapping: model.mapping, key: model.key, unit, typing: model.typing, record: model.source.recordColumn ?? null }),
    kind: model.kind,
    source: { name: source.name, format: source.format, sha256, bytes: source.bytes ?? 0, fingerprint: fingerprint.text },
    headers: model.headers,
    mapping: model.mapping,
    key: model.key,
    ...(unit.by === 'row' ? { unit: 'row' as const } : {}),
    ...(unit.by === 'item' && unit.key.join('\u001f') !== model.key.join('\u001f') ? { unitKey: unit.key } : {}),
    ...(model.eventTime ? { eventTime: model.eventTime } : {}),
    typing: model.typing,
    rows: { total: rows, accepted: rows, malformed: 0, nonData: 0 },
    columns,
    issues: { total, byCode, byColumn, first },
    chunks: [],
    engineVersion: ENGINE_VERSION,
    createdAt: new Date().toISOString(),
  };
  return meta;
}
