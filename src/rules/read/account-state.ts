/**
 * Whether an account can still be used: from `enabled` (True/False), else `suspended`, else the
 * words systems write in a status column (Okta's lifecycle states, "Active", "Disabled"…), else a
 * recorded disable date. An account nothing says is disabled counts as active: a leaver's account
 * is shown disabled by evidence, not by its absence.
 *
 * @example
 * accountState({ status: 'DEPROVISIONED' }) // 'disabled'
 * accountState({ status: 'LOCKED_OUT' })    // 'active' (locked, but it can be unlocked)
 */

/** Status words of a usable account (Okta: ACTIVE, STAGED, PROVISIONED, RECOVERY, LOCKED_OUT, PASSWORD_EXPIRED). */
export const ACTIVE_STATUS: readonly string[] = ['active', 'enabled', 'staged', 'provisioned', 'recovery', 'locked_out', 'locked out', 'password_expired', 'password expired', 'pending'];
/** Status words of an account that cannot sign in (Okta: SUSPENDED, DEPROVISIONED; Google: Suspended, Archived). */
export const DISABLED_STATUS: readonly string[] = ['disabled', 'deprovisioned', 'suspended', 'deactivated', 'inactive', 'deleted', 'terminated', 'archived', 'removed', 'revoked'];

export interface AccountFacts {
  /** 1, 0 or NaN (not recorded). */
  enabled?: number;
  /** 1, 0 or NaN. */
  suspended?: number;
  status?: string | null;
  /** Epoch ms or NaN. */
  disabledAt?: number;
}

export type AccountState = 'active' | 'disabled';

export function accountState(a: AccountFacts): AccountState {
  if (a.enabled === 1) return 'active';
  if (a.enabled === 0) return 'disabled';
  if (a.suspended === 1) return 'disabled';
  if (a.suspended === 0) return 'active';
  const s = a.status?.trim().toLowerCase();
  if (s) {
    if (DISABLED_STATUS.includes(s)) return 'disabled';
    if (ACTIVE_STATUS.includes(s)) return 'active';
  }
  return a.disabledAt !== undefined && !Number.isNaN(a.disabledAt) ? 'disabled' : 'active';
}
