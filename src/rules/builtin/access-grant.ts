/**
 * Built-in attributes for access provisioning (CC6.2): a request exists, approved before access
 * was granted (same instant passes), approver ≠ grantee (user_id), granted within N days of the
 * approval. Birthright roles (granted automatically) make them not applicable; a blank
 * granted_at makes the timing attributes not applicable (no grant happened).
 *
 * @example
 * accessGrantRules(parseRuleParams(['grant_days=5bd'])).map((r) => r.id)
 */
import type { PopulationChunk } from '../../population/types.js';
import { exception, notApplicable, pass } from '../outcome.js';
import type { RuleParams } from '../params/specs.js';
import { describeDayLimit, formatDayLimit } from '../params/values.js';
import { timestampColumn } from '../read/columns.js';
import { normaliseName } from '../read/person.js';
import { daysText, elapsedDays, hoursText } from '../read/window.js';
import type { ItemRule, Outcome } from '../types.js';
import { anchorCheck, defineItemRule, defineManualRule } from './define.js';
import { fmt, listText, observedTimes, requiredTime, textReader } from './evidence.js';
import { peopleComparer, separatorsOf } from './segregation.js';

const kinds = ['access_grant'] as const;
const NOT_GRANTED = 'no access was granted';

export function accessGrantRules(params: RuleParams): ItemRule[] {
  const strict = params.strict_names;
  const birthright = new Set(params.birthright_roles.map(normaliseName));
  const birthrightGate = (chunk: PopulationChunk) => {
    const role = textReader(chunk, 'role');
    return (row: number): Outcome | null => {
      const r = role(row);
      return r != null && birthright.has(normaliseName(r)) ? notApplicable(`role ${JSON.stringify(r)} is granted automatically (birthright_roles = ${listText(params.birthright_roles)})`) : null;
    };
  };
  const granted = (chunk: PopulationChunk) => timestampColumn(chunk, 'granted_at') ?? new Float64Array(chunk.rows).fill(NaN);
  const shared = { birthright_roles: params.birthright_roles.join('|') };

  return [
    defineItemRule({
      id: 'access_grant.request_present',
      name: 'Access request present',
      description: 'The grant references an access request (request_id).',
      kinds,
      params: shared,
      needs: ['request_id'],
      evidence: 'inspect the access request behind the grant.',
      bind(chunk) {
        const gate = birthrightGate(chunk);
        const request = textReader(chunk, 'request_id');
        return (row) => gate(row) ?? (request(row) == null ? exception('No access request is recorded for the grant.', { request_id: null }) : pass());
      },
    }),
    defineItemRule({
      id: 'access_grant.approved_before_granted',
      name: 'Approved before access was granted',
      description: 'approved_at ≤ granted_at (an approval at the same instant as the grant passes).',
      kinds,
      params: shared,
      needs: ['approved_at'],
      evidence: 'inspect the approval date against the provisioning date.',
      bind(chunk, ctx) {
        const gate = birthrightGate(chunk);
        const anchor = anchorCheck(chunk, ctx, 'granted_at', NOT_GRANTED);
        const approvedAt = requiredTime(chunk, ctx, 'approved_at', 'No approval date is recorded');
        const grantedAt = granted(chunk);
        return (row) => {
          const early = gate(row) ?? anchor(row);
          if (early) return early;
          const approved = approvedAt(row);
          if (typeof approved !== 'number') return approved;
          const g = grantedAt[row]!;
          if (approved <= g) return pass();
          return exception(`Approved ${fmt(approved, ctx)}, ${hoursText(approved - g)} after access was granted at ${fmt(g, ctx)}.`, observedTimes(chunk, ctx, row, ['approved_at', 'granted_at']));
        };
      },
    }),
    defineItemRule({
      id: 'access_grant.approver_not_grantee',
      name: 'Approver is not the grantee',
      description: `The approver is not the user who received the access (user_id)${strict ? ', compared exactly' : ', case and spacing ignored'}.`,
      kinds,
      params: { ...shared, strict_names: strict },
      needs: ['approver'],
      evidence: 'inspect who approved the access.',
      bind(chunk, ctx) {
        const gate = birthrightGate(chunk);
        const approver = textReader(chunk, 'approver');
        const compare = peopleComparer(strict);
        const user = textReader(chunk, 'user_id');
        return (row) => gate(row) ?? compare({ role: 'approver', value: approver(row), ...separatorsOf(ctx, 'approver') }, { role: 'user_id', value: user(row) });
      },
    }),
    defineItemRule({
      id: 'access_grant.granted_within_days',
      name: `Granted within ${describeDayLimit(params.grant_days)} of approval`,
      description: `granted_at is no more than ${describeDayLimit(params.grant_days)} after approved_at (a grant before the approval is judged by "approved before access was granted").`,
      kinds,
      params: { ...shared, grant_days: formatDayLimit(params.grant_days) },
      needs: ['approved_at'],
      evidence: 'inspect the approval and provisioning dates.',
      bind(chunk, ctx) {
        const gate = birthrightGate(chunk);
        const anchor = anchorCheck(chunk, ctx, 'granted_at', NOT_GRANTED);
        const approvedAt = requiredTime(chunk, ctx, 'approved_at', 'No approval date is recorded');
        const grantedAt = granted(chunk);
        const { days, basis } = params.grant_days;
        return (row) => {
          const early = gate(row) ?? anchor(row);
          if (early) return early;
          const approved = approvedAt(row);
          if (typeof approved !== 'number') return approved;
          const elapsed = elapsedDays(ctx.calendar, basis, approved, grantedAt[row]!);
          if (elapsed <= days) return pass();
          return exception(`Access was granted ${daysText(elapsed, basis)} after its approval; the limit is ${describeDayLimit(params.grant_days)}.`, { ...observedTimes(chunk, ctx, row, ['approved_at', 'granted_at']), elapsed_days: elapsed });
        };
      },
    }),
    defineManualRule({
      id: 'access_grant.access_matches_request',
      name: 'Access granted matches the request (inspect)',
      description: 'Inspect the request and the system: the role granted is the role requested and approved.',
      kinds,
      evidence: 'Compare the role granted with the approved request and tick when they agree.',
      applies: (chunk) => birthrightGate(chunk),
    }),
  ];
}
