/**
 * What one completeness check found, as tables a reviewer can read and drill into: the rows out of
 * the period, the gap ranges, the duplicate keys and rows, the blank values, the counts per month
 * and week (with the chart), the control totals and the tie-out's orphans. Rows a check names can
 * be opened in full (“Show the rows”) without leaving the report.
 */
import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { CheckResult, PopulationRow } from '../api/types.js';
import { BarChart } from '../components/BarChart.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Facts, TableRegion } from '../components/bits.js';
import { grouped } from '../format.js';

/** Open the source rows of these records (at most 200) in a table below. */
function ShowRows({ populationId, records, what }: { populationId: string; records: number[]; what: string }) {
  const [rows, setRows] = useState<PopulationRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!records.length) return null;
  const wanted = [...new Set(records)].slice(0, 200);
  return (
    <div class="drill">
      {rows === null ? (
        <button type="button" class="button-small" onClick={async () => {
          try {
            setRows((await api.get<{ rows: PopulationRow[] }>(`/v1/populations/${populationId}/rows?records=${wanted.join(',')}`)).rows);
          } catch (err) {
            setError(err);
          }
        }}>Show the rows ({grouped(wanted.length)}) — {what}</button>
      ) : (
        <TableRegion label={`Source rows: ${what}`}>
          <table class="raw-rows">
            <thead><tr><th scope="col">Record</th>{Object.keys(rows[0]?.values ?? {}).map((h) => <th scope="col" key={h}>{h}</th>)}</tr></thead>
            <tbody>{rows.map((r) => <tr key={r.record}><th scope="row">{r.record}</th>{Object.entries(r.values).map(([h, v]) => <td key={h}>{v ?? ''}</td>)}</tr>)}</tbody>
          </table>
        </TableRegion>
      )}
      <ErrorNotice error={error} />
    </div>
  );
}

const listed = (l: { total: number; items: unknown[] }) => (l.total > l.items.length ? ` (first ${grouped(l.items.length)} of ${grouped(l.total)} listed)` : '');

export function CheckEvidence({ check, populationId }: { check: CheckResult; populationId: string }) {
  if (!check.evidence) return <p class="muted">No evidence: {check.summary}</p>;
  switch (check.id) {
    case 'period_coverage': {
      const e = check.evidence!;
      return <Facts items={[
        ['First event in the period', e.first ? `${e.first.at} (${e.first.key ?? `record ${e.first.record}`})` : '—'],
        ['Last event in the period', e.last ? `${e.last.at} (${e.last.key ?? `record ${e.last.record}`})` : '—'],
        ['Days before the first', e.daysBeforeFirst === null ? '—' : `${e.daysBeforeFirst} (${e.businessDaysBeforeFirst} business)`],
        ['Days after the last', e.daysAfterLast === null ? '—' : `${e.daysAfterLast} (${e.businessDaysAfterLast} business)`],
        ['Earliest / latest in the file', `${e.earliest?.at ?? '—'} / ${e.latest?.at ?? '—'}`],
        ['Rows in the period', grouped(e.inPeriod)],
      ]} />;
    }
    case 'out_of_period': {
      const e = check.evidence!;
      return (
        <>
          <p>{grouped(e.before)} before, {grouped(e.after)} after, {grouped(e.blank)} blank, {grouped(e.invalid)} unreadable {e.eventField}{listed(e.rows)}.</p>
          <TableRegion label="Rows outside the period">
            <table><thead><tr><th scope="col">Record</th><th scope="col">Line</th><th scope="col">Key</th><th scope="col">Why</th><th scope="col">{e.eventField}</th></tr></thead>
              <tbody>{e.rows.items.map((r) => <tr key={r.record}><td>{r.record}</td><td>{r.line}</td><td>{r.key ?? '—'}</td><td>{r.reason}</td><td>{r.at ?? r.value ?? '(blank)'}</td></tr>)}</tbody></table>
          </TableRegion>
          <ShowRows populationId={populationId} records={e.rows.items.map((r) => r.record)} what="outside the period" />
        </>
      );
    }
    case 'empty_periods': {
      const e = check.evidence!;
      return (
        <>
          <p>Median per {e.calendar === 'business' ? 'business' : 'calendar'} day: {e.medianRate.day}. Empty: {e.empty.month} month(s), {e.empty.week} week(s), {e.empty.day} day(s); low: {e.low.month} month(s), {e.low.week} week(s), {e.low.day} day(s).</p>
          <BarChart title={`Events per month (${e.eventField})`} buckets={e.months} />
          <BarChart title={`Events per ISO week (${e.eventField})`} buckets={e.weeks} />
          {e.emptyDays.items.length ? <p>Days with no event{listed(e.emptyDays)}: {e.emptyDays.items.map((d) => d.bucket).join(', ')}.</p> : null}
          {e.lowDays.items.length ? <p>Low days{listed(e.lowDays)}: {e.lowDays.items.map((d) => `${d.bucket} (${d.count})`).join(', ')}.</p> : null}
        </>
      );
    }
    case 'sequence_gaps': {
      const e = check.evidence!;
      return (
        <>
          <p>{grouped(e.missing)} missing number(s) in {grouped(e.gaps.total)} range(s){listed(e.gaps)}; {grouped(e.repeated)} repeated; {grouped(e.nonNumeric.total)} key(s) without a number.</p>
          <TableRegion label="Sequence gaps">
            <table><thead><tr><th scope="col">Prefix</th><th scope="col">Year</th><th scope="col">Missing from</th><th scope="col">to</th><th scope="col" class="num">Count</th></tr></thead>
              <tbody>{e.gaps.items.map((g, i) => <tr key={i}><td>{g.prefix}</td><td>{g.year ?? '—'}</td><td>{g.fromKey}</td><td>{g.toKey}</td><td class="num">{grouped(g.count)}</td></tr>)}</tbody></table>
          </TableRegion>
        </>
      );
    }
    case 'duplicate_keys':
    case 'duplicate_rows': {
      const groups = check.id === 'duplicate_keys' ? check.evidence!.groups : check.evidence!.groups;
      const label = check.id === 'duplicate_keys' ? 'Key' : 'Row hash';
      return (
        <>
          <TableRegion label={check.id === 'duplicate_keys' ? 'Duplicate keys' : 'Duplicate rows'}>
            <table><thead><tr><th scope="col">{label}</th><th scope="col" class="num">Rows</th><th scope="col">Records</th></tr></thead>
              <tbody>{groups.items.map((g) => { const id = 'key' in g ? g.key : g.hash; return <tr key={id}><td><code>{id}</code></td><td class="num">{g.rows}</td><td>{g.records.join(', ')}</td></tr>; })}</tbody></table>
          </TableRegion>
          <ShowRows populationId={populationId} records={groups.items.flatMap((g) => g.records)} what={check.id === 'duplicate_keys' ? 'the duplicated keys' : 'the identical rows'} />
        </>
      );
    }
    case 'blank_required': {
      const e = check.evidence!;
      const rows = e.fields.flatMap((f) => f.rows.items.map((r) => ({ ...r, field: f.field, header: f.header, required: f.required })));
      return (
        <>
          <TableRegion label="Blank or invalid values by field">
            <table><thead><tr><th scope="col">Field</th><th scope="col">Column</th><th scope="col">Required</th><th scope="col" class="num">Blank</th><th scope="col" class="num">Invalid</th></tr></thead>
              <tbody>{e.fields.map((f) => <tr key={f.field}><td><code>{f.field}</code></td><td>{f.header ?? 'not mapped'}</td><td>{f.required ? 'yes' : 'no'}</td><td class="num">{grouped(f.blank)}</td><td class="num">{grouped(f.invalid)}</td></tr>)}</tbody></table>
          </TableRegion>
          {rows.length ? (
            <TableRegion label="Rows with blank or invalid values">
              <table><thead><tr><th scope="col">Record</th><th scope="col">Key</th><th scope="col">Field</th><th scope="col">Problem</th><th scope="col">Value</th></tr></thead>
                <tbody>{rows.map((r, i) => <tr key={i}><td>{r.record}</td><td>{r.key ?? '—'}</td><td>{r.field}</td><td>{r.problem}</td><td>{r.value ?? ''}</td></tr>)}</tbody></table>
            </TableRegion>
          ) : null}
          <ShowRows populationId={populationId} records={rows.map((r) => r.record)} what="with blank or invalid values" />
        </>
      );
    }
    case 'malformed_rows': {
      const e = check.evidence!;
      return <p>{grouped(e.rows.total)} record(s): {grouped(e.rows.accepted)} accepted, {grouped(e.rows.malformed)} malformed; {grouped(e.valueIssues)} value issue(s). The population page lists them.</p>;
    }
    case 'control_total': {
      const e = check.evidence!;
      return <Facts items={[
        ['Records counted', `${grouped(e.count.counted)} (${e.scope === 'all' ? 'all accepted rows' : 'rows in the period'})`],
        ['Expected (system owner)', e.count.expected === null ? 'not given' : grouped(e.count.expected)],
        ['Difference', e.count.difference === null ? '—' : grouped(e.count.difference)],
        ...(e.sum ? [[`Total of ${e.sum.field}`, `${e.sum.counted} counted; ${e.sum.expected ?? 'not given'} expected; difference ${e.sum.difference ?? '—'}`] as [string, string]] : []),
      ]} />;
    }
    case 'tie_out': {
      const e = check.evidence!;
      return (
        <>
          <p>{grouped(e.matchedKeys)} key(s) matched between {e.populations.ours.file} and {e.populations.theirs.file} (SHA-256 {e.populations.theirs.sha256.slice(0, 12)}…, {grouped(e.populations.theirs.rows)} rows).</p>
          <TableRegion label="Tie-out orphans">
            <table><thead><tr><th scope="col">Side</th><th scope="col">Key</th><th scope="col">Record</th><th scope="col" class="num">Rows</th></tr></thead>
              <tbody>
                {e.ours.orphans.items.map((o) => <tr key={`o${o.key}`}><td>ours only</td><td>{o.key}</td><td>{o.record}</td><td class="num">{o.rows}</td></tr>)}
                {e.theirs.orphans.items.map((o) => <tr key={`t${o.key}`}><td>theirs only</td><td>{o.key}</td><td>{o.record}</td><td class="num">{o.rows}</td></tr>)}
              </tbody></table>
          </TableRegion>
        </>
      );
    }
    case 'roll_forward': {
      const e = check.evidence!;
      return <p>{e.equation}: start {e.start.value} + adds {e.adds.value} − removes {e.removes.value} = {e.computedEnd}, against an end of {e.end.value} (difference {e.difference}).</p>;
    }
  }
}
