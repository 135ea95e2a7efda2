/**
 * For an admin token: API tokens (mint one for an engagement, or another admin token — the secret
 * is shown once; revoke) and the engagements (the same list and form as the home page).
 */
import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { ApiToken, Engagement } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { CopyButton, PageHeading, Status, TableRegion } from '../components/bits.js';
import { CheckboxField, SelectField, TextField } from '../components/fields.js';
import { when } from '../format.js';
import { href } from '../state/router.js';
import { useResource } from '../state/resource.js';
import { session } from '../state/session.js';

function NewToken({ engagements, onCreated }: { engagements: Engagement[]; onCreated(): void }) {
  const [engagementId, setEngagementId] = useState(engagements[0]?.id ?? '');
  const [admin, setAdmin] = useState(false);
  const [label, setLabel] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <form class="card" aria-labelledby="new-token-title" onSubmit={async (e) => {
      e.preventDefault();
      setError(null);
      try {
        const made = await api.post<{ token: ApiToken; secret: string }>('/v1/tokens', admin ? { admin: true, ...(label ? { label } : {}) } : { engagementId, ...(label ? { label } : {}) });
        setSecret(made.secret);
        setLabel('');
        onCreated();
      } catch (err) {
        setError(err);
      }
    }}>
      <h2 id="new-token-title">New token</h2>
      <div class="grid-3">
        <SelectField label="For engagement" value={engagementId} onValue={setEngagementId} disabled={admin} options={engagements.map((x) => ({ value: x.id, label: `${x.client}${x.name ? ` — ${x.name}` : ''}` }))} />
        <TextField label="Label" value={label} onValue={setLabel} hint="Who or what uses it, e.g. acme-consultant" />
        <CheckboxField label="Admin token (all engagements)" checked={admin} onChecked={setAdmin} />
      </div>
      <ErrorNotice error={error} title="Token not created" />
      <button type="submit" disabled={!admin && !engagementId}>Create token</button>
      {secret ? (
        <div class="notice" role="status">
          <p><strong>Copy this token now: it is shown once.</strong> Only its SHA-256 is kept.</p>
          <p><code class="secret">{secret}</code> <CopyButton text={secret} label="Copy the new token" /></p>
        </div>
      ) : null}
    </form>
  );
}

export function AdminPage() {
  const tokens = useResource(() => api.get<{ tokens: ApiToken[] }>('/v1/tokens'), []);
  const engagements = useResource(() => api.get<{ engagements: Engagement[] }>('/v1/engagements'), []);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!session.value?.token.admin) return <><PageHeading title="Admin">Admin</PageHeading><p>This page is for admin tokens.</p></>;
  const byId = new Map((engagements.data?.engagements ?? []).map((e) => [e.id, e]));
  return (
    <>
      <PageHeading title="Admin">Admin</PageHeading>
      <ErrorNotice error={tokens.error ?? engagements.error ?? error} />
      {engagements.data ? <NewToken engagements={engagements.data.engagements} onCreated={() => void tokens.reload()} /> : null}
      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">Tokens</h2>
        {done ? <Status>{done}</Status> : null}
        {tokens.data ? (
          <TableRegion label="Tokens table">
            <table class="compact">
              <thead><tr><th scope="col">Token</th><th scope="col">Label</th><th scope="col">Scope</th><th scope="col">Created</th><th scope="col">State</th><th scope="col"><span class="sr-only">Action</span></th></tr></thead>
              <tbody>
                {tokens.data.tokens.map((t) => (
                  <tr key={t.id}>
                    <th scope="row"><code>{t.id}</code></th>
                    <td>{t.label ?? '—'}</td>
                    <td>{t.admin ? 'admin' : t.engagementId ? <a href={href(`/engagements/${t.engagementId}`)}>{byId.get(t.engagementId)?.client ?? t.engagementId}</a> : '—'}</td>
                    <td>{when(t.createdAt)}</td>
                    <td>{t.revokedAt ? `revoked ${when(t.revokedAt)}` : t.id === session.value?.token.id ? 'in use (this session)' : 'active'}</td>
                    <td>{!t.revokedAt && t.id !== session.value?.token.id ? (
                      <button type="button" class="button-small button-danger" aria-label={`Revoke ${t.label ?? t.id}`} onClick={async () => {
                        if (!confirm(`Revoke ${t.label ?? t.id}? Anyone using it is signed out.`)) return;
                        try {
                          await api.del(`/v1/tokens/${t.id}`);
                          setDone(`Revoked ${t.label ?? t.id}.`);
                          await tokens.reload();
                        } catch (err) {
                          setError(err);
                        }
                      }}>Revoke</button>
                    ) : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : null}
      </section>
      <section aria-labelledby="admin-engagements-title">
        <h2 id="admin-engagements-title">Engagements</h2>
        <ul>{(engagements.data?.engagements ?? []).map((e) => <li key={e.id}><a href={href(`/engagements/${e.id}`)}>{e.client}{e.name ? ` — ${e.name}` : ''}</a> <code>{e.id}</code></li>)}</ul>
        <p><a href={href('/')}>Create an engagement</a> from the engagements page.</p>
      </section>
    </>
  );
}
