/**
 * The frame of every signed-in page: a skip link, the header (the app's name, where to go, who is
 * signed in and with what scope, sign out), and the page itself in `<main>`.
 */
import type { ComponentChildren } from 'preact';
import { endSession, session } from '../state/session.js';
import { href, navigate, route } from '../state/router.js';

export function Layout({ children }: { children: ComponentChildren }) {
  const s = session.value;
  const current = route.value.name;
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>Skip to content</a>
      <header class="top">
        <a class="brand" href={href('/')}><span aria-hidden="true">✓</span> tickmark</a>
        <nav aria-label="Main">
          <ul>
            <li><a href={href('/')} aria-current={current === 'engagements' ? 'page' : undefined}>Engagements</a></li>
            {s?.token.admin ? <li><a href={href('/admin')} aria-current={current === 'admin' ? 'page' : undefined}>Admin</a></li> : null}
            <li><a href="/docs" target="_blank" rel="noopener">API reference</a></li>
          </ul>
        </nav>
        {s ? (
          <div class="who">
            <span>
              {s.token.label ?? s.token.id} · {s.token.admin ? 'admin' : `engagement ${s.token.engagementId}`}
            </span>
            <button type="button" class="button-quiet" onClick={() => {
              endSession();
              navigate('/'); // the next person to sign in starts at the beginning
            }}>Sign out</button>
          </div>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}
