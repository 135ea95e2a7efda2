/**
 * An independent re-check of a generated population against its manifest: parses the CSV with
 * csv-parse, recomputes every total, and re-derives each row's deviations with a small rule oracle
 * per kind, so a test can assert "the listed keys carry exactly that defect, and no other row
 * carries any". Returns the problems found (empty when the manifest is exact).
 */
import { parse } from 'csv-parse/sync';
import { businessDaysBetween, localDay, makeCalendar } from '../../src/period/calendar.js';
import { makePeriod } from '../../src/period/period.js';
import type { PopulationManifest } from '../../src/synthetic/manifest.js';
import { modelOf } from '../../src/synthetic/kinds/index.js';
import { zonedToUtc } from '../../src/time/zone.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface ParsedRow {
  record: number;
  raw: string[];
  get(field: string): string;
  time(field: string): number;
  key: string | null;
}

export function parsePopulation(text: string, manifest: PopulationManifest): { headers: string[]; rows: ParsedRow[] } {
  const records = parse(text, { delimiter: manifest.format.delimiter, relax_column_count: false, bom: true }) as string[][];
  const headers = records[0]!;
  const index = new Map(headers.map((h, i) => [h, i]));
  const fieldCol = new Map(Object.entries(manifest.mapping).map(([f, h]) => [f, index.get(h)!]));
  const zone = manifest.period.timeZone;
  const toMs = (s: string): number => {
    if (s === '') return Number.NaN;
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return zonedToUtc(Date.parse(`${s}T00:00:00Z`), zone);
    if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(s)) return zonedToUtc(Date.parse(`${s.replace(' ', 'T')}Z`), zone);
    const ms = Date.parse(s);
    if (Number.isNaN(ms)) throw new Error(`unparseable timestamp ${s}`);
    return ms;
  };
  const keyCols = manifest.key.headers.map((h) => index.get(h)!);
  const rows = records.slice(1).map((raw, i): ParsedRow => {
    const parts = keyCols.map((c) => raw[c]!.trim());
    return {
      record: i + 1,
      raw,
      get: (field) => (fieldCol.has(field) ? raw[fieldCol.get(field)!]!.trim() : ''),
      time: (field) => (fieldCol.has(field) ? toMs(raw[fieldCol.get(field)!]!.trim()) : Number.NaN),
      key: parts.some((p) => p === '') ? null : parts.join(manifest.key.separator),
    };
  });
  return { headers, rows };
}

const same = (a: string, b: string) => a !== '' && a.toLowerCase() === b.toLowerCase();

/** The deviations (and passing variants) a row exhibits, re-derived from its cells. */
export function rowDeviations(row: ParsedRow, manifest: PopulationManifest): string[] {
  const p = manifest.parameters as Record<string, any>;
  const cal = makeCalendar({ timeZone: manifest.period.timeZone });
  const out: string[] = [];
  const add = (name: string, cond: boolean) => cond && out.push(name);
  switch (manifest.kind) {
    case 'change': {
      const deployed = row.time('deployed_at');
      const approved = row.time('approved_at');
      const tested = row.time('tested_at');
      add('missingApproval', row.get('approver') === '' || row.get('approved_at') === '');
      add('approvalAfterDeploy', approved > deployed);
      add('selfApproval', same(row.get('approver'), row.get('requester')));
      add('approverIsImplementer', same(row.get('approver'), row.get('implementer')));
      add('requesterIsImplementer (never injected)', same(row.get('requester'), row.get('implementer')));
      add('missingTestEvidence', row.get('test_evidence') === '' || row.get('tested_at') === '');
      add('testedAfterDeploy', tested > deployed);
      const pir = row.time('pir_at');
      add('emergencyWithoutPir', row.get('type').toLowerCase() === 'emergency' && !(pir - deployed <= p.pirWithinDays * DAY));
      break;
    }
    case 'access_grant': {
      const granted = row.time('granted_at');
      const approved = row.time('approved_at');
      add('grantBeforeApproval', approved > granted);
      add('selfApproval', same(row.get('approver'), row.get('user_id')));
      add('missingApproval', row.get('approver') === '' || row.get('approved_at') === '');
      add('missingRequest', row.get('request_id') === '');
      add('lateGrant', approved <= granted && businessDaysBetween(cal, approved, granted) > p.grantWithinBusinessDays);
      break;
    }
    case 'termination': {
      const terminated = row.time('termination_date');
      const disabled = row.time('disabled_at');
      add('notDisabled', row.get('disabled_at') === '');
      add('lateDisable', !Number.isNaN(terminated) && !Number.isNaN(disabled) && businessDaysBetween(cal, terminated, disabled) > p.disableWithinBusinessDays);
      const login = row.time('last_login');
      add('loginAfterTermination', !Number.isNaN(terminated) && !Number.isNaN(login) && localDay(cal, login) > localDay(cal, terminated));
      break;
    }
    case 'access_review': {
      const completed = row.time('completed_at');
      const revoked = row.time('revoked_at');
      add('selfReview', same(row.get('reviewer'), row.get('reviewed_user')));
      add('lateReview', completed - row.time('period_end') > p.reviewDueDays * DAY);
      add('lateRevocation', Number(row.get('revocations')) > 0 && !(businessDaysBetween(cal, completed, revoked) <= p.revokeWithinBusinessDays));
      break;
    }
    case 'ticket': {
      const sla = p.sla[row.get('severity')];
      if (!sla) break; // blank severity: a blank-required row
      const opened = row.time('opened_at');
      add('slaBreach', row.time('resolved_at') - opened > sla.resolveHours * HOUR);
      add('ackBreach', row.time('acknowledged_at') - opened > sla.ackHours * HOUR);
      add('missingPostmortem', p.postmortemFor.includes(row.get('severity')) && row.get('postmortem_ref') === '');
      break;
    }
    case 'vulnerability': {
      const days = p.slaDays[row.get('severity')];
      if (days === undefined) break; // blank severity: a blank-required row
      const late = row.time('remediated_at') - row.time('discovered_at') > days * DAY;
      add('slaBreach', late && row.get('exception_ref') === '');
      add('lateWithException', late && row.get('exception_ref') !== '');
      break;
    }
    case 'generic':
      break;
  }
  return out;
}

/** Every way the file disagrees with its manifest. */
export function verifyManifest(text: string, manifest: PopulationManifest): string[] {
  const problems: string[] = [];
  const check = (cond: boolean, message: string) => cond || problems.push(message);
  const { headers, rows } = parsePopulation(text, manifest);
  const model = modelOf(manifest.kind);
  const t = manifest.totals;
  const period = makePeriod(manifest.period.start, manifest.period.end, manifest.period.timeZone);
  const cal = makeCalendar({ timeZone: manifest.period.timeZone });
  const eventField = manifest.eventTime.field;

  check(JSON.stringify(headers) === JSON.stringify(manifest.headers), `headers ${headers} ≠ ${manifest.headers}`);
  check(rows.length === t.dataRows, `data rows ${rows.length} ≠ ${t.dataRows}`);
  const lines = (text.match(/\n/g) ?? []).length;
  check(lines === t.physicalLines, `line terminators ${lines} ≠ ${t.physicalLines}`);
  check(rows.filter((r) => r.raw.some((c) => c.includes('\n'))).length === t.recordsWithNewlines, 'recordsWithNewlines');

  // Out of period, in period, blank event time.
  const before = new Set(manifest.defects.outOfPeriod.before);
  const after = new Set(manifest.defects.outOfPeriod.after);
  let inPeriod = 0;
  let blankEvent = 0;
  const eventDays = new Set<number>();
  for (const r of rows) {
    const at = r.time(eventField);
    if (Number.isNaN(at)) {
      blankEvent++;
      continue;
    }
    if (at < period.startMs) check(r.key !== null && before.has(r.key), `row ${r.record} (${r.key}) is before the period but not listed`);
    else if (at >= period.endExclusiveMs) check(r.key !== null && after.has(r.key), `row ${r.record} (${r.key}) is after the period but not listed`);
    else {
      inPeriod++;
      eventDays.add(localDay(cal, at));
      check(r.key === null || (!before.has(r.key) && !after.has(r.key)), `row ${r.record} (${r.key}) is in the period but listed as out of it`);
    }
  }
  check(inPeriod === t.inPeriodRows, `in-period rows ${inPeriod} ≠ ${t.inPeriodRows}`);
  check(blankEvent === t.blankEventTimeRows, `blank event rows ${blankEvent} ≠ ${t.blankEventTimeRows}`);
  check(before.size + after.size === t.outOfPeriodRows, 'outOfPeriodRows');

  // Empty ranges: no event inside; with full coverage, every other day has one.
  const first = localDay(cal, period.startMs);
  const last = localDay(cal, period.endExclusiveMs - 1);
  const emptyDays = new Set<number>();
  for (const range of manifest.defects.emptyRanges) {
    const from = Date.parse(`${range.from}T00:00:00Z`) / DAY;
    const to = Date.parse(`${range.to}T00:00:00Z`) / DAY;
    check(to - from + 1 === range.days, `range ${range.from}..${range.to} days`);
    for (let d = from; d <= to; d++) {
      emptyDays.add(d);
      check(!eventDays.has(d), `empty range ${range.from}..${range.to} has an event on day ${d}`);
    }
    if (manifest.coverage.everyDayCovered) check(eventDays.has(from - 1) && eventDays.has(to + 1), `empty range ${range.from}..${range.to} is not bounded by days with events`);
  }
  if (manifest.coverage.everyDayCovered) {
    for (let d = first; d <= last; d++) if (!emptyDays.has(d)) check(eventDays.has(d), `day ${d} has no event but is not listed empty`);
  }

  // Keys: blanks, duplicates, distinct count.
  const byKey = new Map<string, ParsedRow[]>();
  let blankKeys = 0;
  for (const r of rows) {
    if (r.key === null) blankKeys++;
    else byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  }
  check(blankKeys === t.blankKeyRows, `blank key rows ${blankKeys} ≠ ${t.blankKeyRows}`);
  check(byKey.size === t.distinctKeys, `distinct keys ${byKey.size} ≠ ${t.distinctKeys}`);
  const dupRows = new Set(manifest.defects.duplicateRows);
  const dupKeys = new Set(manifest.defects.duplicateKeys);
  for (const [key, group] of byKey) {
    if (group.length === 1) {
      check(!dupRows.has(key) && !dupKeys.has(key), `${key} listed as duplicate but appears once`);
      continue;
    }
    check(group.length === 2, `${key} appears ${group.length} times`);
    const identical = group[0]!.raw.join('\u0000') === group[1]!.raw.join('\u0000');
    if (identical) check(dupRows.has(key), `${key}: identical rows not listed as duplicateRows`);
    else check(dupKeys.has(key), `${key}: same key, different rows, not listed as duplicateKeys`);
  }
  check(manifest.defects.duplicateRows.length === dupRows.size && manifest.defects.duplicateKeys.length === dupKeys.size, 'duplicate lists repeat a key');

  // Blank required cells: exactly the listed ones.
  const blanks = new Map(manifest.defects.blankRequired.map((b) => [b.record, b]));
  for (const r of rows) {
    const empty = model.required.filter((f) => r.get(f) === '');
    const listed = blanks.get(r.record);
    if (listed) {
      check(empty.length === 1 && empty[0] === listed.field, `record ${r.record}: blank ${empty} ≠ listed ${listed.field}`);
      check(listed.key === r.key, `record ${r.record}: listed key ${listed.key} ≠ ${r.key}`);
      check(headers.indexOf(listed.header) === headers.indexOf(manifest.mapping[listed.field]!), `record ${r.record}: header`);
    } else check(empty.length === 0, `record ${r.record} (${r.key}) has blank required ${empty} but is not listed`);
  }

  // Sequence gaps: the missing numbers between the smallest and largest key number.
  if (manifest.sequence) {
    const { prefix } = manifest.sequence;
    const numbers = [...byKey.keys()].map((k) => Number(k.slice(prefix.length))).sort((a, b) => a - b);
    const gaps: string[] = [];
    for (let i = 1; i < numbers.length; i++) if (numbers[i]! - numbers[i - 1]! > 1) gaps.push(`${numbers[i - 1]! + 1}-${numbers[i]! - 1}`);
    const listed = manifest.defects.sequenceGaps.map((g) => `${g.from}-${g.to}`);
    check(JSON.stringify(gaps) === JSON.stringify(listed), `gaps found ${gaps} ≠ listed ${listed}`);
    for (const g of manifest.defects.sequenceGaps) {
      check(byKey.has(g.before) && byKey.has(g.after) && g.missing === g.to - g.from + 1, `gap ${g.from}-${g.to} neighbours`);
      for (const k of [g.before, g.after]) {
        const at = byKey.get(k)?.[0]?.time(eventField) ?? Number.NaN;
        check(at >= period.startMs && at < period.endExclusiveMs, `gap neighbour ${k} is not in the period`);
      }
    }
    check(numbers[0] === manifest.sequence.first && numbers[numbers.length - 1] === manifest.sequence.last, 'sequence first/last');
  }

  // Deviations: exactly the listed keys carry exactly their one deviation; no other row carries any.
  const expected = new Map<string, string>();
  for (const [name, keys] of [...Object.entries(manifest.defects.deviations), ...Object.entries(manifest.passing)]) {
    for (const k of keys!) {
      check(!expected.has(k), `${k} listed twice`);
      expected.set(k, name);
    }
  }
  let seen = 0;
  for (const r of rows) {
    const found = rowDeviations(r, manifest);
    const want = r.key !== null ? expected.get(r.key) : undefined;
    if (want !== undefined) {
      seen++;
      check(found.length === 1 && found[0] === want, `${r.key}: listed ${want}, found [${found}]`);
    } else check(found.length === 0, `${r.key ?? `record ${r.record}`}: not listed, found [${found}]`);
  }
  check(seen === expected.size, `listed deviation rows found ${seen} ≠ ${expected.size}`);

  // Control total of the amount column (generic kind).
  if (manifest.controlTotals) {
    const col = headers.indexOf(manifest.controlTotals.amount.header);
    let cents = 0;
    for (const r of rows) if (r.raw[col] !== '') cents += Math.round(Number(r.raw[col]) * 100);
    const sum = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    check(sum === manifest.controlTotals.amount.sum, `amount total ${sum} ≠ ${manifest.controlTotals.amount.sum}`);
  }

  // Clean rows: not mentioned anywhere.
  const mentioned = new Set([...before, ...after, ...dupRows, ...dupKeys, ...expected.keys()]);
  let clean = 0;
  for (const r of rows) if (r.key !== null && !mentioned.has(r.key) && !blanks.has(r.record)) clean++;
  check(clean === t.cleanRows, `clean rows ${clean} ≠ ${t.cleanRows}`);
  check(t.cleanRows + t.listedRows === t.dataRows, 'clean + listed = data rows');
  return problems;
}
