/**
 * Built-in attributes for an account population (CC6.1–CC6.3): each account is traced to a person
 * (an employee id or an email — otherwise it is an orphan or a service account to explain); no
 * active account is dormant at the period end (no login for longer than dormant_days); and, to
 * inspect, the access suits the person's role. Accounts are tested against terminations through
 * the termination kind's "accounts" join.
 *
 * @example
 * accountRules(parseRuleParams(['dormant_days=60d'])).map((r) => r.id)
 * // ['account.owner_identified', 'account.not_dormant', 'account.access_appropriate']
 */
import { exception, notApplicable, pass } from '../outcome.js';
import type { RuleParams } from '../params/specs.js';
import { describeDayLimit, formatDayLimit } from '../params/values.js';
import { accountState } from '../read/account-state.js';
import { cellState, fieldColumn, numberColumn, timestampColumn } from '../read/columns.js';
import { daysText, elapsedDays } from '../read/window.js';
import type { ItemRule } from '../types.js';
import { defineItemRule, defineManualRule } from './define.js';
import { fmt, observedTimes, textReader } from './evidence.js';

const kinds = ['account'] as const;

export function accountRules(params: RuleParams): ItemRule[] {
  const limit = params.dormant_days;
  return [
    defineItemRule({
      id: 'account.owner_identified',
      name: 'Account traced to a person',
      description: 'The account records an employee id or an email that ties it to a person (none: an orphan or a service account whose owner must be shown).',
      kinds,
      needs: [],
      evidence: 'inspect who owns the account.',
      bind(chunk) {
        if (!fieldColumn(chunk, 'employee_id') && !fieldColumn(chunk, 'email')) return () => ({ status: 'manual', evidence: 'neither "employee_id" nor "email" is in the population: inspect who owns each account.' });
        const employee = textReader(chunk, 'employee_id');
        const email = textReader(chunk, 'email');
        return (row) => (employee(row) ?? email(row)) != null ? pass() : exception('The account has no employee id and no email: it cannot be traced to a person.', { employee_id: null, email: null });
      },
    }),
    defineItemRule({
      id: 'account.not_dormant',
      name: `No active account unused for more than ${describeDayLimit(limit)}`,
      description: `An active account has a login within ${describeDayLimit(limit)} before the period end (an account never used counts from its creation).`,
      kinds,
      params: { dormant_days: formatDayLimit(limit) },
      needs: ['last_login'],
      evidence: 'inspect the account\'s sign-in history.',
      bind(chunk, ctx) {
        const lastLogin = timestampColumn(chunk, 'last_login')!;
        const created = timestampColumn(chunk, 'created_at');
        const enabled = numberColumn(chunk, 'enabled');
        const suspended = numberColumn(chunk, 'suspended');
        const status = textReader(chunk, 'status');
        const disabledAt = timestampColumn(chunk, 'disabled_at');
        return (row) => {
          const state = accountState({ ...(enabled ? { enabled: enabled[row]! } : {}), ...(suspended ? { suspended: suspended[row]! } : {}), status: status(row), ...(disabledAt ? { disabledAt: disabledAt[row]! } : {}) });
          if (state === 'disabled') return notApplicable('the account is disabled');
          if (ctx.asOfMs === undefined) return notApplicable('no period end to judge dormancy against (test with --period)');
          let since = lastLogin[row]!;
          if (Number.isNaN(since)) {
            if (cellState(chunk, ctx, 'last_login', row) === 'unparseable') return exception('The last login cannot be read as a date.', observedTimes(chunk, ctx, row, ['last_login']));
            since = created ? created[row]! : NaN;
            if (Number.isNaN(since)) return exception('The account has never been used and has no creation date: its dormancy cannot be judged.', observedTimes(chunk, ctx, row, ['last_login']));
          }
          const idle = elapsedDays(ctx.calendar, limit.basis, since, ctx.asOfMs);
          if (idle <= limit.days) return pass();
          return exception(`Active, with no login for ${daysText(idle, limit.basis)} at ${fmt(ctx.asOfMs, ctx)}; the limit is ${describeDayLimit(limit)}.`, { ...observedTimes(chunk, ctx, row, ['last_login', 'created_at']), idle_days: idle });
        };
      },
    }),
    defineManualRule({
      id: 'account.access_appropriate',
      name: 'Access appropriate to the role (inspect)',
      description: 'Inspect the account\'s access against the person\'s role and the access approval.',
      kinds,
      evidence: 'Compare the account\'s groups/roles with the person\'s job and the approval on file, then tick.',
    }),
  ];
}
