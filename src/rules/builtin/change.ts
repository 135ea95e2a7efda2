/**
 * Built-in attributes for change management (CC8.1): approval present, approved before deployment,
 * approver ≠ requester, approver ≠ implementer, tested before deployment, emergency changes reviewed
 * after implementation, linked ticket; with a deployment log, every change found in it.
 *
 * Equal timestamps pass: an approval (or test) recorded at the same instant as the deployment is
 * not shown to come after it. Standard (pre-approved) change types make the approval attributes
 * not applicable; a blank deployment date makes timing attributes not applicable (not deployed).
 *
 * @example
 * changeRules(defaultRuleParams(), { joins: [] }).map((r) => r.id)
 */
import { notApplicable, exception, pass } from '../outcome.js';
import type { RuleParams } from '../params/specs.js';
import { describeDayLimit, formatDayLimit } from '../params/values.js';
import { daysText, elapsedDays, hoursText } from '../read/window.js';
import { fieldColumn, timestampColumn } from '../read/columns.js';
import type { PopulationChunk } from '../../population/types.js';
import type { ItemRule } from '../types.js';
import { joinIndexOf, joinLookup } from '../join/join-lookup.js';
import { anchorCheck, defineItemRule, defineManualRule, enumReader } from './define.js';
import { fmt, listText, observedTimes, requiredTime, textReader } from './evidence.js';
import { peopleComparer, separatorsOf } from './segregation.js';

const kinds = ['change'] as const;
const NOT_DEPLOYED = 'the change was not deployed';
const deployedColumn = (chunk: PopulationChunk) => timestampColumn(chunk, 'deployed_at') ?? new Float64Array(chunk.rows).fill(NaN);

export function changeRules(params: RuleParams, opts: { joins?: readonly string[] } = {}): ItemRule[] {
  const strict = params.strict_names;
  const preapproved = params.preapproved_types;
  const isType = (list: readonly string[]) => (type: string | null) => type != null && list.includes(type);
  const isPreapproved = isType(preapproved);
  const preapprovedNa = (type: string | null) => notApplicable(`${type} change: pre-approved (preapproved_types = ${listText(preapproved)})`);

  const rules: ItemRule[] = [
    defineItemRule({
      id: 'change.approval_present',
      name: 'Approval present',
      description: 'The change records an approver and an approval date.',
      kinds,
      params: { preapproved_types: preapproved.join('|') },
      needs: [],
      evidence: 'inspect the approval record.',
      bind(chunk, ctx) {
        const type = enumReader(chunk, 'type');
        const approver = fieldColumn(chunk, 'approver') ? textReader(chunk, 'approver') : null;
        const approvedAt = fieldColumn(chunk, 'approved_at') ? requiredTime(chunk, ctx, 'approved_at', 'No approval date is recorded') : null;
        if (!approver && !approvedAt) return () => ({ status: 'manual', evidence: 'neither "approver" nor "approved_at" is in the population: inspect the approval record.' });
        return (row) => {
          const t = type(row);
          if (isPreapproved(t)) return preapprovedNa(t);
          const who = approver?.(row) ?? null;
          const when = approvedAt?.(row);
          if (approver && who == null) {
            return exception('No approver is recorded for the change.', { approver: null, ...(approvedAt ? observedTimes(chunk, ctx, row, ['approved_at']) : {}) });
          }
          if (when !== undefined && typeof when !== 'number') return when;
          return pass();
        };
      },
    }),
    defineItemRule({
      id: 'change.approved_before_deploy',
      name: 'Approved before deployment',
      description: 'approved_at ≤ deployed_at (an approval at the same instant as the deployment passes).',
      kinds,
      params: { preapproved_types: preapproved.join('|') },
      needs: ['approved_at'],
      evidence: 'inspect the approval date against the deployment date.',
      bind(chunk, ctx) {
        const type = enumReader(chunk, 'type');
        const anchor = anchorCheck(chunk, ctx, 'deployed_at', NOT_DEPLOYED);
        const approvedAt = requiredTime(chunk, ctx, 'approved_at', 'No approval date is recorded');
        const deployed = deployedColumn(chunk);
        return (row) => {
          const t = type(row);
          if (isPreapproved(t)) return preapprovedNa(t);
          const a = anchor(row);
          if (a) return a;
          const approved = approvedAt(row);
          if (typeof approved !== 'number') return approved;
          const d = deployed[row]!;
          if (approved <= d) return pass();
          return exception(`Approved ${fmt(approved, ctx)}, ${hoursText(approved - d)} after the deployment at ${fmt(d, ctx)}.`, observedTimes(chunk, ctx, row, ['approved_at', 'deployed_at']));
        };
      },
    }),
    defineItemRule({
      id: 'change.approver_not_requester',
      name: 'Approver is not the requester',
      description: `The approver and the requester are different people${strict ? ' (exact comparison)' : ' (case and spacing ignored)'}.`,
      kinds,
      params: { strict_names: strict, preapproved_types: preapproved.join('|') },
      needs: ['approver', 'requester'],
      evidence: 'inspect who requested and who approved the change.',
      bind(chunk, ctx) {
        const type = enumReader(chunk, 'type');
        const approver = textReader(chunk, 'approver');
        const compare = peopleComparer(strict);
        const requester = textReader(chunk, 'requester');
        return (row) => {
          const t = type(row);
          if (isPreapproved(t)) return preapprovedNa(t);
          return compare({ role: 'approver', value: approver(row), ...separatorsOf(ctx, 'approver') }, { role: 'requester', value: requester(row), ...separatorsOf(ctx, 'requester') });
        };
      },
    }),
    defineItemRule({
      id: 'change.approver_not_implementer',
      name: 'Approver is not the implementer',
      description: `The approver and the person who deployed the change are different people${strict ? ' (exact comparison)' : ' (case and spacing ignored)'}.`,
      kinds,
      params: { strict_names: strict, preapproved_types: preapproved.join('|') },
      needs: ['approver', 'implementer'],
      evidence: 'inspect who approved and who deployed the change.',
      bind(chunk, ctx) {
        const type = enumReader(chunk, 'type');
        const approver = textReader(chunk, 'approver');
        const compare = peopleComparer(strict);
        const implementer = textReader(chunk, 'implementer');
        return (row) => {
          const t = type(row);
          if (isPreapproved(t)) return preapprovedNa(t);
          return compare({ role: 'approver', value: approver(row), ...separatorsOf(ctx, 'approver') }, { role: 'implementer', value: implementer(row), ...separatorsOf(ctx, 'implementer') });
        };
      },
    }),
    defineItemRule({
      id: 'change.tested_before_deploy',
      name: 'Tested before deployment',
      description: 'Test evidence is recorded and, when a test date is mapped, tested_at ≤ deployed_at (same instant passes).',
      kinds,
      params: { untested_types: params.untested_types.join('|') },
      needs: ['test_evidence'],
      evidence: 'inspect the test evidence and its date.',
      bind(chunk, ctx) {
        const type = enumReader(chunk, 'type');
        const untested = isType(params.untested_types);
        const anchor = anchorCheck(chunk, ctx, 'deployed_at', NOT_DEPLOYED);
        const evidence = textReader(chunk, 'test_evidence');
        const testedAt = fieldColumn(chunk, 'tested_at') ? requiredTime(chunk, ctx, 'tested_at', 'Test evidence is recorded but no test date') : null;
        const deployed = deployedColumn(chunk);
        return (row) => {
          const t = type(row);
          if (untested(t)) return notApplicable(`${t} change: exempt from test evidence (untested_types = ${listText(params.untested_types)})`);
          const a = anchor(row);
          if (a) return a;
          const ev = evidence(row);
          if (ev == null) return exception('No test evidence is recorded for the change.', { test_evidence: null });
          if (!testedAt) return pass();
          const tested = testedAt(row);
          if (typeof tested !== 'number') return tested;
          const d = deployed[row]!;
          if (tested <= d) return pass();
          return exception(`Tested ${fmt(tested, ctx)}, ${hoursText(tested - d)} after the deployment at ${fmt(d, ctx)}.`, { test_evidence: ev, ...observedTimes(chunk, ctx, row, ['tested_at', 'deployed_at']) });
        };
      },
    }),
    defineItemRule({
      id: 'change.emergency_pir',
      name: 'Emergency change reviewed after implementation',
      description: `An emergency change has a post-implementation review (pir_at) within ${describeDayLimit(params.pir_days)} of deployed_at.`,
      kinds,
      params: { pir_days: formatDayLimit(params.pir_days), emergency_types: params.emergency_types.join('|') },
      needs: ['type', 'pir_at'],
      evidence: 'inspect whether the change was an emergency and its post-implementation review.',
      bind(chunk, ctx) {
        const type = enumReader(chunk, 'type');
        const emergency = isType(params.emergency_types);
        const anchor = anchorCheck(chunk, ctx, 'deployed_at', NOT_DEPLOYED);
        const pirAt = requiredTime(chunk, ctx, 'pir_at', 'The emergency change has no post-implementation review date');
        const deployed = deployedColumn(chunk);
        const { days, basis } = params.pir_days;
        return (row) => {
          const t = type(row);
          if (!emergency(t)) return notApplicable(`${t ?? 'blank'} type: not an emergency change`);
          const a = anchor(row);
          if (a) return a;
          const pir = pirAt(row);
          if (typeof pir !== 'number') return pir;
          const elapsed = elapsedDays(ctx.calendar, basis, deployed[row]!, pir);
          if (elapsed <= days) return elapsed < 0 ? pass('review dated before the deployment') : pass();
          return exception(`Post-implementation review ${daysText(elapsed, basis)} after deployment; the limit is ${describeDayLimit(params.pir_days)}.`, { ...observedTimes(chunk, ctx, row, ['deployed_at', 'pir_at']), elapsed_days: elapsed });
        };
      },
    }),
    defineItemRule({
      id: 'change.ticket_linked',
      name: 'Linked ticket present',
      description: 'The change references a ticket (ticket_ref).',
      kinds,
      params: { unticketed_types: params.unticketed_types.join('|') },
      needs: ['ticket_ref'],
      evidence: 'inspect the ticket linked to the change.',
      bind(chunk) {
        const type = enumReader(chunk, 'type');
        const exempt = isType(params.unticketed_types);
        const ticket = textReader(chunk, 'ticket_ref');
        return (row) => {
          const t = type(row);
          if (exempt(t)) return notApplicable(`${t} change: exempt from a linked ticket (unticketed_types = ${listText(params.unticketed_types)})`);
          return ticket(row) == null ? exception('No ticket is linked to the change.', { ticket_ref: null }) : pass();
        };
      },
    }),
  ];

  if (opts.joins?.includes('deployments')) {
    const keyField = params.deployments_key;
    rules.push(
      defineItemRule({
        id: 'change.deployment_found',
        name: 'Change found in the deployment log',
        description: `The change_id appears in the deployment log (its ${keyField}).`,
        kinds,
        params: { deployments_key: keyField },
        needs: [],
        evidence: 'inspect the deployment log for the change.',
        join: { name: 'deployments', leftField: 'change_id', keyField, fields: [] },
        bind(chunk, ctx) {
          const index = joinIndexOf(ctx, 'deployments');
          const anchor = anchorCheck(chunk, ctx, 'deployed_at', NOT_DEPLOYED);
          const id = textReader(chunk, 'change_id');
          return (row) => {
            const a = anchor(row);
            if (a) return a;
            const changeId = id(row);
            if (changeId == null) return exception('The change has no change_id to look up.', { change_id: null });
            const found = joinLookup(index, changeId);
            if (found) return pass();
            return exception(`Change ${JSON.stringify(changeId)} is not in the deployment log (matched on ${keyField}${index.normalised ? ', case and spacing ignored' : ''}).`, { change_id: changeId, deployments_matched: 0 });
          };
        },
      }),
    );
  }

  rules.push(
    defineManualRule({
      id: 'change.testing_inspected',
      name: 'Evidence of testing reviewed (inspect)',
      description: 'Inspect the test evidence: it shows the change was tested and the results accepted before deployment.',
      kinds,
      evidence: 'Inspect the test evidence (test_evidence) and tick when it supports testing before deployment.',
      applies(chunk) {
        const type = enumReader(chunk, 'type');
        return (row) => {
          const t = type(row);
          return t != null && params.untested_types.includes(t) ? notApplicable(`${t} change: exempt from test evidence`) : null;
        };
      },
    }),
  );
  return rules;
}
