/**
 * Sheet 3, "Completeness": every completeness & accuracy check with its status, summary and
 * parameters, then each check's evidence — first and last events, out-of-period rows, the counts
 * per month and per ISO week (with data bars), sequence gap ranges, duplicates, blank values,
 * malformed rows, control total, tie-out and roll-forward. Listings are capped by the report;
 * each says how many there are in all.
 */
import { checkTitles } from '../../../completeness/titles.js';
import type { BucketRow, CheckResult, EventRef, Listing } from '../../../completeness/types.js';
import type { IngestIssue } from '../../../population/types.js';
import { completenessStatusOf, type ShownStatus } from '../completeness-status.js';
import { areaRef, inputCell, SheetBuilder, styled, type Cell, type Row } from '../content.js';
import { calendarDate, wallDate } from '../dates.js';
import type { WorkbookSheet } from './sheet.js';
import { grouped } from '../../../text/grouped.js';

const COUNT_COLUMN = 6;
const WIDTHS = [26, 24, 20, 40, 32, 12, 16, 10];

function listed<T>(b: SheetBuilder, heading: string, listing: Listing<T>, headers: string[], row: (item: T) => Row): void {
  b.add(styled(`${heading}: ${grouped(listing.total)}${listing.items.length < listing.total ? ` (the first ${listing.items.length} listed)` : ''}`, 'bold'));
  if (listing.items.length) b.table(headers, listing.items.map(row));
}

function eventRow(label: string, e: EventRef | null, zone: string): Row {
  return e ? [label, wallDate(e.ms, zone), e.key, e.record, e.line] : [label, styled('(none)', 'note')];
}

function bucketRows(rows: readonly BucketRow[]): Row[] {
  return rows.map((r) => [r.bucket, styled(calendarDate(r.start), 'date'), styled(calendarDate(r.end), 'date'), r.days, r.businessDays, styled(r.count, 'integer'), r.expected, r.low ? styled('low', 'warn') : null]);
}

function bucketTable(b: SheetBuilder, heading: string, rows: readonly BucketRow[]): void {
  b.add(styled(heading, 'bold'));
  const area = b.table(['Bucket', 'From', 'To', 'Days', 'Business days', 'Events', 'Expected (median rate × span)', 'Low'], bucketRows(rows));
  if (rows.length) b.dataBar(areaRef(area, COUNT_COLUMN));
}

function issueRow(i: IngestIssue): Row {
  return i.code === 'malformed_row' ? [i.record, i.line, null, i.code, i.raw, i.expected] : [i.record, i.line, i.column, i.code, i.raw, i.expected];
}

function evidence(b: SheetBuilder, check: CheckResult, zone: string): void {
  if (!check.evidence) return;
  switch (check.id) {
    case 'period_coverage': {
      const e = check.evidence;
      b.table(['Event', `${e.eventField} (${zone})`, 'Key', 'Record', 'Line'], [
        eventRow('First in the period', e.first, zone), eventRow('Last in the period', e.last, zone),
        eventRow('Earliest in the file', e.earliest, zone), eventRow('Latest in the file', e.latest, zone),
      ]);
      b.pair('Events in the period', styled(e.inPeriod, 'integer'));
      b.pair('Days from the period start to the first event', e.daysBeforeFirst, e.businessDaysBeforeFirst === null ? null : `${e.businessDaysBeforeFirst} business days`);
      b.pair('Days from the last event to the period end', e.daysAfterLast, e.businessDaysAfterLast === null ? null : `${e.businessDaysAfterLast} business days`);
      return;
    }
    case 'out_of_period': {
      const e = check.evidence;
      b.pair('Before the period', styled(e.before, 'integer'));
      b.pair('After the period', styled(e.after, 'integer'));
      b.pair(`Blank ${e.eventField}`, styled(e.blank, 'integer'));
      b.pair(`Unreadable ${e.eventField}`, styled(e.invalid, 'integer'));
      listed(b, 'Rows outside the period', e.rows, ['Record', 'Line', 'Key', 'Reason', 'Value in the file', `Instant (${zone})`], (r) => [r.record, r.line, r.key, r.reason, r.value, r.at]);
      return;
    }
    case 'empty_periods': {
      const e = check.evidence;
      b.pair('Calendar', e.calendar === 'business' ? 'business days (weekends and holidays excluded)' : 'every day');
      b.pair('Median events per day (by day, week, month)', e.medianRate.day, e.medianRate.week, e.medianRate.month);
      b.pair('Low buckets (days, weeks, months)', e.low.day, e.low.week, e.low.month);
      b.pair('Empty buckets (days, weeks, months)', e.empty.day, e.empty.week, e.empty.month);
      bucketTable(b, 'Events per month', e.months);
      bucketTable(b, 'Events per ISO week', e.weeks);
      listed(b, 'Low days', e.lowDays, ['Day', 'From', 'To', 'Days', 'Business days', 'Events', 'Expected', 'Low'], (r) => bucketRows([r])[0]!);
      listed(b, `Empty ${e.calendar === 'business' ? 'business ' : ''}days`, e.emptyDays, ['Day', 'From', 'To', 'Days', 'Business days', 'Events', 'Expected', 'Low'], (r) => bucketRows([r])[0]!);
      return;
    }
    case 'sequence_gaps': {
      const e = check.evidence;
      b.pair('Key field', e.field);
      b.pair('Numbering restarts', e.restart);
      b.pair('Numbers missing', styled(e.missing, 'integer'));
      b.pair('Numbers repeated', styled(e.repeated, 'integer'));
      listed(b, 'Gap ranges', e.gaps, ['Prefix', 'Year', 'First missing', 'Last missing', 'Count'], (g) => [g.prefix, g.year, g.fromKey, g.toKey, styled(g.count, 'integer')]);
      listed(b, 'Sequences', e.groups, ['Prefix', 'Year', 'First', 'Last', 'Distinct', 'Repeated', 'Missing', 'Gap ranges'], (g) => [g.prefix, g.year, g.first, g.last, g.distinct, g.repeated, g.missing, g.gapRanges]);
      listed(b, 'Keys without a number', e.nonNumeric, ['Record', 'Line', 'Key'], (r) => [r.record, r.line, r.key]);
      return;
    }
    case 'duplicate_keys': {
      const e = check.evidence;
      b.pair('Key fields', e.keyFields.join(', '));
      b.pair('Rows involved', styled(e.rowsInvolved, 'integer'));
      b.pair('Extra rows', styled(e.extraRows, 'integer'));
      listed(b, 'Duplicated keys', e.groups, ['Key', 'Rows', 'Records'], (g) => [g.key, g.rows, g.records.join(', ')]);
      return;
    }
    case 'duplicate_rows': {
      const e = check.evidence;
      b.pair('Compared', e.method);
      b.pair('Rows involved', styled(e.rowsInvolved, 'integer'));
      listed(b, 'Sets of identical rows', e.groups, ['Row hash', 'Rows', 'Records'], (g) => [g.hash, g.rows, g.records.join(', ')]);
      return;
    }
    case 'blank_required': {
      const e = check.evidence;
      b.table(['Field', 'Source header', 'Type', 'Required', 'Mapped', 'Blank', 'Invalid'], e.fields.map((f) => [f.field, f.header, f.type, f.required ? 'yes' : 'no', f.mapped ? 'yes' : 'no', styled(f.blank, 'integer'), styled(f.invalid, 'integer')]));
      for (const f of e.fields) {
        if (f.rows.total === 0) continue;
        listed(b, `${f.field}: blank or invalid rows`, f.rows, ['Record', 'Line', 'Key', 'Problem', 'Value'], (r) => [r.record, r.line, r.key, r.problem, r.value]);
      }
      return;
    }
    case 'malformed_rows': {
      const e = check.evidence;
      b.pair('Records', styled(e.rows.total, 'integer'), `${e.rows.accepted} read, ${e.rows.malformed} malformed`);
      b.pair('Value issues', styled(e.valueIssues, 'integer'), Object.entries(e.byCode).map(([k, v]) => `${k}: ${v}`).join('; '));
      listed(b, 'Issues', e.first, ['Record', 'Line', 'Column', 'Issue', 'Raw', 'Expected'], issueRow);
      return;
    }
    case 'control_total': {
      const e = check.evidence;
      b.table(['Figure', 'Counted', 'Expected (system owner)', 'Difference'], [
        ['Record count', e.count.counted, e.count.expected, e.count.difference],
        ...(e.sum ? [[`Sum of ${e.sum.field} ("${e.sum.header}")`, e.sum.counted, e.sum.expected, e.sum.difference] as Row] : []),
      ]);
      b.pair('Scope', e.scope === 'all' ? 'every record' : 'records in the period');
      if (e.sum) listed(b, 'Unreadable amounts', e.sum.invalidRows, ['Record', 'Line', 'Key', 'Value'], (r) => [r.record, r.line, r.key, r.value]);
      return;
    }
    case 'tie_out': {
      const e = check.evidence;
      b.pair('Keys matched', styled(e.matchedKeys, 'integer'));
      for (const [side, s, who] of [['This population', e.ours, e.populations.ours], ['Other population', e.theirs, e.populations.theirs]] as const) {
        b.pair(side, styled(`${who.file} (${who.kind}, population ${who.id}), key field ${s.field}: ${s.rows} rows, ${s.keys} keys, ${s.blank} blank, ${s.orphanRows} orphan rows`, 'wrap'));
        b.pair(`${side}: SHA-256`, styled(who.sha256, 'mono'));
        b.pair(`${side}: rows in the file`, styled(who.rows, 'integer'));
        listed(b, `${side}: keys missing from the other`, s.orphans, ['Key', 'First record', 'Rows'], (o) => [o.key, o.record, o.rows]);
      }
      return;
    }
    case 'roll_forward': {
      const e = check.evidence;
      b.pair('Equation', e.equation);
      b.table(['Term', 'Value', 'Source'], [
        ['Start', e.start.value, e.start.source], ['Adds', e.adds.value, e.adds.source], ['Removes', e.removes.value, e.removes.source],
        ['End', e.end.value, e.end.source], ['Computed end', e.computedEnd, 'computed'], ['Difference (computed − end)', e.difference, 'computed'],
      ]);
      b.pair('Rows without an added time', e.undated);
      b.pair('Rows removed before they were added', e.removedBeforeAdded);
      return;
    }
  }
}

function parametersCell(params: Record<string, unknown>): Cell {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null);
  if (!entries.length) return null;
  return styled(entries.map(([k, v]) => `${k} = ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('; '), 'wrap');
}

function statusCellOf(status: ShownStatus): Cell {
  return status === 'not run' ? styled('not run', 'note') : styled(status, status);
}

export const completenessSheet: WorkbookSheet = {
  name: 'Completeness',
  build(model) {
    const b = new SheetBuilder('Completeness', 'visible', WIDTHS.reduce((a, w) => a + w, 0));
    const report = model.input.completeness;
    b.title(`Completeness & accuracy — ${model.input.population.source.name}`);
    const headers = ['Check', 'Title', 'Status', 'Summary', 'Disposition (engagement team)'];
    if (!report) {
      b.subtitle('Not run: no completeness report was given for this workbook.');
      const area = b.table(headers, []);
      b.mainTable(area);
      const content = b.done();
      content.widths = WIDTHS;
      return content;
    }
    const dispositions = new Map(model.entries.completeness.map((d) => [d.check, d.disposition]));
    const shown = report.checks.map(completenessStatusOf);
    const ran = shown.filter((s) => s !== 'not run');
    const overall = ran.includes('fail') ? 'fail' : ran.includes('warn') ? 'warn' : ran.length ? 'pass' : 'not run';
    b.note(`Period ${report.period.start} to ${report.period.end} (${report.period.timeZone}); overall status ${overall} (${shown.length - ran.length} of ${shown.length} checks did not run — a check that did not run proves nothing). Yellow: the engagement team's disposition of each warn or fail.`);
    const area = b.table(headers, report.checks.map((c, i) => [
      c.id, styled(checkTitles[c.id].title, 'wrap'), statusCellOf(shown[i]!), styled(c.summary, 'wrap'),
      inputCell({ kind: 'completeness', check: c.id }, dispositions.get(c.id) ?? null, 'inputWrap'),
    ]));
    b.leadingTable(area);
    for (const [i, check] of report.checks.entries()) {
      if (!check.evidence) continue;
      b.section(`${checkTitles[check.id].title} (${check.id}) — ${shown[i]}`);
      b.note(checkTitles[check.id].description);
      const params = parametersCell(check.parameters);
      if (params !== null) b.pair('Parameters', params);
      evidence(b, check, model.zone);
    }
    b.note(model.zoneNote);
    const content = b.done();
    content.widths = WIDTHS;
    return content;
  },
};
