/**
 * Sheet 7, "Evaluation": the evaluation a CPA signs (`ControlEvaluation`). Each part on its own —
 * key items (taken in full: 100% tested, no sampling risk) and the sample (statistical: n, k, the
 * upper deviation limit exact and table-style, the tolerable rate and confidence; or
 * non-statistical) — each attribute on the items it was tested on (tested / N/A / pending), the
 * warnings, how the parts combine into the conclusion, the completeness qualification, the
 * practitioner's options after deviations and the conventions. Without a `controlEvaluation`, the
 * sheet says the sample is not evaluated yet.
 */
import type { AttributeResult, ConclusionStatus, ControlEvaluation, PartEvaluation } from '../../../evaluation/types.js';
import { count } from '../cells.js';
import { SheetBuilder, styled, type Cell, type Row } from '../content.js';
import type { WorkbookModel } from '../model.js';
import type { WorkbookSheet } from './sheet.js';

const NA = styled('n/a', 'na');
const WIDTHS = [14, 24, 10, 7, 8, 6, 8, 10, 9, 9, 10, 10, 9, 10, 22, 40];
const LINE = WIDTHS.reduce((a, b) => a + b, 0);

export const CONCLUSION_STATUS_WORDS: Record<ConclusionStatus, string> = {
  effective: 'Effective',
  effective_with_exceptions: 'Effective with exceptions',
  exceptions_noted: 'Exceptions noted: auditor judgement',
  not_effective: 'Not effective',
  incomplete: 'Incomplete: work still pending',
};

export const RESULT_WORDS: Record<AttributeResult['conclusion'], string> = {
  supported: 'Supported: upper deviation limit ≤ tolerable rate',
  not_supported: 'Not supported: upper deviation limit > tolerable rate',
  no_deviations: 'No deviations',
  deviations_found: 'Deviations found: auditor judgement',
  pending: 'Pending: items still to mark',
  not_tested: 'Not tested: not applicable to any item',
};

const MODE_WORDS: Record<AttributeResult['mode'], string> = { automated: 'automated', manual: 'manual', overall: 'overall' };

function resultStyle(c: AttributeResult['conclusion']): 'pass' | 'fail' | 'warn' {
  return c === 'supported' || c === 'no_deviations' ? 'pass' : c === 'not_supported' || c === 'deviations_found' ? 'fail' : 'warn';
}

const pct = (v: number | null): Cell => (v === null ? NA : styled(v, 'percent'));

function resultRow(a: AttributeResult, statistical: boolean): Row {
  return [
    a.attribute === 'overall' ? 'Overall' : a.attribute, styled(a.label, 'wrap'), MODE_WORDS[a.mode],
    a.items, a.tested, a.notApplicable, a.pending, a.deviations, a.allowedDeviations,
    a.sampleRate === null ? NA : styled(a.sampleRate, 'percent'),
    statistical && a.upperLimitPct !== null ? styled(a.upperLimitPct / 100, 'percent') : NA,
    statistical && a.upperLimit !== null ? styled(a.upperLimit, 'percentExact') : NA,
    pct(statistical ? a.tolerable : null), pct(statistical ? a.confidence : null),
    styled(RESULT_WORDS[a.conclusion], resultStyle(a.conclusion)), styled([a.rationale, ...a.warnings].join(' '), 'wrap'),
  ];
}

const HEADERS = ['Attribute', 'Name', 'Mode', 'Items', 'Tested (n)', 'N/A', 'Pending', 'Deviations (k)', 'Allowed', 'Sample rate', 'Upper limit (table, up to 0.1%)', 'Upper limit (exact)', 'Tolerable rate', 'Confidence', 'Conclusion', 'Rationale'];

function partHeading(p: PartEvaluation, e: ControlEvaluation): string {
  if (p.part === 'key_items') return `Key items: ${count(p.items, 'item')} taken in full — 100% tested, no sampling risk`;
  if (p.basis === 'statistical') return `The sample: ${count(p.items, 'item')}, statistical (${e.distribution ?? 'binomial'}${p.planned !== undefined ? `, planned n = ${p.planned}` : ''})`;
  if (p.basis === 'all_items') return `All items: ${count(p.items, 'item')} tested`;
  return `The sample: ${count(p.items, 'item')}, non-statistical — no upper deviation limit; deviations are evaluated by the auditor's judgement`;
}

function controlEvaluationSheet(b: SheetBuilder, model: WorkbookModel, e: ControlEvaluation): void {
  b.subtitle('How each part of the sample was evaluated and how the parts combine into the conclusion.');
  b.section('Conclusion');
  b.pair('Status', styled(CONCLUSION_STATUS_WORDS[e.conclusion.status], e.conclusion.status === 'not_effective' ? 'fail' : e.conclusion.status === 'effective' ? 'pass' : 'warn'));
  b.add(styled('Conclusion', 'label'), styled(e.conclusion.sentence, 'bold'));
  e.conclusion.reasons.forEach((r, i) => b.add(styled(i === 0 ? 'How the parts combine' : '', 'label'), r));
  const c = e.completeness;
  b.add(styled('Completeness', 'label'), c.status === 'not_run' ? 'not run' : c.status, c.qualifies ? `qualifies the conclusion: ${c.failing.join(', ') || 'a check failed'}` : 'does not qualify the conclusion');
  if (e.auditorConclusion) b.add(styled("Auditor's conclusion", 'label'), e.auditorConclusion);
  for (const p of e.parts) {
    b.section(partHeading(p, e));
    if (p.condition) b.note(`Condition: ${p.condition}`);
    const area = b.table(HEADERS, [...p.attributes.map((a) => resultRow(a, p.basis === 'statistical')), resultRow(p.overall, p.basis === 'statistical')]);
    if (!b.done().headerRow) b.filter(area);
    const warnings = [...p.attributes, p.overall].flatMap((a) => a.warnings.map((w) => `${a.attribute === 'overall' ? 'Overall' : a.attribute}: ${w}`));
    for (const w of warnings) b.add(styled('Warning', 'warn'), w);
  }
  b.section('What the practitioner can do after deviations');
  if (!e.options.length) b.note('Nothing to decide: no deviation calls for an extension.');
  for (const o of e.options) b.add(styled(o.kind === 'extend' ? `Extend by ${o.extendBy} to ${o.extendedSize}` : 'Conclude not effective', 'label'), o.sentence);
  b.section('Conventions');
  b.note(e.conventions);
  b.note(`Engine: tickmark ${model.input.engineVersion}. Values are computed, not looked up in printed tables.`);
}

export const evaluationSheet: WorkbookSheet = {
  name: 'Evaluation',
  build(model) {
    const b = new SheetBuilder('Evaluation', 'visible', LINE);
    b.title(`Evaluation — ${model.input.control.id}`);
    b.freezeAt(2);
    const given = model.input.controlEvaluation;
    if (given) controlEvaluationSheet(b, model, given);
    else {
      b.subtitle(model.input.tests
        ? "Not evaluated yet: tickmark evaluate --workbook reads the team's entries (manual marks, overrides, added exceptions) and evaluates the sample."
        : 'Not evaluated: the attributes have not been tested yet.');
      const area = b.table(HEADERS, []);
      b.mainTable(area, 1);
      b.section('Conclusion');
      b.add(styled(model.conclusion, 'bold'));
    }
    const content = b.done();
    content.widths = WIDTHS;
    return content;
  },
};
