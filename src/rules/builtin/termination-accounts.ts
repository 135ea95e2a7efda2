/**
 * Terminations tested against an account population (join "accounts"): each terminated person's
 * accounts are found (a person with none is reported: an orphan of the HR list, or an account
 * list that is not complete), disabled within N business days of the termination day, none left
 * active, and none used after the termination day.
 *
 * A person is looked up by the first key both populations carry — employee id, else email, else
 * the row's account name against the account list's username (`accounts_key=auto`), or by the one
 * field `accounts_key` names — and each finding says which key matched. When the termination row
 * names its account (an HR-to-IAM reconciliation, one row per account), only that account counts.
 * Whether an account is disabled comes from `enabled`, `suspended` or the status words
 * (read/account-state.ts), else from a disable date.
 *
 * @example
 * accountJoinRules(parseRuleParams([])).map((r) => r.id)
 * // ['termination.accounts_found', 'termination.accounts_disabled', 'termination.no_active_account', 'termination.no_login_after_accounts']
 */
import { localDay } from '../../period/calendar.js';
import type { PopulationChunk } from '../../population/types.js';
import { joinKey, type JoinIndex } from '../join/build-join-index.js';
import { joinColumn, joinIndexOf, joinLookup } from '../join/join-lookup.js';
import { exception, notApplicable, pass } from '../outcome.js';
import type { RuleParams } from '../params/specs.js';
import { describeDayLimit, formatDayLimit } from '../params/values.js';
import { accountState, type AccountState } from '../read/account-state.js';
import { textColumn, timestampColumn } from '../read/columns.js';
import { localDate } from '../read/local-date.js';
import { daysText, elapsedDays, notYetDue } from '../read/window.js';
import type { FieldColumn } from '../../population/types.js';
import type { ItemRule, JoinRequirement, TestContext } from '../types.js';
import { anchorCheck, defineItemRule } from './define.js';
import { fmt, textReader } from './evidence.js';

const kinds = ['termination'] as const;
const NO_TERMINATION = 'no termination date';

/** The pairs tried in order with accounts_key=auto: [terminations field, accounts field]. */
export const ACCOUNT_KEYS: readonly (readonly [string, string])[] = [['employee_id', 'employee_id'], ['email', 'email'], ['account_id', 'username']];
/** What the rules read of each account. */
const ACCOUNT_FIELDS = ['username', 'account_id', 'system', 'disabled_at', 'last_login', 'status', 'enabled', 'suspended'];

export function accountsJoin(params: RuleParams): JoinRequirement {
  const keys = params.accounts_key === 'auto' ? ACCOUNT_KEYS : [[params.accounts_key, params.accounts_key] as const];
  return { name: 'accounts', leftField: keys[0]![0], keyField: keys[0]![1], keys, fields: ACCOUNT_FIELDS };
}

interface Match {
  /** The value the person was found by (or the first one tried), null when the row has none. */
  person: string | null;
  /** "employee_id", or "email ↔ username" when the two fields differ. */
  matchedOn: string | null;
  tried: string[];
  /** Account rows (positions in the matching index) and that index. */
  rows: number[];
  index: JoinIndex;
  account: string | null;
}

const keyText = (i: JoinIndex, left: string) => (i.keyField === left ? left : `${left} ↔ ${i.keyField}`);

function text(column: FieldColumn | null, i: number): string | null {
  return column && (column.type === 'string' || column.type === 'enum') ? column.values[i] ?? null : null;
}

function num(column: FieldColumn | null, i: number): number | undefined {
  return column && (column.type === 'boolean' || column.type === 'number') ? column.values[i]! : undefined;
}

/** Row → the person's accounts, looked up by the first key that finds them. */
function matcher(chunk: PopulationChunk, ctx: TestContext, fallbackLeft: string): (row: number) => Match {
  const primary = joinIndexOf(ctx, 'accounts');
  const indexes = [primary, ...(primary.fallbacks ?? [])];
  const lookups = indexes.map((index) => ({ index, left: index.leftField ?? fallbackLeft, values: textColumn(chunk, index.leftField ?? fallbackLeft) }));
  const rowAccount = textReader(chunk, 'account_id');
  return (row) => {
    const account = rowAccount(row);
    const tried: string[] = [];
    let first: string | null = null;
    for (const { index, left, values } of lookups) {
      const v = values?.[row];
      if (v == null || v.trim() === '') continue;
      first ??= v;
      tried.push(keyText(index, left));
      const hit = joinLookup(index, v);
      if (!hit) continue;
      const names = joinColumn(index, 'username') ?? joinColumn(index, 'account_id');
      const rows: number[] = [];
      for (let i = hit.from; i < hit.to; i++) {
        const name = text(names, i);
        if (account != null && (name == null || joinKey(name, index.normalised) !== joinKey(account, index.normalised))) continue;
        rows.push(i);
      }
      return { person: v, matchedOn: keyText(index, left), tried, rows, index, account };
    }
    return { person: first, matchedOn: null, tried, rows: [], index: primary, account };
  };
}

/** One account of the index as the rules read it. */
function accountReader(index: JoinIndex) {
  const names = joinColumn(index, 'username') ?? joinColumn(index, 'account_id');
  const system = joinColumn(index, 'system');
  const disabled = joinColumn(index, 'disabled_at');
  const login = joinColumn(index, 'last_login');
  const status = joinColumn(index, 'status');
  const enabled = joinColumn(index, 'enabled');
  const suspended = joinColumn(index, 'suspended');
  const time = (c: FieldColumn | null, i: number) => (c?.type === 'timestamp' ? c.values[i]! : NaN);
  return (i: number): { name: string; disabledAt: number; lastLogin: number; state: AccountState } => {
    const n = text(names, i) ?? `record ${index.record[i]}`;
    const sys = text(system, i);
    const disabledAt = time(disabled, i);
    const e = num(enabled, i);
    const s = num(suspended, i);
    const state = accountState({ ...(e !== undefined ? { enabled: e } : {}), ...(s !== undefined ? { suspended: s } : {}), status: text(status, i), disabledAt });
    return { name: sys ? `${n} (${sys})` : n, disabledAt, lastLogin: time(login, i), state };
  };
}

/**
 * What every rule here binds per chunk: the termination-day anchor (a row without a readable day is
 * decided by it), the lookup of each row's accounts, and the termination days (NaN when unmapped).
 */
function bindAccounts(chunk: PopulationChunk, ctx: TestContext, left: string) {
  return {
    anchor: anchorCheck(chunk, ctx, 'termination_date', NO_TERMINATION),
    match: matcher(chunk, ctx, left),
    termination: timestampColumn(chunk, 'termination_date') ?? new Float64Array(chunk.rows).fill(NaN),
  };
}

const listed = (items: string[]) => items.slice(0, 5).join('; ') + (items.length > 5 ? `; and ${items.length - 5} more` : '');

export function accountJoinRules(params: RuleParams): ItemRule[] {
  const limit = params.disable_days;
  const join = accountsJoin(params);
  const keyParams = { accounts_key: params.accounts_key };
  return [
    defineItemRule({
      id: 'termination.accounts_found',
      name: 'Terminated person\'s accounts found',
      description: 'The person — and the account, when the row names one — is in the account population, looked up by employee id, else email, else account name (accounts_key).',
      kinds,
      params: keyParams,
      needs: [],
      evidence: 'inspect the system account list for the person.',
      join,
      bind(chunk, ctx) {
        const { anchor, match } = bindAccounts(chunk, ctx, join.leftField);
        return (row) => {
          const a = anchor(row);
          if (a) return a;
          const m = match(row);
          if (m.person == null) return exception(`The row has no ${join.keys!.map(([l]) => l).join(', ')} to look up in the account population.`, { [join.leftField]: null });
          if (m.rows.length > 0) return pass(`matched on ${m.matchedOn}`);
          const how = `looked up by ${m.tried.join(', then ')}`;
          const message = m.account != null
            ? `Account ${JSON.stringify(m.account)} of ${JSON.stringify(m.person)} is not in the account population (${m.matchedOn ? `person matched on ${m.matchedOn}` : how}).`
            : `No account of ${JSON.stringify(m.person)} is in the account population (${how}).`;
          return exception(message, { person: m.person, account_id: m.account, matched_on: m.matchedOn, accounts_matched: 0 });
        };
      },
    }),
    defineItemRule({
      id: 'termination.accounts_disabled',
      name: `All accounts disabled within ${describeDayLimit(limit)}`,
      description: `Every account of the person in the account population is disabled, no more than ${describeDayLimit(limit)} after the termination day.`,
      kinds,
      params: { ...keyParams, disable_days: formatDayLimit(limit) },
      needs: [],
      evidence: 'inspect the account list for the person\'s accounts and when they were disabled.',
      join,
      bind(chunk, ctx) {
        const { anchor, match, termination } = bindAccounts(chunk, ctx, join.leftField);
        return (row) => {
          const a = anchor(row);
          if (a) return a;
          const m = match(row);
          if (m.rows.length === 0) return notApplicable('no matching account in the account population (see "accounts found")');
          const read = accountReader(m.index);
          const t = termination[row]!;
          const late: string[] = [];
          let due = 0;
          for (const i of m.rows) {
            const acc = read(i);
            if (acc.state === 'active') {
              if (notYetDue(ctx.calendar, ctx.asOfMs, limit, t)) continue;
              late.push(`${acc.name} (not disabled)`);
            } else if (Number.isNaN(acc.disabledAt)) {
              late.push(`${acc.name} (disabled, but no disable date is recorded)`);
            } else {
              const elapsed = elapsedDays(ctx.calendar, limit.basis, t, acc.disabledAt);
              if (elapsed > limit.days) late.push(`${acc.name} (disabled ${fmt(acc.disabledAt, ctx)}, ${daysText(elapsed, limit.basis)})`);
            }
            due++;
          }
          if (due === 0) return notApplicable('not yet due at the as-of date');
          if (late.length === 0) return pass(`matched on ${m.matchedOn}`);
          return exception(`${late.length} of ${m.rows.length} account${m.rows.length === 1 ? '' : 's'} not disabled within ${describeDayLimit(limit)} of the termination day ${localDate(ctx, t)}: ${listed(late)}.`, { person: m.person, matched_on: m.matchedOn, termination_date: fmt(t, ctx), accounts_matched: m.rows.length, accounts_late: late.length });
        };
      },
    }),
    defineItemRule({
      id: 'termination.no_active_account',
      name: 'No account of the leaver still active',
      description: `No account of the person is still active in the account population once ${describeDayLimit(limit)} have passed since the termination day.`,
      kinds,
      params: { ...keyParams, disable_days: formatDayLimit(limit) },
      needs: [],
      evidence: 'inspect the person\'s accounts in each system.',
      join,
      bind(chunk, ctx) {
        const { anchor, match, termination } = bindAccounts(chunk, ctx, join.leftField);
        return (row) => {
          const a = anchor(row);
          if (a) return a;
          const m = match(row);
          if (m.rows.length === 0) return notApplicable('no matching account in the account population (see "accounts found")');
          const read = accountReader(m.index);
          const active = m.rows.map(read).filter((acc) => acc.state === 'active').map((acc) => acc.name);
          if (active.length === 0) return pass(`matched on ${m.matchedOn}`);
          if (notYetDue(ctx.calendar, ctx.asOfMs, limit, termination[row]!)) return notApplicable(`not yet due: ${active.length} account(s) still active within ${describeDayLimit(limit)} of termination at the as-of date`);
          return exception(`${active.length} account${active.length === 1 ? '' : 's'} of ${JSON.stringify(m.person)} still active: ${listed(active)}.`, { person: m.person, matched_on: m.matchedOn, accounts_active: active.length });
        };
      },
    }),
    defineItemRule({
      id: 'termination.no_login_after_accounts',
      name: 'No account used after termination',
      description: 'No account of the person shows a login on a later local day than the termination day.',
      kinds,
      params: keyParams,
      needs: [],
      evidence: 'inspect the sign-in history of the person\'s accounts.',
      join,
      bind(chunk, ctx) {
        const { anchor, match, termination } = bindAccounts(chunk, ctx, join.leftField);
        return (row) => {
          const a = anchor(row);
          if (a) return a;
          const m = match(row);
          if (m.rows.length === 0) return notApplicable('no matching account in the account population (see "accounts found")');
          if (!joinColumn(m.index, 'last_login')) return { status: 'manual', evidence: 'the account population has no last_login: inspect the sign-in history of the person\'s accounts.' };
          const read = accountReader(m.index);
          const t = termination[row]!;
          const after = m.rows.map(read).filter((acc) => !Number.isNaN(acc.lastLogin) && localDay(ctx.calendar, acc.lastLogin) > localDay(ctx.calendar, t)).map((acc) => `${acc.name} (last login ${fmt(acc.lastLogin, ctx)})`);
          if (after.length === 0) return pass(`matched on ${m.matchedOn}`);
          return exception(`${after.length} account${after.length === 1 ? '' : 's'} used after the termination day ${localDate(ctx, t)}: ${listed(after)}.`, { person: m.person, matched_on: m.matchedOn, accounts_used_after: after.length });
        };
      },
    }),
  ];
}
