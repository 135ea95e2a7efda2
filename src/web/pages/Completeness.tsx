/**
 * A completeness report: the period and population it covers, then each check with its status
 * (pass, warn, fail, not run), what it found, its evidence to open and download (CSV per check; the
 * whole report as JSON or CSV).
 */
import { api } from '../api/client.js';
import { downloadFile } from '../api/download.js';
import type { CheckInfo, CompletenessView } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Facts, PageHeading, StatusBadge } from '../components/bits.js';
import { grouped, when } from '../format.js';
import { href } from '../state/router.js';
import { useResource } from '../state/resource.js';
import { CheckEvidence } from './CheckEvidence.js';
import { useState } from 'preact/hooks';

export function CompletenessPage({ reportId }: { reportId: string }) {
  const report = useResource(() => api.get<{ completeness: CompletenessView }>(`/v1/completeness/${reportId}`), [reportId]);
  const checks = useResource(() => api.get<{ checks: CheckInfo[] }>('/v1/completeness-checks'), []);
  const [error, setError] = useState<unknown>(null);
  if (report.error) return <><PageHeading title="Completeness">Completeness</PageHeading><ErrorNotice error={report.error} title="Cannot open this report" /></>;
  const c = report.data?.completeness;
  if (!c) return <p role="status">Loading…</p>;
  const r = c.report;
  const info = new Map((checks.data?.checks ?? []).map((k) => [k.id, k]));
  const save = (path: string, name: string) => downloadFile(path, name).catch(setError);
  return (
    <>
      <nav aria-label="Breadcrumb" class="crumbs"><a href={href('/')}>Engagements</a> › <a href={href(`/populations/${c.populationId}`)}>Population</a> › <span aria-current="page">Completeness</span></nav>
      <PageHeading title="Completeness">Completeness <StatusBadge status={r.status} /></PageHeading>
      <Facts items={[
        ['Period', `${r.period.start} to ${r.period.end} (${r.period.timeZone})`],
        ['Population', <><code class="hash">{r.population.sha256}</code> · {grouped(r.population.rows)} rows · {r.population.kind}</>],
        ['Checked', when(c.createdAt)],
        ['Report', <code>{c.id}</code>],
      ]} />
      <div class="actions">
        <button type="button" class="button-secondary" onClick={() => save(`/v1/completeness/${c.id}/export?format=json`, `${c.id}-completeness.json`)}>Download the report (JSON, all evidence)</button>
        <button type="button" class="button-secondary" onClick={() => save(`/v1/completeness/${c.id}/export?format=csv`, `${c.id}-completeness.csv`)}>Download the checks (CSV)</button>
      </div>
      <ErrorNotice error={error} title="Not downloaded" />
      <ol class="checks">
        {r.checks.map((check) => {
          const title = info.get(check.id)?.title ?? check.id;
          return (
            <li key={check.id} class={`check check-${check.status}`}>
              <details open={check.status === 'fail'}>
                <summary>
                  <StatusBadge status={check.status} /> <strong>{title}</strong> — <span>{check.summary}</span>
                </summary>
                <div class="check-body">
                  {info.get(check.id) ? <p class="muted">{info.get(check.id)!.description}</p> : null}
                  <CheckEvidence check={check} populationId={c.populationId} />
                  {check.evidence ? (
                    <button type="button" class="button-small" onClick={() => save(`/v1/completeness/${c.id}/evidence/${check.id}`, `${c.id}-${check.id}.csv`)}>
                      Download evidence: {title} (CSV)
                    </button>
                  ) : null}
                </div>
              </details>
            </li>
          );
        })}
      </ol>
    </>
  );
}
