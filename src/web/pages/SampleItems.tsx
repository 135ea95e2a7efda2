/**
 * What a sample is, as the CPA re-performs it: method, seed, PRN algorithm, population
 * fingerprint, eligible and selected counts, the selection's SHA-256, the strata with their
 * allocation, and every item with its PRN and stratum — plus extending the sample after a
 * deviation (same seed; every earlier item kept).
 */
import { useState } from 'preact/hooks';
import { runJob } from '../api/jobs.js';
import type { JobView, SampleView } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Facts, Progress, TableRegion } from '../components/bits.js';
import { TextField } from '../components/fields.js';
import { grouped, instant } from '../format.js';
import { navigate } from '../state/router.js';

export function SampleFacts({ sample }: { sample: SampleView }) {
  const m = sample.manifest;
  return <Facts items={[
    ['Method', `${m.method}${sample.request.strata ? ` by ${sample.request.strata}` : ''}${m.keyItems ? `; key items: ${m.keyItems.condition} (${grouped(m.keyItems.count)})` : ''}`],
    ['Seed', <code>{m.seed}</code>],
    ['PRN algorithm', <code>{m.algorithm}</code>],
    ['Size', `${grouped(m.selected)} selected of ${grouped(m.eligible)} eligible (planned ${grouped(m.n)}; ${sample.plan.basis})`],
    ['Plan', sample.plan.rationale],
    ['Population', <><code class="hash">{m.population.sha256}</code> · {grouped(m.population.rows)} rows</>],
    ['Selection SHA-256', <code class="hash">{m.selectionSha256}</code>],
    ...(sample.parentId ? [['Extends', <code>{sample.parentId}</code>] as [string, preact.ComponentChildren]] : []),
  ]} />;
}

export function SampleItems({ sample }: { sample: SampleView }) {
  const zone = sample.manifest.design.period?.timeZone ?? 'UTC';
  const items = [...sample.selection.items].sort((a, b) => a.order - b.order);
  return (
    <>
      {sample.manifest.strata?.length ? (
        <TableRegion label="Strata">
          <table class="compact">
            <caption>Strata: population, allocation and selection</caption>
            <thead><tr><th scope="col">Stratum</th><th scope="col" class="num">Population</th><th scope="col" class="num">Allocated</th><th scope="col" class="num">Selected</th></tr></thead>
            <tbody>{sample.manifest.strata.map((s) => <tr key={s.id}><th scope="row">{s.id}</th><td class="num">{grouped(s.population)}</td><td class="num">{s.allocated}</td><td class="num">{s.selected}</td></tr>)}</tbody>
          </table>
        </TableRegion>
      ) : null}
      <TableRegion label="Sample items">
        <table>
          <caption>The sample's items in draw order</caption>
          <thead><tr><th scope="col" class="num">#</th><th scope="col">Key</th><th scope="col">PRN</th><th scope="col">PRN hex</th><th scope="col">Stratum</th><th scope="col" class="num">Record</th><th scope="col">Event time ({zone})</th><th scope="col">Note</th></tr></thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.order}>
                <td class="num">{i.order}</td>
                <th scope="row">{i.key}</th>
                <td><code>{i.prn.toFixed(12)}</code></td>
                <td><code>{i.prnHex}</code></td>
                <td>{i.stratum ?? '—'}</td>
                <td class="num">{i.record}</td>
                <td>{i.eventTime === null ? '—' : instant(i.eventTime, zone)}</td>
                <td>{[i.keyItem ? 'key item' : '', i.addedByExtension ? 'added by extension' : '', i.rows && i.rows.length > 1 ? `${i.rows.length} rows` : ''].filter(Boolean).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}

export function ExtendSample({ sample }: { sample: SampleView }) {
  const [size, setSize] = useState(String(sample.manifest.n + 5));
  const [job, setJob] = useState<JobView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const running = job !== null && (job.state === 'queued' || job.state === 'running');
  return (
    <form class="card" aria-labelledby={`extend-${sample.id}`} onSubmit={async (e) => {
      e.preventDefault();
      setError(null);
      try {
        const done = await runJob(`/v1/samples/${sample.id}/extend`, { size: Number(size) }, setJob);
        navigate(`/samples/${done.result!.id}`);
      } catch (err) {
        setError(err);
      }
    }}>
      <h3 id={`extend-${sample.id}`}>Extend the sample</h3>
      <p class="muted">After a deviation: draw more items with the same seed. Every item above stays in the sample, in the same order.</p>
      <div class="grid-3">
        <TextField label="Extend to" type="number" min={sample.manifest.n + 1} value={size} onValue={setSize} required />
      </div>
      {running && job ? <Progress label="Extending" done={job.progress.done} total={job.progress.total} /> : null}
      <ErrorNotice error={error} title="Not extended" />
      <button type="submit" class="button-secondary" disabled={running}>Extend</button>
    </form>
  );
}
