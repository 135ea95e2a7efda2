/**
 * A population's completeness reports, and a new check over the engagement's period with what the
 * system owner gave: the record count (and an amount total) to tie to, and a second population to
 * tie out to. Runs as a job; the report opens when it is done.
 */
import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { runJob } from '../api/jobs.js';
import type { Engagement, JobView, PopulationSummary, PopulationView } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Progress, StatusBadge, TableRegion } from '../components/bits.js';
import { SelectField, TextField } from '../components/fields.js';
import { when } from '../format.js';
import { href, navigate } from '../state/router.js';
import { useResource } from '../state/resource.js';


export function CompletenessRuns({ population, engagement }: { population: PopulationView; engagement: Engagement | null }) {
  const reports = useResource(() => api.get<{ reports: { id: string; createdAt: string; status: string; period: string }[] }>(`/v1/populations/${population.id}/completeness`), [population.id]);
  const others = useResource(async () => (engagement ? (await api.get<{ populations: PopulationSummary[] }>(`/v1/engagements/${engagement.id}/populations`)).populations.filter((p) => p.id !== population.id) : []), [engagement?.id, population.id]);
  const [start, setStart] = useState(engagement?.period?.start ?? '');
  const [end, setEnd] = useState(engagement?.period?.end ?? '');
  const [expectCount, setExpectCount] = useState('');
  const [sumField, setSumField] = useState('');
  const [sumAmount, setSumAmount] = useState('');
  const [other, setOther] = useState('');
  const [ourKey, setOurKey] = useState('');
  const [theirKey, setTheirKey] = useState('');
  const [job, setJob] = useState<JobView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const numberFields = population.columns.filter((c) => c.field && c.type === 'number').map((c) => c.field!);
  const running = job !== null && (job.state === 'queued' || job.state === 'running');
  const periodStart = start || engagement?.period?.start || '';
  const periodEnd = end || engagement?.period?.end || '';

  return (
    <section aria-labelledby="completeness-title">
      <h2 id="completeness-title">Completeness</h2>
      <ErrorNotice error={reports.error} />
      {reports.data?.reports.length ? (
        <TableRegion label="Completeness reports">
          <table>
            <thead><tr><th scope="col">Report</th><th scope="col">Status</th><th scope="col">Period</th><th scope="col">Checked</th></tr></thead>
            <tbody>
              {[...reports.data.reports].reverse().map((r) => (
                <tr key={r.id}><th scope="row"><a href={href(`/completeness/${r.id}`)}>{r.id}</a></th><td><StatusBadge status={r.status} /></td><td>{r.period.replace('..', ' to ')}</td><td>{when(r.createdAt)}</td></tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : reports.data ? <p>Not checked yet.</p> : null}
      <form class="card" aria-labelledby="check-title" onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        const params: Record<string, unknown> = {};
        if (expectCount.trim()) params.expectCount = Number(expectCount.replace(/[,_\s]/g, ''));
        if (sumField && sumAmount.trim()) params.expectSum = { field: sumField, amount: sumAmount.trim() };
        if (other && (ourKey.trim() || theirKey.trim())) params.tieOut = { ...(ourKey.trim() ? { ourKey: ourKey.trim() } : {}), ...(theirKey.trim() ? { theirKey: theirKey.trim() } : {}) };
        try {
          const done = await runJob(`/v1/populations/${population.id}/completeness`, {
            ...(periodStart && periodEnd ? { period: `${periodStart}..${periodEnd}` } : {}),
            ...(Object.keys(params).length ? { params } : {}),
            ...(other ? { otherPopulationId: other } : {}),
          }, setJob);
          navigate(`/completeness/${done.result!.id}`);
        } catch (err) {
          setError(err);
        }
      }}>
        <h3 id="check-title">Check completeness</h3>
        <div class="grid-2">
          <TextField label="Check period start" type="date" value={periodStart} onValue={setStart} required />
          <TextField label="Check period end" type="date" value={periodEnd} onValue={setEnd} required />
        </div>
        <fieldset>
          <legend>Control totals from the system owner (optional)</legend>
          <div class="grid-3">
            <TextField label="Expected record count" value={expectCount} onValue={setExpectCount} pattern="[0-9,_ ]*" hint="The count the system owner reported for the export." />
            <SelectField label="Amount field to total" value={sumField} onValue={setSumField} options={[{ value: '', label: numberFields.length ? '(none)' : '(no number field)' }, ...numberFields.map((f) => ({ value: f, label: f }))]} disabled={!numberFields.length} />
            <TextField label="Expected amount total" value={sumAmount} onValue={setSumAmount} disabled={!sumField} hint="Exact decimal, e.g. 1204.50" />
          </div>
        </fieldset>
        <fieldset>
          <legend>Tie out to another population (optional)</legend>
          <div class="grid-3">
            <SelectField label="Other population" value={other} onValue={setOther} options={[{ value: '', label: '(none)' }, ...(others.data ?? []).map((p) => ({ value: p.id, label: `${p.source.name} (${p.kind})` }))]} />
            <TextField label="Our key field" value={ourKey} onValue={setOurKey} disabled={!other} hint="Default: the key" />
            <TextField label="Their key field" value={theirKey} onValue={setTheirKey} disabled={!other} hint="Default: their key" />
          </div>
        </fieldset>
        {running && job ? <Progress label="Checking" done={job.progress.done} total={job.progress.total} /> : null}
        <ErrorNotice error={error} title="Not checked" />
        <button type="submit" disabled={running}>Check completeness</button>
      </form>
    </section>
  );
}
