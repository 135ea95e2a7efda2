/**
 * How the parts of a sample combine into one conclusion on the control, in order of precedence:
 * - `incomplete` while any attribute of any part has items to mark (or nothing was tested);
 * - `not_effective` when a statistical attribute's upper deviation limit exceeds the tolerable rate;
 * - `exceptions_noted` when deviations were found where no limit applies — key items (tested in
 *   full) or a non-statistical sample: the auditor concludes on their nature and cause;
 * - `effective_with_exceptions` when a statistical sample's deviations stay within the tolerable rate;
 * - `effective` otherwise.
 * A failed completeness check qualifies the conclusion: a population not shown complete cannot
 * support "effective", and the sentence says so first.
 *
 * @example
 * concludeControl(parts, { status: 'fail', qualifies: true, failing: ['duplicate_keys'] }).sentence
 * // 'Qualified — the population was not shown complete (duplicate_keys failed): …'
 */
import { grouped } from '../text/grouped.js';
import type { ControlConclusion, ControlEvaluation, ConclusionStatus, PartEvaluation } from './types.js';

const count = (n: number, word: string): string => `${grouped(n)} ${word}${n === 1 ? '' : 's'}`;
const PART_NAME: Record<PartEvaluation['part'], string> = { key_items: 'Key items', sample: 'Sample' };
const RANK: Record<ConclusionStatus, number> = { effective: 0, effective_with_exceptions: 1, exceptions_noted: 2, not_effective: 3, incomplete: 4 };

function partStatus(p: PartEvaluation): ConclusionStatus {
  const all = [...p.attributes, p.overall];
  if (all.some((a) => a.conclusion === 'pending')) return 'incomplete';
  if (p.overall.tested === 0) return p.items === 0 ? 'effective' : 'incomplete';
  if (p.attributes.some((a) => a.conclusion === 'not_supported') || p.overall.conclusion === 'not_supported') return 'not_effective';
  if (p.overall.deviations === 0) return 'effective';
  return p.basis === 'statistical' ? 'effective_with_exceptions' : 'exceptions_noted';
}

function partReason(p: PartEvaluation, status: ConclusionStatus): string {
  const name = p.part === 'key_items' ? `Key items${p.condition ? ` (${p.condition})` : ''}, tested in full` : p.basis === 'statistical' ? 'Statistical sample' : 'Non-statistical sample';
  const pending = p.attributes.filter((a) => a.conclusion === 'pending');
  if (status === 'incomplete') {
    return pending.length
      ? `${name}: ${pending.map((a) => `attribute ${a.attribute} has ${count(a.pending, 'item')} to mark`).join('; ')}.`
      : `${name}: no item tested yet.`;
  }
  const failing = p.attributes.filter((a) => a.conclusion === 'not_supported').map((a) => a.attribute);
  const o = p.overall;
  const found = `${count(o.deviations, 'item')} with deviations in ${count(o.tested, 'item')} tested`;
  if (status === 'not_effective') return `${name}: the upper deviation limit exceeds the tolerable rate on ${failing.length ? `attribute${failing.length === 1 ? '' : 's'} ${failing.join(', ')}` : 'the items overall'} (${found}).`;
  if (status === 'effective_with_exceptions') return `${name}: ${found}, within the tolerable rate on every attribute.`;
  if (status === 'exceptions_noted') return `${name}: ${found}; conclude on the nature and cause of each exception.`;
  return `${name}: no deviations in ${count(o.tested, 'item')} tested.`;
}

const SENTENCE: Record<ConclusionStatus, string> = {
  effective: 'Effective',
  effective_with_exceptions: 'Effective with exceptions',
  exceptions_noted: 'Exceptions noted',
  not_effective: 'Not effective',
  incomplete: 'Incomplete',
};

export function concludeControl(parts: readonly PartEvaluation[], completeness: ControlEvaluation['completeness']): ControlConclusion {
  const statuses = parts.map(partStatus);
  const present = parts.filter((p) => p.items > 0);
  let status: ConclusionStatus = present.length ? 'effective' : 'incomplete';
  for (let i = 0; i < parts.length; i++) {
    if (parts[i]!.items > 0 && RANK[statuses[i]!] > RANK[status]) status = statuses[i]!;
  }
  const reasons = present.map((p) => partReason(p, statuses[parts.indexOf(p)]!));
  if (present.length > 1) reasons.push(`Combined: the ${present.map((p) => PART_NAME[p.part].toLowerCase()).join(' and the ')} are evaluated apart (key items carry no sampling risk and never enter the statistical evaluation); the control's conclusion is the weaker of the two.`);
  if (!present.length) reasons.push('No item was selected.');
  const qualified = completeness.qualifies;
  if (qualified) reasons.push(`Completeness: ${completeness.failing.join(', ')} failed — the population was not shown complete, so the sample cannot support "effective" until each failure is resolved or explained.`);
  const body = `${SENTENCE[status]} — ${reasons.slice(0, present.length).join(' ')}`;
  const failed = `the population was not shown complete (${completeness.failing.join(', ')} failed)`;
  const sentence = !qualified
    ? body
    : status === 'effective' || status === 'effective_with_exceptions'
      ? `Qualified — ${failed}, so the sample cannot support "effective". On the items tested: ${body}`
      : `${body} Qualified: ${failed}.`;
  return { status, qualified, sentence, reasons };
}
