/**
 * The engagements this token sees (an engagement token: its own), and — for an admin — a new
 * engagement: client, name, audit period and the time zone the period is read in.
 */
import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { Engagement } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading, TableRegion } from '../components/bits.js';
import { TextField } from '../components/fields.js';
import { when } from '../format.js';
import { href, navigate } from '../state/router.js';
import { useResource } from '../state/resource.js';
import { session } from '../state/session.js';
import { ZoneField } from '../components/ZoneField.js';

function NewEngagementForm({ onCancel }: { onCancel(): void }) {
  const [client, setClient] = useState('');
  const [name, setName] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [timeZone, setTimeZone] = useState('UTC');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form class="card" aria-labelledby="new-engagement-title" onSubmit={async (e) => {
      e.preventDefault();
      setBusy(true);
      setError(null);
      try {
        const { engagement } = await api.post<{ engagement: Engagement }>('/v1/engagements', {
          client, ...(name.trim() ? { name } : {}), ...(start || end ? { period: { start, end } } : {}), timeZone,
        });
        navigate(`/engagements/${engagement.id}`);
      } catch (err) {
        setError(err);
      } finally {
        setBusy(false);
      }
    }}>
      <h2 id="new-engagement-title">New engagement</h2>
      <div class="grid-2">
        <TextField label="Client" value={client} onValue={setClient} required />
        <TextField label="Engagement" value={name} onValue={setName} hint="E.g. SOC 2 Type 2 — FY2025" />
        <TextField label="Period start" type="date" value={start} onValue={setStart} required />
        <TextField label="Period end" type="date" value={end} onValue={setEnd} required />
        <ZoneField value={timeZone} onValue={setTimeZone} />
      </div>
      <ErrorNotice error={error} title="Engagement not created" />
      <div class="actions">
        <button type="submit" disabled={busy}>{busy ? 'Creating…' : 'Create engagement'}</button>
        <button type="button" class="button-quiet" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

export function EngagementsPage() {
  const list = useResource(() => api.get<{ engagements: Engagement[] }>('/v1/engagements'), []);
  const [creating, setCreating] = useState(false);
  const admin = session.value?.token.admin === true;
  return (
    <>
      <PageHeading title="Engagements">Engagements</PageHeading>
      {admin ? (
        creating ? <NewEngagementForm onCancel={() => setCreating(false)} /> : <button type="button" onClick={() => setCreating(true)}>New engagement</button>
      ) : <p>This token belongs to one engagement.</p>}
      <ErrorNotice error={list.error} />
      {list.data ? (
        list.data.engagements.length ? (
          <TableRegion label="Engagements">
            <table>
              <thead><tr><th scope="col">Client</th><th scope="col">Engagement</th><th scope="col">Audit period</th><th scope="col">Time zone</th><th scope="col">Created</th></tr></thead>
              <tbody>
                {list.data.engagements.map((e) => (
                  <tr key={e.id}>
                    <th scope="row"><a href={href(`/engagements/${e.id}`)}>{e.client}</a></th>
                    <td>{e.name ?? '—'}</td>
                    <td>{e.period ? `${e.period.start} to ${e.period.end}` : 'not set'}</td>
                    <td>{e.timeZone}</td>
                    <td>{when(e.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : <p>No engagements yet.{admin ? ' Create the first one.' : ''}</p>
      ) : list.loading ? <p role="status">Loading engagements…</p> : null}
    </>
  );
}
