/**
 * The signed-in session: the API token (kept in this tab's sessionStorage only — closing the tab
 * forgets it) and who it is (`GET /v1/me`). An engagement token sees its engagement only, as the
 * API enforces; the app shows what the token may do and nothing else.
 *
 * @example
 * await signIn('tmk_…') // throws the coded error when the token is refused
 * session.value?.token.admin
 */
import { signal } from '@preact/signals';
import { api } from '../api/client.js';
import type { ApiToken } from '../api/types.js';

const KEY = 'tickmark.token';

export interface Session {
  secret: string;
  token: ApiToken;
}

export const session = signal<Session | null>(null);
/** Why the last session ended, when it was not the user's choice. */
export const sessionNotice = signal<string | null>(null);

export function currentToken(): string | undefined {
  return session.value?.secret ?? undefined;
}

export function endSession(notice: string | null = null): void {
  sessionStorage.removeItem(KEY);
  session.value = null;
  sessionNotice.value = notice;
}

/** Check the token with the service and keep it for this tab. */
export async function signIn(secret: string): Promise<Session> {
  const { token } = await api.get<{ token: ApiToken }>('/v1/me', { token: secret.trim() });
  const s = { secret: secret.trim(), token };
  sessionStorage.setItem(KEY, s.secret);
  sessionNotice.value = null;
  session.value = s;
  return s;
}

/** Sign in again with the token this tab kept, if any (a reload keeps the session). */
export async function resumeSession(): Promise<void> {
  const kept = sessionStorage.getItem(KEY);
  if (!kept) return;
  try {
    await signIn(kept);
  } catch {
    endSession('Your session ended: sign in again.');
  }
}
