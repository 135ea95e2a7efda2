/**
 * Sheet 2, "Population": the IPE evidence — the source file's fingerprint (name, SHA-256, bytes,
 * rows), the extraction as the preparer described it (system, query, who, when: blank yellow
 * cells when not given), how the file was read (kind, zone, date order, key, event time), the
 * column mapping, the column profile and the first ingest issues.
 */
import { kindSpec } from '../../../population/kinds.js';
import type { IngestIssue } from '../../../population/types.js';
import { count } from '../cells.js';
import { inputCell, SheetBuilder, styled, type Cell, type Row } from '../content.js';
import type { OtherField } from '../entry-fields.js';
import { isoWallDate } from '../dates.js';
import type { WorkbookSheet } from './sheet.js';

const ISSUES_SHOWN = 100;

function given(value: string | undefined, field: OtherField): Cell {
  return value === undefined || value === '' ? inputCell({ kind: 'other', field }, null, 'inputWrap') : styled(value, 'wrap');
}

function profileBound(value: number | string | null | undefined, type: string, zone: string): Cell {
  if (value === null || value === undefined) return null;
  if (type === 'timestamp') return isoWallDate(value, zone) ?? String(value);
  return value;
}

function issueRow(issue: IngestIssue): Row {
  if (issue.code === 'malformed_row') return [issue.record, issue.line, null, null, issue.code, issue.raw, issue.expected];
  return [issue.record, issue.line, issue.column, issue.field, issue.code, issue.raw, issue.expected];
}

/** How a mapping was decided, in words. */
const HOW_WORDS: Record<string, string> = {
  profile: 'source profile', exact: 'the field\'s own name', synonym: 'a synonym of the field', override: 'the mapping given (--map)', option: 'named as an option (key or event time)',
};

/** SQL as lines for cells (a cell holds at most 32,767 characters; a line longer than that is cut in pieces). */
function sqlLines(sql: string): string[] {
  return sql.split('\n').flatMap((line) => (line.length <= 8000 ? [line] : line.match(/[\s\S]{1,8000}/g) ?? []));
}

export const populationSheet: WorkbookSheet = {
  name: 'Population',
  build(model) {
    const meta = model.input.population;
    const spec = kindSpec(meta.kind);
    const extraction = model.input.extraction ?? {};
    const b = new SheetBuilder('Population', 'visible', 150);
    b.title(`Population — ${meta.source.name}`);
    b.subtitle('The file the sample was drawn from, and how it was read. Yellow cells are for the preparer to complete.');
    b.freezeAt(2);

    b.section('Source file (fingerprint)');
    b.pair('File name', meta.source.name);
    b.pair('Format', meta.source.sheet ? `${meta.source.format} (sheet "${meta.source.sheet}")` : meta.source.format);
    b.pair('SHA-256', styled(meta.source.sha256, 'mono'));
    b.pair('Bytes', styled(meta.source.bytes, 'integer'));
    if (meta.source.encoding) b.pair('Encoding', meta.source.encoding);
    if (meta.source.delimiter) b.pair('Delimiter', meta.source.delimiter === '\t' ? 'tab' : meta.source.delimiter);
    b.pair('Records (rows after the header)', styled(meta.rows.total - (meta.rows.nonData ?? 0), 'integer'));
    b.pair('Records read', styled(meta.rows.accepted, 'integer'));
    b.pair('Malformed records', styled(meta.rows.malformed, 'integer'));
    if (meta.rows.nonData) b.pair('Rows that are not data', styled(meta.rows.nonData, 'integer'), Object.entries(meta.nonData?.byReason ?? {}).map(([r, n]) => `${r}: ${n}`).join('; '));
    b.pair('Population id', meta.id);
    b.note('Recompute the fingerprint: sha256sum FILE (Linux/macOS) or certutil -hashfile FILE SHA256 (Windows).');

    b.section('Extraction (as stated by the preparer)');
    b.pair('System', given(extraction.system, 'system'));
    b.pair('Query, report or parameters', given(extraction.query, 'query'));
    b.pair('Extracted by', given(extraction.extractedBy, 'extractedBy'));
    const at = extraction.extractedAt;
    b.pair('Extracted at', at ? (isoWallDate(at, model.zone) ?? (/^\d{4}-\d{2}-\d{2}$/.test(at) ? styled(new Date(`${at}T00:00:00Z`), 'date') : at)) : inputCell({ kind: 'other', field: 'extractedAt' }, null, 'inputDate'));

    if (extraction.sql) {
      b.section('Extraction in place (SQL): the recipe that ran');
      b.pair('Engine', extraction.engine ?? null);
      b.pair('Dialect', extraction.dialect ?? null);
      if (meta.source.fingerprint) b.pair('Content fingerprint', styled(meta.source.fingerprint, 'mono'));
      b.note('Every statement that ran, in order, line by line (run them again on the same table to re-perform the extraction):');
      for (const line of sqlLines(extraction.sql)) b.add(styled(line, 'mono'));
    }

    b.section('Reading the file');
    if (meta.profile) b.pair('Source profile', `${meta.profile.name} (${meta.profile.id})`, `${meta.profile.forced ? 'named with --source' : 'detected from the header'}: ${meta.profile.reason}`);
    else b.pair('Source profile', 'none: the kind\'s own header names and synonyms mapped the columns');
    b.pair('Population kind', `${meta.kind} — ${spec.description}`);
    b.pair('Zone of timestamps written without one', meta.typing.timeZone);
    b.pair('Date order of slash dates', meta.typing.dateOrder ?? 'not set (ambiguous slash dates are reported as issues)');
    b.pair('Business key', meta.key.length ? meta.key.map((f) => `${f} ← "${meta.mapping[f] ?? f}"`).join(', ') : 'none: each row is keyed by a hash of its content');
    b.pair('Event time', meta.eventTime ? `${meta.eventTime} ← "${meta.mapping[meta.eventTime] ?? meta.eventTime}"` : 'none');
    b.pair('Value issues found while reading', styled(meta.issues.total, 'integer'), Object.entries(meta.issues.byCode).map(([code, n]) => `${code}: ${n}`).join('; '));

    b.section('Column mapping (canonical field ← source header, and how it was decided)');
    const decided = new Map((meta.mappingDecisions ?? []).map((d) => [d.field, d]));
    const how = (field: string): [string | null, string | null] => {
      const d = decided.get(field);
      if (!d) return [null, null];
      return [HOW_WORDS[d.how] ?? d.how, d.alternatives.map((a) => `"${a.header}": ${a.why}`).join('; ') || null];
    };
    const mappingRows: Row[] = spec.fields.map((f) => [
      f.name, meta.mapping[f.name] ?? styled('(not mapped)', 'note'), f.type, f.required ? 'yes' : 'no',
      [meta.key.includes(f.name) ? 'key' : '', meta.eventTime === f.name ? 'event time' : ''].filter(Boolean).join(', '),
      ...how(f.name),
    ]);
    for (const [field, header] of Object.entries(meta.mapping)) {
      if (!spec.fields.some((f) => f.name === field)) mappingRows.push([field, header, 'string', 'no', meta.key.includes(field) ? 'key' : '', ...how(field)]);
    }
    b.table(['Field', 'Source header', 'Type', 'Required', 'Role', 'Decided by', 'Columns it was chosen over'], mappingRows);

    b.section('Column profile');
    const profile = b.table(
      ['Source header', 'Field', 'Type', 'Non-blank', 'Distinct', 'Distinct exact', 'Invalid', 'Minimum', 'Maximum'],
      meta.columns.map((c) => [
        c.header, c.field ?? null, c.type, styled(c.nonBlank, 'integer'), styled(c.distinct, 'integer'), c.distinctExact ? 'yes' : 'estimate',
        styled(c.invalid, 'integer'), profileBound(c.min, c.type, model.zone), profileBound(c.max, c.type, model.zone),
      ]),
    );
    b.filter(profile);

    b.section(`Ingest issues (first ${Math.min(ISSUES_SHOWN, meta.issues.first.length)} of ${count(meta.issues.total, 'issue')})`);
    const issues = b.table(['Record', 'Line', 'Column', 'Field', 'Issue', 'Raw value', 'Expected'], meta.issues.first.slice(0, ISSUES_SHOWN).map(issueRow));
    b.emptyNote(issues);
    b.note(model.zoneNote);
    const content = b.done();
    content.widths = [40, 24, 12, 12, 12, 14, 10, 20, 20];
    return content;
  },
};
