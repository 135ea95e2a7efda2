/**
 * Access grant (provisioning) rows (CC6.2), as an IAM export. Clean rows: requested, then approved
 * by someone other than the grantee, then granted 65 minutes to 20 hours after approval (within
 * two business days). Each deviation breaks exactly one of those.
 *
 * @example
 * accessGrantModel.parameters.grantWithinBusinessDays // 2
 */
import { DAY, HOUR, MINUTE, dayStart, isWeekend } from '../time.js';
import { personName, roles, systems } from '../vocabulary.js';
import type { KindModel } from './model.js';
import { distinctPeople } from './people.js';

const grantWithinBusinessDays = 2;

/** The business day `n` business days before `day`. */
function businessDaysBefore(day: number, n: number): number {
  let d = day;
  for (let left = n; left > 0; ) {
    d--;
    if (!isWeekend(d)) left--;
  }
  return d;
}

export const accessGrantModel: KindModel = {
  kind: 'access_grant',
  prefix: 'GRT',
  columns: [
    { header: 'Provisioning ID', field: 'grant_id' },
    { header: 'Username', field: 'user_id' },
    { header: 'Application', field: 'system' },
    { header: 'Role', field: 'role' },
    { header: 'Request Number', field: 'request_id' },
    { header: 'Requested On', field: 'requested_at' },
    { header: 'Approved By', field: 'approver' },
    { header: 'Approved On', field: 'approved_at' },
    { header: 'Provisioned On', field: 'granted_at' },
    { header: 'Justification', text: true },
  ],
  keyFields: ['grant_id'],
  eventField: 'granted_at',
  required: ['granted_at', 'user_id', 'grant_id'],
  numbering: 'row',
  newlineColumn: 'Justification',
  parameters: {
    approvalBeforeGrant: 'approved_at ≤ granted_at (clean rows: at least 65 minutes before)',
    segregation: 'approver ≠ grantee (user_id)',
    grantWithinBusinessDays,
    lateGrant: `granted more than ${grantWithinBusinessDays} business days (Mon–Fri, no holidays) after approval`,
  },
  create(env) {
    const { rand, deviationRand: dev, ts, timeZone } = env;
    const justifications = ['New joiner', 'Role change', 'Project access, 90 days', 'On-call rotation', 'Audit support'] as const;
    return {
      row({ at, day, number, variant }) {
        const [user, appr] = distinctPeople(rand, 2) as [number, number];
        const userId = personName(user);
        let approver = personName(appr);
        let approvedAt = at - Math.round(rand.between(65 * MINUTE, 20 * HOUR) / 1000) * 1000;
        let requestId = `REQ${String(rand.range(1, 9_999_999)).padStart(7, '0')}`;
        const requestedAt = approvedAt - Math.round(rand.between(65 * MINUTE, 3 * DAY) / 1000) * 1000;
        let requestedText = ts.instant(requestedAt);
        switch (variant) {
          case 'grantBeforeApproval':
            approvedAt = at + Math.round(dev.between(65 * MINUTE, 2 * DAY) / 1000) * 1000;
            break;
          case 'selfApproval':
            approver = userId;
            break;
          case 'lateGrant': {
            const approvedDay = businessDaysBefore(day, grantWithinBusinessDays + dev.range(3, 12));
            approvedAt = dayStart(approvedDay, timeZone) + Math.round(dev.between(9 * HOUR, 17 * HOUR) / 1000) * 1000;
            requestedText = ts.instant(approvedAt - Math.round(dev.between(65 * MINUTE, 2 * DAY) / 1000) * 1000);
            break;
          }
          case 'missingRequest':
            requestId = requestedText = '';
            break;
        }
        let approvedText = ts.instant(approvedAt);
        if (variant === 'missingApproval') approver = approvedText = '';
        return [
          env.keyText(number), userId, rand.pick(systems), rand.pick(roles), requestId, requestedText, approver, approvedText, ts.instant(at), rand.pick(justifications),
        ];
      },
      vary(cells) {
        cells[3] = cells[3] === 'read-only' ? 'analyst' : 'read-only';
      },
    };
  },
};
