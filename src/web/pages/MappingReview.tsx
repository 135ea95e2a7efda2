/**
 * The mapping review: for each canonical field of the kind, the column it was read from, how that
 * column was chosen and what else could have been (when the service records its decisions), and
 * what the column holds (type, filled, distinct, invalid). Choose another column for a field and
 * re-ingest: the service reads the file it kept (no new upload) into a new population; the one
 * reviewed here stays as it is.
 */
import { useState } from 'preact/hooks';
import { runJob } from '../api/jobs.js';
import type { JobView, KindView, PopulationView } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Progress, TableRegion } from '../components/bits.js';
import { SelectField } from '../components/fields.js';
import { grouped } from '../format.js';
import { mapToSend } from '../model/mapping.js';
import { navigate } from '../state/router.js';

const HOW: Record<string, string> = {
  profile: 'the source profile names it',
  exact: 'the header is the field name',
  synonym: 'the header is a known name for the field',
  override: 'chosen by a person',
  option: 'given as an ingest option',
};

export function MappingReview({ population, kind }: { population: PopulationView; kind: KindView | undefined }) {
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [job, setJob] = useState<JobView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fields = kind?.fields ?? Object.keys(population.mapping).map((name) => ({ name, type: 'string' as const, required: false }));
  const decisions = new Map((population.mappingDecisions ?? []).map((d) => [d.field, d]));
  const profileOf = new Map(population.columns.map((c) => [c.header, c]));
  const changed = Object.entries(choices).filter(([f, h]) => (population.mapping[f] ?? '') !== h);
  const running = job !== null && (job.state === 'queued' || job.state === 'running');

  return (
    <section aria-labelledby="mapping-title">
      <h2 id="mapping-title">Mapping review</h2>
      {population.profile ? (
        <p class="notice">Source profile: <strong>{population.profile.name}</strong> ({population.profile.forced ? 'chosen by a person' : 'detected'}) — {population.profile.reason}</p>
      ) : (
        <p class="muted">No source profile: the headers were mapped by the kind's own names and synonyms.</p>
      )}
      {!population.mappingDecisions ? <p class="muted">This service does not record how each column was chosen; the columns and what they hold are shown.</p> : null}
      <form onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          const done = await runJob(`/v1/populations/${population.id}/reingest`, { map: mapToSend(population, choices) }, setJob);
          navigate(`/populations/${done.result!.id}`);
        } catch (err) {
          setError(err);
        }
      }}>
        <TableRegion label="Mapping of canonical fields to columns">
          <table class="mapping">
            <thead>
              <tr><th scope="col">Field</th><th scope="col">Column</th><th scope="col">Why</th><th scope="col">Alternatives</th><th scope="col">What the column holds</th></tr>
            </thead>
            <tbody>
              {fields.map((f) => {
                const current = population.mapping[f.name] ?? '';
                const chosen = choices[f.name] ?? current;
                const decision = decisions.get(f.name);
                const profile = profileOf.get(chosen);
                return (
                  <tr key={f.name} class={chosen !== current ? 'changed' : undefined}>
                    <th scope="row"><code>{f.name}</code>{f.required ? <span class="tag">required</span> : null}<span class="muted"> {f.type}</span></th>
                    <td>
                      <SelectField label={`Column for ${f.name}`} class="field-inline" value={chosen} onValue={(h) => setChoices({ ...choices, [f.name]: h })}
                        options={[{ value: '', label: '(not mapped)' }, ...population.headers.map((h) => ({ value: h, label: h }))]} />
                      {chosen !== current ? <span class="tag tag-changed">changed from {current || 'not mapped'}</span> : null}
                    </td>
                    <td>{chosen !== current ? 'your choice (re-ingest to apply)' : decision ? HOW[decision.how] ?? decision.how : current ? '—' : 'no column matched'}</td>
                    <td>{decision?.alternatives.length ? <ul class="plain">{decision.alternatives.map((a) => <li key={a.header}><strong>{a.header}</strong>: {a.why}</li>)}</ul> : '—'}</td>
                    <td>{profile ? `${profile.type}; ${grouped(profile.nonBlank)} filled, ${grouped(profile.distinct)}${profile.distinctExact ? '' : '+'} distinct${profile.invalid ? `, ${grouped(profile.invalid)} invalid` : ''}` : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
        {running && job ? <Progress label="Re-ingesting from the stored file" done={job.progress.done} total={job.progress.total} /> : null}
        <ErrorNotice error={error} title="Not re-ingested" />
        <div class="actions">
          <button type="submit" disabled={!changed.length || running}>Re-ingest with {changed.length ? `${changed.length} change${changed.length === 1 ? '' : 's'}` : 'these choices'}</button>
          {changed.length ? <button type="button" class="button-quiet" onClick={() => setChoices({})}>Undo changes</button> : null}
        </div>
      </form>
    </section>
  );
}
