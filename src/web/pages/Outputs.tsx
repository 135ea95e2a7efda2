/**
 * What a pull gives the team and the CPA: the workbook (with the team's latest results), the
 * sample as CSV, the completeness evidence; a workbook uploaded back to be verified (identical, or
 * each difference); and a filled workbook whose entries come in as a new version of the results —
 * offered when the service has that route.
 */
import { useState } from 'preact/hooks';
import { api, request } from '../api/client.js';
import { downloadFile } from '../api/download.js';
import { followJob } from '../api/jobs.js';
import type { JobView, PullView, ResultsVersion, VerificationDifference, WorkbookVerification } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Progress, Status } from '../components/bits.js';
import { grouped } from '../format.js';
import { hasRoute } from '../state/features.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A difference as `tickmark verify` words it: `Sheet!Cell: tickmark wrote "X", now "Y"`. */
function differenceText(d: VerificationDifference): string {
  if (typeof d === 'string') return d;
  const show = (v: string | null) => (v === null ? '(empty)' : JSON.stringify(v));
  if (!d.cell) return `${d.sheet}: ${d.note ?? (d.wrote === null ? 'a sheet tickmark did not write' : 'the sheet tickmark wrote is missing')}`;
  return `${d.sheet}!${d.cell}: tickmark wrote ${show(d.wrote)}, now ${show(d.now)}${d.note ? ` (${d.note})` : ''}`;
}

export function VerificationResult({ v }: { v: WorkbookVerification }) {
  const parts: [string, boolean, VerificationDifference[]][] = [
    ['Selection (re-derived from the population)', v.selection.identical, v.selection.differences],
    ['Sheets against the machine copy', v.workbook.identical, v.workbook.differences],
    ...(v.tests ? [[`Automated tests (re-run${v.tests.compared !== undefined ? `, ${grouped(v.tests.compared)} results` : ''})`, v.tests.status !== 'different', v.tests.status === 'not_rerun' ? [`not re-run: ${v.tests.reason ?? ''}`] : v.tests.differences] as [string, boolean, VerificationDifference[]]] : []),
  ];
  if (v.population) parts.unshift(['Population file (its SHA-256)', v.population.identical, v.population.identical ? [] : [`the workbook was drawn from ${v.population.workbook.sha256} (${v.population.workbook.rows} rows), the file is ${v.population.file.sha256} (${v.population.file.rows} rows)`]]);
  return (
    <div class={`verification ${v.identical ? 'verification-ok' : 'verification-diff'}`} role="status" aria-live="polite">
      <p class="verdict"><strong>{v.identical ? 'Identical' : 'Different'}</strong> — {v.file}{v.identical ? ': everything tickmark wrote is re-performed and agrees.' : ': see each difference below.'}</p>
      <ul class="plain">
        {parts.map(([name, ok, diffs]) => (
          <li key={name}>
            <span class={`badge ${ok ? 'badge-pass' : 'badge-fail'}`}>{ok ? '✓ identical' : '✗ different'}</span> {name}
            {diffs.length ? <ul class="differences">{diffs.map((d, i) => <li key={i}>{differenceText(d)}</li>)}</ul> : null}
          </li>
        ))}
      </ul>
      {v.workbook.notes?.length ? <ul>{v.workbook.notes.map((n, i) => <li key={i}>{n}</li>)}</ul> : null}
      {v.workbook.entries?.length ? (
        <details>
          <summary>The team's entries in the workbook ({grouped(v.workbook.entries.length)})</summary>
          <ul>{v.workbook.entries.map((e, i) => <li key={i}>{e.sheet} {e.cell}: {e.entry} = {e.value}</li>)}</ul>
        </details>
      ) : null}
      {v.engineVersion.workbook !== v.engineVersion.running ? <p class="muted">Written by tickmark {v.engineVersion.workbook}; verified by {v.engineVersion.running}.</p> : null}
    </div>
  );
}

function VerifyWorkbook({ pull }: { pull: PullView }) {
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<JobView | null>(null);
  const [result, setResult] = useState<WorkbookVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const running = job !== null && (job.state === 'queued' || job.state === 'running');
  return (
    <form class="card" aria-labelledby="verify-title" onSubmit={async (e) => {
      e.preventDefault();
      if (!file) return;
      setError(null);
      setResult(null);
      try {
        const res = await request('POST', `/v1/pulls/${pull.id}/verify?name=${encodeURIComponent(file.name.slice(0, 255))}`, undefined, { raw: { body: file, type: XLSX } });
        const { job: started } = (await res.json()) as { job: JobView };
        const done = await followJob(started, setJob);
        setResult((await api.get<{ verification: WorkbookVerification }>(done.result!.href)).verification);
      } catch (err) {
        setError(err);
      }
    }}>
      <h3 id="verify-title">Verify a workbook</h3>
      <p class="muted">Upload this pull's workbook — as downloaded, or as it came back — and tickmark re-performs it from the population file it kept: the selection, every cell it wrote against its machine copy, the automated tests; the team's entries are listed.</p>
      <div class="field">
        <label for="verify-file">Workbook to verify</label>
        <input id="verify-file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
      </div>
      {running && job ? <Progress label="Verifying" done={job.progress.done} total={job.progress.total} /> : null}
      <ErrorNotice error={error} title="Not verified" />
      <button type="submit" disabled={!file || running}>Verify workbook</button>
      {result ? <VerificationResult v={result} /> : null}
    </form>
  );
}

/** Where a filled workbook's entries are posted (evaluate --workbook over HTTP). */
export const RESULTS_WORKBOOK_ROUTE = '/v1/test-runs/{runId}/results/workbook';

function BringResultsIn({ pull, onResults }: { pull: PullView; onResults(v: ResultsVersion): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<ResultsVersion | null>(null);
  const [busy, setBusy] = useState(false);
  if (!hasRoute('post', RESULTS_WORKBOOK_ROUTE)) {
    return (
      <div class="card">
        <h3>Bring a filled workbook's results in</h3>
        <p class="muted">This service does not read filled workbooks over HTTP (<code>tickmark evaluate --workbook</code> does). Tick the items on the testing page instead: it saves through the same results API.</p>
      </div>
    );
  }
  return (
    <form class="card" aria-labelledby="bring-title" onSubmit={async (e) => {
      e.preventDefault();
      if (!file) return;
      setBusy(true);
      setError(null);
      try {
        const res = await request('POST', `${RESULTS_WORKBOOK_ROUTE.replace('{runId}', pull.testRunId)}?name=${encodeURIComponent(file.name)}`, undefined, { raw: { body: file, type: XLSX } });
        const { results } = (await res.json()) as { results: ResultsVersion };
        setDone(results);
        onResults(results);
      } catch (err) {
        setError(err);
      } finally {
        setBusy(false);
      }
    }}>
      <h3 id="bring-title">Bring a filled workbook's results in</h3>
      <div class="field">
        <label for="filled-file">Filled workbook</label>
        <input id="filled-file" type="file" accept=".xlsx" onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
      </div>
      <ErrorNotice error={error} title="Results not taken" />
      <button type="submit" class="button-secondary" disabled={!file || busy}>Bring results in</button>
      {done ? <Status>Stored as version {done.version}: {done.evaluation.conclusion.sentence}</Status> : null}
    </form>
  );
}

export function Outputs({ pull, onResults }: { pull: PullView; onResults(v: ResultsVersion): void }) {
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const save = async (path: string, name: string) => {
    setError(null);
    try {
      setSaved(`Downloaded ${await downloadFile(path, name)}`);
    } catch (err) {
      setError(err);
    }
  };
  const control = pull.request.workbook?.control?.id ?? 'control';
  return (
    <section aria-labelledby="outputs-title">
      <h2 id="outputs-title">Outputs</h2>
      <ul class="downloads">
        <li>
          <a href={pull.links.workbook} class="button" onClick={(e) => {
            e.preventDefault();
            void save(pull.links.workbook, `${control}-${pull.id}.xlsx`);
          }}>Download workbook</a>{' '}
          <span class="muted">Lead, population fingerprint, completeness, selection, test matrix with the team's latest entries, exceptions, evaluation.</span>
        </li>
        <li>
          <a href={`/v1/samples/${pull.sampleId}/export?format=csv`} onClick={(e) => {
            e.preventDefault();
            void save(`/v1/samples/${pull.sampleId}/export?format=csv`, `${pull.sampleId}-sample.csv`);
          }}>Download the sample (CSV)</a>
        </li>
        <li>
          <a href={`/v1/completeness/${pull.completenessId}/export?format=json`} onClick={(e) => {
            e.preventDefault();
            void save(`/v1/completeness/${pull.completenessId}/export?format=json`, `${pull.completenessId}-completeness.json`);
          }}>Download the completeness evidence (JSON)</a>
        </li>
      </ul>
      {saved ? <Status>{saved}</Status> : null}
      <ErrorNotice error={error} title="Not downloaded" />
      <VerifyWorkbook pull={pull} />
      <BringResultsIn pull={pull} onResults={onResults} />
    </section>
  );
}
