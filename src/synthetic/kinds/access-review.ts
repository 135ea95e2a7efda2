/**
 * User access review line items (CC6.1–CC6.3), as a certification-campaign export: one row per
 * reviewed user. Clean rows review the previous calendar month (completed 1–31 days after its
 * end, within 45), the reviewer is neither the reviewed user nor the owner, and revocations (when
 * any) are done within hours. Each deviation breaks exactly one of those.
 *
 * @example
 * accessReviewModel.parameters.reviewDueDays // 45
 */
import { DAY, HOUR, MINUTE, addBusinessDays, dayStart, isoDay } from '../time.js';
import { personName, systems } from '../vocabulary.js';
import type { KindModel } from './model.js';
import { distinctPeople } from './people.js';

const reviewDueDays = 45;
const revokeWithinBusinessDays = 5;

/** Day number of the last day of the month `monthsBack` months before the month of `day`. */
function monthEnd(day: number, monthsBack: number): { end: number; label: string } {
  const date = new Date(day * DAY);
  const firstOfNext = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - monthsBack + 1, 1);
  const end = firstOfNext / DAY - 1;
  return { end, label: isoDay(end).slice(0, 7) };
}

export const accessReviewModel: KindModel = {
  kind: 'access_review',
  prefix: 'UAR',
  columns: [
    { header: 'Campaign ID', field: 'review_id' },
    { header: 'Review Period', field: 'period' },
    { header: 'Period End', field: 'period_end' },
    { header: 'Application', field: 'system' },
    { header: 'Reviewed By', field: 'reviewer' },
    { header: 'User', field: 'reviewed_user' },
    { header: 'System Owner', field: 'owner' },
    { header: 'Completed On', field: 'completed_at' },
    { header: 'Revocations Requested', field: 'revocations' },
    { header: 'Removal Date', field: 'revoked_at' },
    { header: 'Comments', text: true },
  ],
  keyFields: ['review_id'],
  eventField: 'completed_at',
  required: ['completed_at', 'system', 'review_id'],
  numbering: 'row',
  newlineColumn: 'Comments',
  parameters: {
    reviewedPeriod: 'the calendar month before completion (YYYY-MM), period_end its last day',
    reviewDueDays,
    lateReview: `completed_at more than ${reviewDueDays} calendar days after period_end (clean rows: 1–31 days)`,
    selfReview: 'reviewer = reviewed_user (clean rows: reviewer, reviewed user and owner all differ)',
    revokeWithinBusinessDays,
    lateRevocation: `revoked_at more than ${revokeWithinBusinessDays} business days (Mon–Fri, no holidays) after completed_at`,
  },
  create(env) {
    const { rand, deviationRand: dev, ts, timeZone } = env;
    const comments = ['No changes', 'Access confirmed', 'Removed stale access, per owner', 'Reviewed with manager'] as const;
    return {
      row({ at, day, number, variant }) {
        const [reviewer, user, owner] = distinctPeople(rand, 3) as [number, number, number];
        const period = monthEnd(day, variant === 'lateReview' ? dev.range(3, 5) : 1);
        const revocations = variant === 'lateRevocation' ? dev.range(1, 5) : rand.next() < 0.75 ? 0 : rand.range(1, 5);
        let revoked = revocations > 0 ? ts.instant(at + Math.round(rand.between(10 * MINUTE, 6 * HOUR) / 1000) * 1000) : '';
        if (variant === 'lateRevocation') {
          revoked = ts.instant(dayStart(addBusinessDays(day, revokeWithinBusinessDays + dev.range(2, 10)), timeZone) + Math.round(dev.between(9 * HOUR, 17 * HOUR) / 1000) * 1000);
        }
        const reviewerName = personName(reviewer);
        return [
          env.keyText(number), period.label, isoDay(period.end), rand.pick(systems), reviewerName,
          variant === 'selfReview' ? reviewerName : personName(user), personName(owner), ts.instant(at), String(revocations), revoked, rand.pick(comments),
        ];
      },
      vary(cells) {
        cells[10] = `${cells[10]} (second sign-off)`;
      },
    };
  },
};
