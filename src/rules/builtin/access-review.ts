/**
 * Built-in attributes for user access reviews (CC6.1–CC6.3): one review per period per system (a
 * population-level attribute: every item in a (system, period) group holding more than one review
 * is an exception, and with expected_periods a period without a review is a missing-item finding);
 * the reviewer is independent of the reviewed user (and the owner, when asked); completed within
 * N days of the period end; revocations carried out within N days of completion.
 *
 * Exports come one row per review or one row per reviewed account. The rows of one review count
 * once: rows of a (system, period) are lines of the same review when they share a review id or a
 * sign-off (the same reviewer, completing on the same local day). The group holds as many reviews
 * as the smaller of its distinct review ids and its distinct sign-offs — a campaign split among
 * managers is one review id; per-line ids signed off together are one sign-off — but at least as
 * many as the review ids one account was signed off under by the same sign-off (a review exported
 * twice under two ids is two reviews).
 *
 * @example
 * accessReviewRules(parseRuleParams(['expected_periods=2025-Q1|2025-Q2'])).map((r) => r.level)
 */
import { exception, notApplicable, pass } from '../outcome.js';
import type { RuleParams } from '../params/specs.js';
import { describeDayLimit, formatDayLimit } from '../params/values.js';
import { cellState, fieldColumn, numberColumn, rawText, timestampColumn } from '../read/columns.js';
import { localDay } from '../../period/calendar.js';
import { nameKey } from '../read/person.js';
import { daysText, elapsedDays, notYetDue } from '../read/window.js';
import type { GroupRule, ItemRule, MissingGroup, Outcome, Rule } from '../types.js';
import { anchorCheck, defineItemRule, defineManualRule, enumReader } from './define.js';
import { observedTimes, requiredTime, textReader } from './evidence.js';
import { peopleComparer } from './segregation.js';

const kinds = ['access_review'] as const;
const SEP = '\u001f';
const DAY = 86_400_000;

/**
 * The most review ids under which one account was signed off by one reviewer on one day: two
 * rows for the same account and sign-off under different ids are two reviews, never lines of one.
 */
function sameAccountTwice(lines: readonly string[]): number {
  const ids = new Map<string, number>();
  for (const line of lines) {
    const at = line.lastIndexOf(SEP);
    const k = line.slice(0, at);
    ids.set(k, (ids.get(k) ?? 0) + 1);
  }
  return Math.max(0, ...ids.values());
}

function onePerPeriod(params: RuleParams): GroupRule {
  const norm = nameKey(params.strict_names);
  return {
    id: 'access_review.one_per_period',
    name: 'One review per period per system',
    description: 'Each system has exactly one review per period (the lines of one review — same review id, or same reviewer and sign-off day — count once)' + (params.expected_periods.length ? `, for each of the periods ${params.expected_periods.join(', ')}.` : '.'),
    kinds,
    params: { expected_periods: params.expected_periods.join('|'), expected_systems: params.expected_systems.join('|'), strict_names: params.strict_names },
    mode: 'automated',
    origin: 'builtin',
    level: 'population',
    bind(chunk, ctx) {
      if (!fieldColumn(chunk, 'period')) {
        const outcome: Outcome = { status: 'manual', evidence: '"period" is not in the population: inspect which period each review covers.' };
        return () => outcome;
      }
      const system = textReader(chunk, 'system');
      const period = textReader(chunk, 'period');
      const reviewId = textReader(chunk, 'review_id');
      const reviewer = textReader(chunk, 'reviewer');
      const reviewedUser = textReader(chunk, 'reviewed_user');
      const completed = timestampColumn(chunk, 'completed_at');
      return (row) => {
        const p = period(row);
        if (p == null) return notApplicable('no review period is recorded');
        const s = system(row);
        if (s == null) return notApplicable('no system is recorded');
        const members: Record<string, string> = {};
        const id = reviewId(row)?.trim();
        if (id != null) members.review = id;
        const who = reviewer(row);
        const done = completed ? completed[row]! : NaN;
        const signoff = who != null && !Number.isNaN(done) ? `${norm(who)} on ${new Date(localDay(ctx.calendar, done) * DAY).toISOString().slice(0, 10)}` : null;
        if (signoff) members.signoff = signoff;
        const user = reviewedUser(row);
        if (signoff && user != null && id != null) members.line = [norm(user), signoff, id].join(SEP);
        return { group: norm(s) + SEP + norm(p), label: { system: s, period: p }, members };
      };
    },
    decide(group, tallies) {
      const tally = tallies.get(group);
      if (!tally) return pass();
      const ids = tally.members?.review ?? [];
      const signoffs = tally.members?.signoff ?? [];
      const reviews = Math.max(ids.length && signoffs.length ? Math.min(ids.length, signoffs.length) : Math.max(ids.length, signoffs.length, 1), sameAccountTwice(tally.members?.line ?? []));
      if (reviews <= 1) return pass();
      const list = (xs: string[]) => xs.slice(0, 5).join(', ') + (xs.length > 5 ? ', …' : '');
      return exception(
        `${reviews} reviews of system ${JSON.stringify(tally.label.system)} for period ${JSON.stringify(tally.label.period)} (records ${tally.records.join(', ')}${tally.count > tally.records.length ? ', …' : ''}; review ids ${list(ids)}); one is expected.`,
        { system: tally.label.system ?? null, period: tally.label.period ?? null, reviews, review_ids: ids.join('; '), signoffs: signoffs.join('; ') },
      );
    },
    missing(tallies) {
      if (params.expected_periods.length === 0) return [];
      const systems = new Map<string, string>();
      for (const s of params.expected_systems) systems.set(norm(s), s);
      if (systems.size === 0) {
        for (const [key, tally] of tallies) {
          const s = key.slice(0, key.indexOf(SEP));
          if (!systems.has(s)) systems.set(s, tally.label.system ?? s);
        }
      }
      const out: MissingGroup[] = [];
      for (const s of [...systems.keys()].sort()) {
        for (const period of params.expected_periods) {
          const key = s + SEP + norm(period);
          if (tallies.has(key)) continue;
          const system = systems.get(s)!;
          out.push({ key: system + SEP + period, observed: { system, period, reviews: 0 }, message: `No review of system ${JSON.stringify(system)} for period ${JSON.stringify(period)}.` });
        }
      }
      return out;
    },
  };
}

export function accessReviewRules(params: RuleParams): Rule[] {
  const strict = params.strict_names;
  const reviewLimit = params.review_days;
  const revokeLimit = params.revoke_days;
  const rules: Rule[] = [onePerPeriod(params)];
  const items: ItemRule[] = [
    defineItemRule({
      id: 'access_review.reviewer_independent',
      name: 'Reviewer is independent',
      description: `The reviewer is not the ${params.reviewer_not.join(' or the ')}${strict ? ' (exact comparison)' : ' (case and spacing ignored)'}.`,
      kinds,
      params: { reviewer_not: params.reviewer_not.join('|'), strict_names: strict },
      needs: ['reviewer'],
      evidence: 'inspect who performed the review.',
      bind(chunk) {
        const reviewer = textReader(chunk, 'reviewer');
        const compare = peopleComparer(strict);
        const others = params.reviewer_not.filter((f) => fieldColumn(chunk, f)).map((f) => ({ role: f, read: textReader(chunk, f) }));
        return (row) => {
          const r = reviewer(row);
          const present = others.map((o) => ({ role: o.role, value: o.read(row) })).filter((o) => o.value != null);
          if (present.length === 0) return notApplicable(`no ${params.reviewer_not.join(' or ')} is recorded: nothing to compare the reviewer with`);
          for (const other of present) {
            const outcome = compare({ role: 'reviewer', value: r }, other);
            if (outcome.status !== 'pass') return outcome;
          }
          return pass();
        };
      },
    }),
    defineItemRule({
      id: 'access_review.completed_on_time',
      name: `Completed within ${describeDayLimit(reviewLimit)} of period end`,
      description: `completed_at is no more than ${describeDayLimit(reviewLimit)} after period_end (completion before the period end passes).`,
      kinds,
      params: { review_days: formatDayLimit(reviewLimit) },
      needs: ['period_end'],
      evidence: 'inspect the review sign-off date against the period end.',
      bind(chunk, ctx) {
        const anchor = anchorCheck(chunk, ctx, 'period_end', 'the review period has no end date');
        const periodEnd = timestampColumn(chunk, 'period_end')!;
        const completedAt = requiredTime(chunk, ctx, 'completed_at', 'The review is not completed');
        const completed = timestampColumn(chunk, 'completed_at');
        return (row) => {
          const a = anchor(row);
          if (a) return a;
          const end = periodEnd[row]!;
          if (completed && Number.isNaN(completed[row]!) && cellState(chunk, ctx, 'completed_at', row) === 'blank' && notYetDue(ctx.calendar, ctx.asOfMs, reviewLimit, end)) {
            return notApplicable('not yet due: the review is open at the as-of date, within the limit');
          }
          const done = completedAt(row);
          if (typeof done !== 'number') return done;
          const elapsed = elapsedDays(ctx.calendar, reviewLimit.basis, end, done);
          if (elapsed <= reviewLimit.days) return pass();
          return exception(`Completed ${daysText(elapsed, reviewLimit.basis)} after the period end; the limit is ${describeDayLimit(reviewLimit)}.`, { ...observedTimes(chunk, ctx, row, ['period_end', 'completed_at']), elapsed_days: elapsed });
        };
      },
    }),
    defineItemRule({
      id: 'access_review.revocations_within_days',
      name: `Revocations done within ${describeDayLimit(revokeLimit)}`,
      description: `When the review requested revocations (a revocation count, or a line decided "revoke"), revoked_at is no more than ${describeDayLimit(revokeLimit)} after completed_at. No revocations: not applicable.`,
      kinds,
      params: { revoke_days: formatDayLimit(revokeLimit) },
      needs: ['revoked_at'],
      evidence: 'inspect the tickets that removed the access the review revoked.',
      bind(chunk, ctx) {
        const revocations = numberColumn(chunk, 'revocations');
        const decision = fieldColumn(chunk, 'decision') ? enumReader(chunk, 'decision') : null;
        const revokedAt = timestampColumn(chunk, 'revoked_at')!;
        const completedAt = requiredTime(chunk, ctx, 'completed_at', 'Revocations were requested but the review has no completion date');
        return (row) => {
          const d = decision?.(row) ?? null;
          if (d != null && d !== 'revoke') return notApplicable(`the reviewer decided "${d}": nothing to revoke`);
          const n = revocations ? revocations[row]! : d === 'revoke' ? 1 : NaN;
          if (revocations && Number.isNaN(n) && cellState(chunk, ctx, 'revocations', row) === 'unparseable') {
            return exception(`The number of revocations ${JSON.stringify(rawText(chunk, ctx, 'revocations', row))} cannot be read as a number.`, { revocations: rawText(chunk, ctx, 'revocations', row) });
          }
          if (n === 0) return notApplicable('the review requested no revocations');
          const revoked = revokedAt[row]!;
          if (Number.isNaN(n) && Number.isNaN(revoked) && cellState(chunk, ctx, 'revoked_at', row) === 'blank') return notApplicable('no revocations are recorded');
          const done = completedAt(row);
          if (typeof done !== 'number') return done;
          const observed = () => ({ revocations: Number.isNaN(n) ? null : n, ...observedTimes(chunk, ctx, row, ['completed_at', 'revoked_at']) });
          if (Number.isNaN(revoked)) {
            const state = cellState(chunk, ctx, 'revoked_at', row);
            if (state === 'blank' && notYetDue(ctx.calendar, ctx.asOfMs, revokeLimit, done)) return notApplicable('not yet due: revocations open at the as-of date, within the limit');
            return exception(state === 'unparseable' ? 'The revocation date cannot be read as a date.' : `${Number.isNaN(n) ? 'Revocations were' : `${n} revocation${n === 1 ? ' was' : 's were'}`} requested but no revocation date is recorded.`, observed());
          }
          const elapsed = elapsedDays(ctx.calendar, revokeLimit.basis, done, revoked);
          if (elapsed <= revokeLimit.days) return pass();
          return exception(`Revocations carried out ${daysText(elapsed, revokeLimit.basis)} after the review was completed; the limit is ${describeDayLimit(revokeLimit)}.`, { ...observed(), elapsed_days: elapsed });
        };
      },
    }),
    defineManualRule({
      id: 'access_review.evidence_complete',
      name: 'Review evidence complete and accurate (inspect)',
      description: 'Inspect the review: the user listing was complete and accurate (IPE) and every decision was recorded.',
      kinds,
      evidence: 'Inspect the user listing the reviewer used and the recorded decisions, then tick.',
    }),
  ];
  return [...rules, ...items];
}
