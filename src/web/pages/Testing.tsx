/**
 * Testing a sample in the browser: the test matrix (automated results with the rule's reason,
 * manual attributes ticked from the keyboard), one item in full below it, the workpaper fields and
 * sign-offs, dispositions of completeness checks, and the evaluation — which the service gives
 * again with every saved version (the results API: versioned, append-only, the same as a filled
 * workbook coming back).
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { ControlEvaluation, ResultsVersion, SampleView, TeamEntries, TestRunView } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading, Status, TableRegion } from '../components/bits.js';
import { SelectField, TextArea, TextField } from '../components/fields.js';
import { when } from '../format.js';
import { emptyEntries, setDisposition, setMark, setWorkpaper } from '../model/entries.js';
import { useResultsSaver } from '../state/results-saver.js';
import { href } from '../state/router.js';
import { useResource } from '../state/resource.js';
import { Conclusion, EvaluationTables } from './Evaluation.js';
import { ItemPanel } from './ItemPanel.js';
import { matrixRows } from '../model/matrix.js';
import { TestMatrix } from './TestMatrix.js';

interface Loaded {
  run: TestRunView;
  sample: SampleView;
  versions: Omit<ResultsVersion, 'entries' | 'evaluation'>[];
  latest: ResultsVersion | null;
}

async function load(runId: string): Promise<Loaded> {
  const { testRun: run } = await api.get<{ testRun: TestRunView }>(`/v1/test-runs/${runId}`);
  if (!run.sampleId) throw new Error('a 100% test has no sampled items to mark');
  const [{ sample }, results] = await Promise.all([
    api.get<{ sample: SampleView }>(`/v1/samples/${run.sampleId}`),
    api.get<{ versions: Loaded['versions']; latest: ResultsVersion | null }>(`/v1/test-runs/${runId}/results`),
  ]);
  return { run, sample, versions: results.versions, latest: results.latest };
}

function SignOffs({ entries, onChange }: { entries: TeamEntries; onChange(next: TeamEntries): void }) {
  const [w, setW] = useState(entries.workpaper);
  const text = (k: keyof typeof w) => (typeof w[k] === 'string' ? (w[k] as string) : '');
  const field = (k: keyof typeof w) => (v: string) => setW({ ...w, [k]: v });
  return (
    <form class="card" aria-labelledby="signoff-title" onSubmit={(e) => {
      e.preventDefault();
      onChange(setWorkpaper(entries, w));
    }}>
      <h2 id="signoff-title">Workpaper and sign-offs</h2>
      <div class="grid-3">
        <TextField label="Prepared by" value={text('preparedBy')} onValue={field('preparedBy')} />
        <TextField label="Prepared on" type="date" value={text('preparedOn')} onValue={field('preparedOn')} />
        <TextField label="Reviewed by" value={text('reviewedBy')} onValue={field('reviewedBy')} />
        <TextField label="Reviewed on" type="date" value={text('reviewedOn')} onValue={field('reviewedOn')} />
        <TextField label="Control owner" value={text('owner')} onValue={field('owner')} />
        <SelectField label="Nature of the control" value={text('nature')} onValue={field('nature')} options={[{ value: '', label: '(not stated)' }, { value: 'manual', label: 'manual' }, { value: 'automated', label: 'automated' }, { value: 'it-dependent manual', label: 'IT-dependent manual' }]} />
        <TextField label="Workpaper reference" value={text('workpaperRef')} onValue={field('workpaperRef')} />
      </div>
      <TextArea label="Auditor's conclusion" value={text('auditorConclusion')} onValue={field('auditorConclusion')} hint="Shown beside tickmark's conclusion in the workbook." />
      <button type="submit" class="button-secondary">Save sign-offs</button>
    </form>
  );
}

function Dispositions({ evaluation, entries, onChange }: { evaluation: ControlEvaluation; entries: TeamEntries; onChange(next: TeamEntries): void }) {
  const failing = evaluation.completeness.failing;
  const [texts, setTexts] = useState<Record<string, string>>(Object.fromEntries(entries.completeness.map((c) => [c.check, c.disposition])));
  if (!failing.length) return null;
  return (
    <form class="card" aria-labelledby="dispositions-title" onSubmit={(e) => {
      e.preventDefault();
      let next = entries;
      for (const check of failing) next = setDisposition(next, check, texts[check] ?? '');
      onChange(next);
    }}>
      <h2 id="dispositions-title">Completeness: the team's dispositions</h2>
      <p class="muted">Failed checks qualify the conclusion until each is resolved or explained.</p>
      {failing.map((check) => <TextArea key={check} label={`Disposition of ${check}`} value={texts[check] ?? ''} onValue={(v) => setTexts({ ...texts, [check]: v })} rows={2} />)}
      <button type="submit" class="button-secondary">Save dispositions</button>
    </form>
  );
}

function Tester({ runId, data }: { runId: string; data: Loaded }) {
  const [entries, setEntries] = useState<TeamEntries>(data.latest?.entries ?? emptyEntries());
  const [evaluation, setEvaluation] = useState<ControlEvaluation | null>(data.latest?.evaluation ?? data.run.evaluation);
  const [versions, setVersions] = useState(data.versions);
  const [selected, setSelected] = useState(0);
  const current = useRef(entries);
  const rows = useMemo(() => matrixRows(data.run, data.sample), [data]);
  const attributes = data.run.run.attributes;
  const saver = useResultsSaver(runId, (v) => {
    setEvaluation(v.evaluation);
    setVersions((vs) => [...vs, { id: v.id, testRunId: v.testRunId, sampleId: v.sampleId, version: v.version, source: v.source, by: v.by, at: v.at }]);
  });
  const change = (next: TeamEntries, now = false) => {
    current.current = next;
    setEntries(next);
    saver.save(next, now);
  };
  const row = rows[selected]!;
  const s = saver.state;
  return (
    <div class="testing">
      <section aria-labelledby="evaluation-title" class="evaluation">
        <h2 id="evaluation-title">Evaluation</h2>
        <div aria-live="polite" aria-atomic="true">{evaluation ? <Conclusion evaluation={evaluation} /> : <p>No evaluation yet.</p>}</div>
        {evaluation ? <EvaluationTables evaluation={evaluation} /> : null}
      </section>
      <section aria-labelledby="matrix-title">
        <h2 id="matrix-title">Test matrix</h2>
        <p id="matrix-keys" class="muted keys">Arrow keys move; on an “inspect” column press <kbd>V</kbd> for ✓, <kbd>X</kbd> for an exception, <kbd>N</kbd> for N/A, <kbd>Delete</kbd> to clear; <kbd>Enter</kbd> opens the item below.</p>
        <Status>
          {s.saving ? 'Saving…' : s.error ? 'Not saved.' : s.unsaved ? 'Changes waiting to be saved…' : s.last ? `Saved as version ${s.last.version} at ${when(s.last.at)}.` : versions.length ? `Version ${versions.at(-1)!.version} is the latest.` : 'Nothing entered yet.'}
        </Status>
        <ErrorNotice error={s.error} title="Not saved" />
        {s.error ? <button type="button" onClick={saver.retry}>Save now</button> : null}
        <TestMatrix attributes={attributes} rows={rows} entries={entries} selected={selected} onSelect={setSelected}
          onMark={(r, attribute, mark) => change(setMark(current.current, r, attribute, mark))} />
      </section>
      <ItemPanel key={row.order} row={row} attributes={attributes} entries={entries} onChange={(next, now) => change(next, now)} />
      {evaluation ? <Dispositions evaluation={evaluation} entries={entries} onChange={(n) => change(n, true)} /> : null}
      <SignOffs entries={entries} onChange={(n) => change(n, true)} />
      <section aria-labelledby="versions-title">
        <h2 id="versions-title">Versions of the results</h2>
        {versions.length ? (
          <TableRegion label="Result versions table">
            <table class="compact">
              <thead><tr><th scope="col" class="num">Version</th><th scope="col">By</th><th scope="col">When</th><th scope="col">From</th></tr></thead>
              <tbody>{[...versions].reverse().map((v) => <tr key={v.id}><td class="num">{v.version}</td><td>{v.by}</td><td>{when(v.at)}</td><td>{v.source.via === 'workbook' ? `workbook ${v.source.file ?? ''}` : 'the app or the API'}</td></tr>)}</tbody>
            </table>
          </TableRegion>
        ) : <p>None yet: each save is kept as a new version, never overwritten.</p>}
      </section>
    </div>
  );
}

export function TestingPage({ runId }: { runId: string }) {
  const data = useResource(() => load(runId), [runId]);
  return (
    <>
      <nav aria-label="Breadcrumb" class="crumbs"><a href={href('/')}>Engagements</a> › {data.data ? <a href={href(`/populations/${data.data.run.populationId}`)}>Population</a> : '…'} › <span aria-current="page">Testing</span></nav>
      <PageHeading title="Testing">Testing <span class="subtitle">{data.data ? `${data.data.sample.selection.items.length} items, ${data.data.run.run.attributes.length} attributes` : ''}</span></PageHeading>
      <ErrorNotice error={data.error} title="Cannot open this test run" />
      {data.data ? <Tester runId={runId} data={data.data} /> : data.loading ? <p role="status">Loading…</p> : null}
    </>
  );
}
