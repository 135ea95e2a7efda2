/**
 * One population: its fingerprint as a CPA cites it (file, SHA-256, rows, encoding), the mapping
 * review, a typed preview of its first rows, the ingest issues, its completeness reports (and a new
 * check, with the control totals and tie-out the system owner gave), and a new pull.
 */
import { useEffect } from 'preact/hooks';
import { api } from '../api/client.js';
import type { Engagement, PopulationRow, PopulationView } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { CopyButton, Facts, PageHeading, TableRegion } from '../components/bits.js';
import { citation, grouped, typedValue, when } from '../format.js';
import { kindOf, kinds, loadKinds } from '../state/kinds.js';
import { href } from '../state/router.js';
import { useResource } from '../state/resource.js';
import { CompletenessRuns } from './CompletenessRuns.js';
import { MappingReview } from './MappingReview.js';

function Preview({ population }: { population: PopulationView }) {
  const rows = useResource(() => api.get<{ rows: PopulationRow[] }>(`/v1/populations/${population.id}/rows?from=1&limit=10`), [population.id]);
  const fields = Object.entries(population.mapping);
  const typeOf = new Map(population.columns.filter((c) => c.field).map((c) => [c.field!, c.type]));
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">Typed preview: the first rows</h2>
      <p class="muted">Each field as tickmark typed it (timestamps in {population.typing.timeZone}); the file's own text below it when it reads differently. “invalid” marks a value that did not type.</p>
      <ErrorNotice error={rows.error} />
      {rows.data ? (
        <TableRegion label="Typed preview of the first rows">
          <table class="preview">
            <thead><tr><th scope="col">Record</th>{fields.map(([f, h]) => <th scope="col" key={f}><code>{f}</code><br /><span class="muted">{h} · {typeOf.get(f) ?? ''}</span></th>)}</tr></thead>
            <tbody>
              {rows.data.rows.map((r) => (
                <tr key={r.record}>
                  <th scope="row">{r.record}</th>
                  {fields.map(([f, h]) => {
                    const raw = r.values[h] ?? null;
                    const typed = typedValue(r.fields[f], typeOf.get(f), population.typing.timeZone);
                    const invalid = raw !== null && (r.fields[f] === null || r.fields[f] === undefined);
                    return (
                      <td key={f} class={invalid ? 'invalid' : undefined}>
                        {invalid ? <span class="tag tag-bad">invalid</span> : typed}
                        {raw !== null && raw !== typed ? <span class="raw">{raw}</span> : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : rows.loading ? <p role="status">Loading the first rows…</p> : null}
    </section>
  );
}

function Issues({ population }: { population: PopulationView }) {
  const { issues } = population;
  return (
    <section aria-labelledby="issues-title">
      <h2 id="issues-title">Ingest issues</h2>
      {issues.total === 0 ? <p>None: every row was read and every value typed.</p> : (
        <>
          <p>{grouped(issues.total)} issue{issues.total === 1 ? '' : 's'}: {Object.entries(issues.byCode).map(([c, n]) => `${c} ${grouped(n)}`).join(', ')}; by column: {Object.entries(issues.byColumn).map(([c, n]) => `${c} ${grouped(n)}`).join(', ')}.</p>
          <TableRegion label="First ingest issues">
            <table>
              <thead><tr><th scope="col">Record</th><th scope="col">Line</th><th scope="col">Issue</th><th scope="col">Column</th><th scope="col">Value</th><th scope="col">Expected</th></tr></thead>
              <tbody>
                {issues.first.map((i, n) => (
                  <tr key={n}><td>{i.record}</td><td>{i.line}</td><td>{i.code}</td><td>{'column' in i ? i.column : '—'}</td><td><code>{i.raw}</code></td><td>{i.expected}</td></tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
    </section>
  );
}

export function PopulationPage({ populationId }: { populationId: string }) {
  const population = useResource(() => api.get<{ population: PopulationView }>(`/v1/populations/${populationId}`), [populationId]);
  const p = population.data?.population;
  const engagement = useResource(async () => (p?.engagementId ? (await api.get<{ engagement: Engagement }>(`/v1/engagements/${p.engagementId}`)).engagement : null), [p?.engagementId]);
  useEffect(() => {
    void loadKinds().catch(() => {});
  }, []);
  if (population.error) return <><PageHeading title="Population">Population</PageHeading><ErrorNotice error={population.error} title="Cannot open this population" /></>;
  if (!p) return <p role="status">Loading…</p>;
  const e = engagement.data;
  void kinds.value; // re-render when the kinds arrive
  return (
    <>
      <nav aria-label="Breadcrumb" class="crumbs">
        <a href={href('/')}>Engagements</a> › {e ? <a href={href(`/engagements/${e.id}`)}>{e.client}</a> : '…'} › <span aria-current="page">{p.source.name}</span>
      </nav>
      <PageHeading title={p.source.name}>{p.source.name} <span class="subtitle">({p.kind})</span></PageHeading>
      <div class="actions">
        <a class="button" href={href(`/populations/${p.id}/pull`)}>New pull</a>
      </div>
      <section aria-labelledby="fingerprint-title" class="card">
        <h2 id="fingerprint-title">Fingerprint</h2>
        <p class="citation"><span>{citation(p)}</span> <CopyButton text={citation(p)} label="Copy the fingerprint" /></p>
        <Facts items={[
          ['SHA-256', <code class="hash">{p.source.sha256}</code>],
          ['Rows', `${grouped(p.rows.total)} (${grouped(p.rows.accepted)} accepted, ${grouped(p.rows.malformed)} malformed)`],
          ['Bytes', grouped(p.source.bytes)],
          ['Encoding', p.source.encoding ?? '—'],
          ['Format', `${p.source.format}${p.source.delimiter ? ` (delimiter ${JSON.stringify(p.source.delimiter)})` : ''}${p.source.sheet ? ` (sheet ${p.source.sheet})` : ''}`],
          ['Key', p.key.join(' + ') || 'content of the row'],
          ['Event time', p.eventTime ?? '—'],
          ['Read in', `${p.typing.timeZone}${p.typing.dateOrder ? `, ${p.typing.dateOrder}` : ''}`],
          ['Received', `${when(p.createdAt)} (engine ${p.engineVersion})`],
          ['Population id', <code>{p.id}</code>],
        ]} />
      </section>
      <MappingReview key={p.id} population={p} kind={kindOf(p.kind)} />
      <Preview population={p} />
      <Issues population={p} />
      <CompletenessRuns population={p} engagement={e ?? null} />
    </>
  );
}
