/**
 * The audit log of an engagement, newest first: every request its tokens made and everything done
 * to its populations, reports, samples, test runs, results and pulls — who, when, what, with which
 * parameters. The log is append-only in the service.
 */
import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { AuditEntry, Engagement } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading, TableRegion } from '../components/bits.js';
import { SelectField } from '../components/fields.js';
import { href } from '../state/router.js';
import { useResource } from '../state/resource.js';

/** Parameters in one short line (the full JSON is the entry's title). */
function paramsText(params: unknown): string {
  if (params === null || params === undefined) return '';
  const text = JSON.stringify(params);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

export function AuditPage({ engagementId }: { engagementId: string }) {
  const [limit, setLimit] = useState('100');
  const [requests, setRequests] = useState('all');
  const engagement = useResource(() => api.get<{ engagement: Engagement }>(`/v1/engagements/${engagementId}`), [engagementId]);
  const log = useResource(() => api.get<{ entries: AuditEntry[] }>(`/v1/engagements/${engagementId}/audit-log?limit=${limit}`), [engagementId, limit]);
  const e = engagement.data?.engagement;
  const entries = (log.data?.entries ?? []).filter((x) => requests === 'all' || x.action !== 'http.request');
  return (
    <>
      <nav aria-label="Breadcrumb" class="crumbs"><a href={href('/')}>Engagements</a> › {e ? <a href={href(`/engagements/${e.id}`)}>{e.client}</a> : '…'} › <span aria-current="page">Audit log</span></nav>
      <PageHeading title="Audit log">Audit log{e ? <span class="subtitle"> — {e.client}</span> : null}</PageHeading>
      <ErrorNotice error={engagement.error ?? log.error} title="Cannot read the audit log" />
      <div class="grid-3">
        <SelectField label="Entries" value={limit} onValue={setLimit} options={['50', '100', '500', '1000'].map((n) => ({ value: n, label: `newest ${n}` }))} />
        <SelectField label="Show" value={requests} onValue={setRequests} options={[{ value: 'all', label: 'everything' }, { value: 'changes', label: 'what was stored (no plain requests)' }]} />
      </div>
      {log.data ? (
        <TableRegion label="Audit log entries">
          <table class="compact">
            <thead><tr><th scope="col" class="num">#</th><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">On</th><th scope="col">Parameters</th></tr></thead>
            <tbody>
              {entries.map((x) => (
                <tr key={x.seq}>
                  <td class="num">{x.seq}</td>
                  <td>{x.at.replace('T', ' ').slice(0, 19)}</td>
                  <td><code>{x.actor}</code></td>
                  <td>{x.action}</td>
                  <td><code>{x.target ?? ''}</code></td>
                  <td title={x.params === null ? undefined : JSON.stringify(x.params)}><code>{paramsText(x.params)}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : log.loading ? <p role="status">Loading…</p> : null}
    </>
  );
}
