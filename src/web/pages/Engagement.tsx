/**
 * One engagement: its populations (each with its fingerprint), an upload, and its pulls with the
 * conclusion each reached. The audit log is a link away.
 */
import { api } from '../api/client.js';
import type { Engagement, PopulationSummary, PullSummary } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Facts, PageHeading, TableRegion } from '../components/bits.js';
import { grouped, when } from '../format.js';
import { href } from '../state/router.js';
import { useResource } from '../state/resource.js';
import { UploadPanel } from './Upload.js';

export function EngagementPage({ engagementId }: { engagementId: string }) {
  const engagement = useResource(() => api.get<{ engagement: Engagement }>(`/v1/engagements/${engagementId}`), [engagementId]);
  const populations = useResource(() => api.get<{ populations: PopulationSummary[] }>(`/v1/engagements/${engagementId}/populations`), [engagementId]);
  const pulls = useResource(() => api.get<{ pulls: PullSummary[] }>(`/v1/engagements/${engagementId}/pulls`), [engagementId]);
  if (engagement.error) return <><PageHeading title="Engagement">Engagement</PageHeading><ErrorNotice error={engagement.error} title="Cannot open this engagement" /></>;
  const e = engagement.data?.engagement;
  if (!e) return <p role="status">Loading…</p>;
  return (
    <>
      <nav aria-label="Breadcrumb" class="crumbs"><a href={href('/')}>Engagements</a> › <span aria-current="page">{e.client}</span></nav>
      <PageHeading title={`${e.client}${e.name ? ` — ${e.name}` : ''}`}>{e.client}{e.name ? <span class="subtitle"> — {e.name}</span> : null}</PageHeading>
      <Facts items={[
        ['Audit period', e.period ? `${e.period.start} to ${e.period.end}` : 'not set'],
        ['Time zone', e.timeZone],
        ['Engagement id', <code>{e.id}</code>],
      ]} />
      <p><a href={href(`/engagements/${e.id}/audit`)}>Audit log of this engagement</a></p>

      <section aria-labelledby="populations-title">
        <h2 id="populations-title">Populations</h2>
        <ErrorNotice error={populations.error} />
        {populations.data?.populations.length ? (
          <TableRegion label="Populations">
            <table>
              <thead><tr><th scope="col">File</th><th scope="col">Kind</th><th scope="col" class="num">Rows</th><th scope="col" class="num">Issues</th><th scope="col">SHA-256</th><th scope="col">Received</th></tr></thead>
              <tbody>
                {populations.data.populations.map((p) => (
                  <tr key={p.id}>
                    <th scope="row"><a href={href(`/populations/${p.id}`)}>{p.source.name}</a></th>
                    <td>{p.kind}</td>
                    <td class="num">{grouped(p.rows.total)}</td>
                    <td class="num">{grouped(p.issues)}</td>
                    <td><code class="hash" title={p.source.sha256}>{p.source.sha256.slice(0, 12)}…</code></td>
                    <td>{when(p.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : populations.data ? <p>No population yet: upload the client's export below.</p> : null}
        <UploadPanel engagement={e} />
      </section>

      <section aria-labelledby="pulls-title">
        <h2 id="pulls-title">Pulls</h2>
        <ErrorNotice error={pulls.error} />
        {pulls.data?.pulls.length ? (
          <TableRegion label="Pulls">
            <table>
              <thead><tr><th scope="col">Control</th><th scope="col">Method</th><th scope="col">Seed</th><th scope="col">Period</th><th scope="col">Conclusion when pulled</th><th scope="col">Pulled</th></tr></thead>
              <tbody>
                {pulls.data.pulls.map((p) => (
                  <tr key={p.id}>
                    <th scope="row"><a href={href(`/pulls/${p.id}`)}>{p.controlId ?? p.id}</a></th>
                    <td>{p.method}</td>
                    <td><code>{p.seed}</code></td>
                    <td>{p.period.replace('..', ' to ')}</td>
                    <td>{p.conclusion}</td>
                    <td>{when(p.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : pulls.data ? <p>No pull yet: open a population and choose “New pull”.</p> : null}
      </section>
    </>
  );
}
