/**
 * Sign in with an API token (from `tickmark token create`, or an admin's Tokens page). The token
 * is checked with the service and kept for this browser tab only (sessionStorage).
 */
import { useState } from 'preact/hooks';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading } from '../components/bits.js';
import { TextField } from '../components/fields.js';
import { sessionNotice, signIn } from '../state/session.js';

export function SignIn() {
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div class="sign-in">
      <PageHeading title="Sign in">Sign in to tickmark</PageHeading>
      <p>Audit sampling for SOC 2 dry-runs: upload a population, prove it complete, pull a reproducible sample, test it and download the workbook.</p>
      {sessionNotice.value ? <p class="notice" role="status">{sessionNotice.value}</p> : null}
      <form class="card" onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await signIn(secret);
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}>
        <TextField label="API token" type="password" value={secret} onValue={setSecret} required autoComplete="off"
          hint={<>Starts with <code>tmk_</code>. Create one with <code>tickmark token create</code>. It is kept for this tab only.</>} />
        <ErrorNotice error={error} title="Not signed in" />
        <button type="submit" disabled={busy || !secret.trim()}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
      <p><a href="/docs">API reference</a> — everything this app does, a script can do with the same token.</p>
    </div>
  );
}
