/**
 * Built-in attributes for terminations (CC6.2/CC6.3): account disabled within N business days of
 * the termination day; no login after the termination day; with an account population (join
 * "accounts"), every terminated person's accounts found and disabled in time.
 *
 * Days are local days of the calendar's zone: the termination *day* is the local date of
 * termination_date, so a login at 22:30 in Los Angeles on the termination date (06:30 UTC the next
 * day) is on the termination day and passes. "No login after termination" fails when the last
 * login falls on a later local day (a login during the last working day is expected). A row whose
 * account_id is blank has no account to disable (not applicable).
 *
 * @example
 * terminationRules(parseRuleParams(['disable_days=3bd']), { joins: ['accounts'] }).length // 5
 */
import type { PopulationChunk } from '../../population/types.js';
import { localDay } from '../../period/calendar.js';
import { exception, notApplicable, pass } from '../outcome.js';
import type { RuleParams } from '../params/specs.js';
import { describeDayLimit, formatDayLimit } from '../params/values.js';
import { cellState, fieldColumn, textColumn, timestampColumn } from '../read/columns.js';
import { joinKey } from '../join/build-join-index.js';
import { joinColumn, joinIndexOf, joinLookup } from '../join/join-lookup.js';
import { daysText, elapsedDays, notYetDue } from '../read/window.js';
import type { ItemRule, Outcome, TestContext } from '../types.js';
import { anchorCheck, defineItemRule, defineManualRule } from './define.js';
import { fmt, observedTimes, textReader } from './evidence.js';

const kinds = ['termination'] as const;
const NO_TERMINATION = 'no termination date';
const DAY = 86_400_000;

/** The local date (YYYY-MM-DD) of an instant in the calendar's zone. */
function localDate(ctx: TestContext, ms: number): string {
  return new Date(localDay(ctx.calendar, ms) * DAY).toISOString().slice(0, 10);
}

function accountGate(chunk: PopulationChunk) {
  const mapped = fieldColumn(chunk, 'account_id') !== null;
  const account = textReader(chunk, 'account_id');
  return (row: number): Outcome | null => (mapped && account(row) == null ? notApplicable('no account is listed for the person: nothing to disable') : null);
}

const terminated = (chunk: PopulationChunk) => timestampColumn(chunk, 'termination_date') ?? new Float64Array(chunk.rows).fill(NaN);

export function terminationRules(params: RuleParams, opts: { joins?: readonly string[] } = {}): ItemRule[] {
  const limit = params.disable_days;
  const rules: ItemRule[] = [
    defineItemRule({
      id: 'termination.disabled_within_days',
      name: `Access disabled within ${describeDayLimit(limit)}`,
      description: `disabled_at is no more than ${describeDayLimit(limit)} after the termination day (local days of the calendar; weekends and holidays are not business days).`,
      kinds,
      params: { disable_days: formatDayLimit(limit) },
      needs: ['disabled_at'],
      evidence: 'inspect when the account was disabled.',
      bind(chunk, ctx) {
        const gate = accountGate(chunk);
        const anchor = anchorCheck(chunk, ctx, 'termination_date', NO_TERMINATION);
        const disabledAt = timestampColumn(chunk, 'disabled_at')!;
        const termination = terminated(chunk);
        return (row) => {
          const early = gate(row) ?? anchor(row);
          if (early) return early;
          const t = termination[row]!;
          const d = disabledAt[row]!;
          if (Number.isNaN(d)) {
            const state = cellState(chunk, ctx, 'disabled_at', row);
            if (state === 'blank' && notYetDue(ctx.calendar, ctx.asOfMs, limit, t)) return notApplicable(`not yet due: the account is still enabled at the as-of date, within ${describeDayLimit(limit)} of termination`);
            const raw = observedTimes(chunk, ctx, row, ['termination_date', 'disabled_at']);
            return exception(state === 'unparseable' ? `The disable date ${JSON.stringify(raw.disabled_at)} cannot be read as a date.` : 'The account is not disabled (disabled_at is blank).', raw);
          }
          const elapsed = elapsedDays(ctx.calendar, limit.basis, t, d);
          if (elapsed <= limit.days) return elapsed < 0 ? pass('disabled before the termination day') : pass();
          return exception(`Disabled ${daysText(elapsed, limit.basis)} after the termination day ${localDate(ctx, t)}; the limit is ${describeDayLimit(limit)}.`, { ...observedTimes(chunk, ctx, row, ['termination_date', 'disabled_at']), elapsed_days: elapsed });
        };
      },
    }),
    defineItemRule({
      id: 'termination.no_login_after',
      name: 'No login after termination',
      description: 'The last login is on or before the termination day (local date in the calendar\'s zone); no recorded login passes.',
      kinds,
      needs: ['last_login'],
      evidence: 'inspect the account\'s sign-in history after the termination date.',
      bind(chunk, ctx) {
        const gate = accountGate(chunk);
        const anchor = anchorCheck(chunk, ctx, 'termination_date', NO_TERMINATION);
        const lastLogin = timestampColumn(chunk, 'last_login')!;
        const termination = terminated(chunk);
        return (row) => {
          const early = gate(row) ?? anchor(row);
          if (early) return early;
          const login = lastLogin[row]!;
          const t = termination[row]!;
          if (Number.isNaN(login)) {
            if (cellState(chunk, ctx, 'last_login', row) === 'blank') return pass('no login recorded');
            const raw = observedTimes(chunk, ctx, row, ['termination_date', 'last_login']);
            return exception(`The last login ${raw.last_login == null ? '(blank or unparseable)' : JSON.stringify(raw.last_login)} cannot be read as a date.`, raw);
          }
          if (localDay(ctx.calendar, login) <= localDay(ctx.calendar, t)) return pass();
          return exception(`Last login ${fmt(login, ctx)} is after the termination day ${localDate(ctx, t)} (${ctx.calendar.timeZone}).`, observedTimes(chunk, ctx, row, ['termination_date', 'last_login']));
        };
      },
    }),
  ];

  if (opts.joins?.includes('accounts')) {
    const key = params.accounts_key;
    const join = { name: 'accounts', leftField: key, keyField: key, fields: ['account_id', 'disabled_at'] };
    /** Accounts of the row's person in the account population; restricted to the row's account when it has one. */
    const matchAccounts = (chunk: PopulationChunk, ctx: TestContext) => {
      const index = joinIndexOf(ctx, 'accounts');
      const person = textColumn(chunk, key);
      const rowAccount = textReader(chunk, 'account_id');
      const accountIds = joinColumn(index, 'account_id');
      return (row: number): { person: string | null; rows: number[]; account: string | null } => {
        const p = person?.[row];
        if (p == null || p.trim() === '') return { person: null, rows: [], account: null };
        const hit = joinLookup(index, p);
        const rows: number[] = [];
        const account = rowAccount(row);
        if (hit) {
          for (let i = hit.from; i < hit.to; i++) {
            if (account != null && accountIds && (accountIds.type === 'string' || accountIds.type === 'enum')) {
              const id = accountIds.values[i];
              if (id == null || joinKey(id, index.normalised) !== joinKey(account, index.normalised)) continue;
            }
            rows.push(i);
          }
        }
        return { person: p, rows, account };
      };
    };
    rules.push(
      defineItemRule({
        id: 'termination.accounts_found',
        name: 'Terminated person\'s accounts found',
        description: `The person (${key}) — and the account, when the row names one — is found in the account population.`,
        kinds,
        params: { accounts_key: key },
        needs: [],
        evidence: 'inspect the system account list for the person.',
        join,
        bind(chunk, ctx) {
          const anchor = anchorCheck(chunk, ctx, 'termination_date', NO_TERMINATION);
          const match = matchAccounts(chunk, ctx);
          return (row) => {
            const a = anchor(row);
            if (a) return a;
            const m = match(row);
            if (m.person == null) return exception(`The row has no ${key} to look up in the account population.`, { [key]: null });
            if (m.rows.length > 0) return pass();
            const message = m.account != null
              ? `Account ${JSON.stringify(m.account)} of ${JSON.stringify(m.person)} is not in the account population (matched on ${key}).`
              : `No account of ${JSON.stringify(m.person)} is in the account population (matched on ${key}).`;
            return exception(message, { [key]: m.person, account_id: m.account, accounts_matched: 0 });
          };
        },
      }),
      defineItemRule({
        id: 'termination.accounts_disabled',
        name: `All accounts disabled within ${describeDayLimit(limit)}`,
        description: `Every matching account in the account population has disabled_at no more than ${describeDayLimit(limit)} after the termination day.`,
        kinds,
        params: { accounts_key: key, disable_days: formatDayLimit(limit) },
        needs: [],
        evidence: 'inspect the account list for the person\'s accounts and when they were disabled.',
        join,
        bind(chunk, ctx) {
          const anchor = anchorCheck(chunk, ctx, 'termination_date', NO_TERMINATION);
          const match = matchAccounts(chunk, ctx);
          const index = joinIndexOf(ctx, 'accounts');
          const ids = joinColumn(index, 'account_id');
          const disabled = joinColumn(index, 'disabled_at');
          const termination = terminated(chunk);
          const disabledMs = (i: number): number => {
            if (!disabled) return NaN;
            if (disabled.type === 'timestamp') return disabled.values[i]!;
            if (disabled.type === 'string' || disabled.type === 'enum') return Date.parse(disabled.values[i] ?? '');
            return NaN;
          };
          const idOf = (i: number) => (ids && (ids.type === 'string' || ids.type === 'enum') ? ids.values[i] : null) ?? `record ${index.record[i]}`;
          return (row) => {
            const a = anchor(row);
            if (a) return a;
            const m = match(row);
            if (m.rows.length === 0) return notApplicable('no matching account in the account population (see "accounts found")');
            const t = termination[row]!;
            const late: string[] = [];
            let due = 0;
            for (const i of m.rows) {
              const d = disabledMs(i);
              if (Number.isNaN(d)) {
                if (notYetDue(ctx.calendar, ctx.asOfMs, limit, t)) continue;
                late.push(`${idOf(i)} (not disabled)`);
              } else {
                const elapsed = elapsedDays(ctx.calendar, limit.basis, t, d);
                if (elapsed > limit.days) late.push(`${idOf(i)} (disabled ${fmt(d, ctx)}, ${daysText(elapsed, limit.basis)})`);
              }
              due++;
            }
            if (due === 0) return notApplicable('not yet due at the as-of date');
            if (late.length === 0) return pass();
            const shown = late.slice(0, 5).join('; ') + (late.length > 5 ? `; and ${late.length - 5} more` : '');
            return exception(`${late.length} of ${m.rows.length} account${m.rows.length === 1 ? '' : 's'} not disabled within ${describeDayLimit(limit)} of the termination day ${localDate(ctx, t)}: ${shown}.`, { [key]: m.person, termination_date: fmt(t, ctx), accounts_matched: m.rows.length, accounts_late: late.length });
          };
        },
      }),
    );
  }

  rules.push(
    defineManualRule({
      id: 'termination.hr_evidence',
      name: 'Termination date agrees to HR evidence (inspect)',
      description: 'Inspect the HR record: the person was terminated on the date in the population.',
      kinds,
      evidence: 'Agree the termination date to the HR system or separation notice and tick.',
    }),
  );
  return rules;
}
