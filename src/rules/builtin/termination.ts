/**
 * Built-in attributes for terminations (CC6.2/CC6.3): account disabled within N business days of
 * the termination day; no login after the termination day; with an account population (join
 * "accounts", termination-accounts.ts), every terminated person's accounts found, disabled in time,
 * none left active and none used after the termination day. A termination list that names no
 * accounts (an HR list) leaves the first two to the join.
 *
 * Days are local days of the calendar's zone: the termination *day* is the local date of
 * termination_date, so a login at 22:30 in Los Angeles on the termination date (06:30 UTC the next
 * day) is on the termination day and passes. "No login after termination" fails when the last
 * login falls on a later local day (a login during the last working day is expected). A row whose
 * account_id is blank has no account to disable (not applicable).
 *
 * @example
 * terminationRules(parseRuleParams(['disable_days=3bd']), { joins: ['accounts'] }).length // 7
 */
import type { PopulationChunk } from '../../population/types.js';
import { localDay } from '../../period/calendar.js';
import { exception, notApplicable, pass } from '../outcome.js';
import type { RuleParams } from '../params/specs.js';
import { describeDayLimit, formatDayLimit } from '../params/values.js';
import { cellState, fieldColumn, timestampColumn } from '../read/columns.js';
import { daysText, elapsedDays, notYetDue } from '../read/window.js';
import { localDate } from '../read/local-date.js';
import type { ItemRule, Outcome } from '../types.js';
import { accountJoinRules } from './termination-accounts.js';
import { anchorCheck, defineItemRule, defineManualRule } from './define.js';
import { fmt, observedTimes, textReader } from './evidence.js';

const kinds = ['termination'] as const;
const NO_TERMINATION = 'no termination date';

function accountGate(chunk: PopulationChunk) {
  const mapped = fieldColumn(chunk, 'account_id') !== null;
  const account = textReader(chunk, 'account_id');
  return (row: number): Outcome | null => (mapped && account(row) == null ? notApplicable('no account is listed for the person: nothing to disable') : null);
}

const terminated = (chunk: PopulationChunk) => timestampColumn(chunk, 'termination_date') ?? new Float64Array(chunk.rows).fill(NaN);

export interface TerminationRuleOptions {
  joins?: readonly string[];
  /** Canonical fields the population maps, when known: with an accounts join, the row attributes it cannot answer are left to the join's. */
  fields?: readonly string[];
}

function disabledWithinDays(limit: RuleParams['disable_days']): ItemRule {
  return defineItemRule({
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
  });
}

function noLoginAfter(): ItemRule {
  return defineItemRule({
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
  });
}

const hrEvidence = defineManualRule({
  id: 'termination.hr_evidence',
  name: 'Termination date agrees to HR evidence (inspect)',
  description: 'Inspect the HR record: the person was terminated on the date in the population.',
  kinds,
  evidence: 'Agree the termination date to the HR system or separation notice and tick.',
});

export function terminationRules(params: RuleParams, opts: TerminationRuleOptions = {}): ItemRule[] {
  const joined = opts.joins?.includes('accounts') ?? false;
  const rowHas = (field: string) => !joined || !opts.fields || opts.fields.includes(field);
  const rules: ItemRule[] = [];
  if (rowHas('disabled_at')) rules.push(disabledWithinDays(params.disable_days));
  if (rowHas('last_login')) rules.push(noLoginAfter());
  if (joined) rules.push(...accountJoinRules(params));
  rules.push(hrEvidence);
  return rules;
}
