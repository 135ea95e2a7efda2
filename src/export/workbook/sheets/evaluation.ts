/**
 * Sheet 7, "Evaluation": per attribute and overall — items tested (n), deviations, the
 * deviations the plan allowed, the sample deviation rate, and for a statistical plan the upper
 * deviation limit (table-style and exact) against the tolerable rate at the plan's confidence,
 * with the conclusion. A non-statistical plan says so and shows no limit.
 */
import { SheetBuilder, styled, type Cell, type Row } from '../content.js';
import { CONCLUSION_WORDS } from '../evaluation.js';
import type { AttributeEvaluation } from '../input.js';
import type { WorkbookSheet } from './sheet.js';

const NA = styled('n/a', 'na');

function conclusionCell(e: AttributeEvaluation): Cell {
  const words = CONCLUSION_WORDS[e.conclusion];
  const style = e.conclusion === 'supported' || e.conclusion === 'no_deviations' ? 'pass' : e.conclusion === 'not_supported' || e.conclusion === 'deviations_found' ? 'fail' : 'warn';
  return styled(words, style);
}

function row(e: AttributeEvaluation, statistical: boolean): Row {
  const pct = (v: number | null): Cell => (v === null ? NA : styled(v, 'percent'));
  return [
    e.attribute === 'overall' ? 'Overall' : e.attribute, styled(e.label, 'wrap'), e.mode,
    e.mode === 'manual' ? null : e.n, e.mode === 'manual' ? null : e.deviations, e.allowedDeviations,
    e.sampleRate === null ? NA : styled(e.sampleRate, 'percent'),
    statistical && e.upperLimitPct !== null ? styled(e.upperLimitPct / 100, 'percent') : NA,
    statistical && e.upperLimit !== null ? styled(e.upperLimit, 'percentExact') : NA,
    pct(e.tolerable), pct(e.confidence), conclusionCell(e), styled(e.rationale, 'wrap'),
  ];
}

export const evaluationSheet: WorkbookSheet = {
  name: 'Evaluation',
  build(model) {
    const b = new SheetBuilder('Evaluation');
    const e = model.evaluation;
    b.title(`Evaluation — ${model.input.control.id}`);
    b.subtitle(!e
      ? 'Not evaluated: the attributes have not been tested yet.'
      : e.statistical
        ? `Statistical attribute sample (${e.distribution}): an attribute is supported when its upper deviation limit is within the tolerable rate.`
        : 'Non-statistical sample: no upper deviation limit is computed and no statistical conclusion is drawn; deviations are evaluated by the auditor’s judgement.');
    const rows = e ? [...e.attributes.map((a) => row(a, e.statistical)), row(e.overall, e.statistical)] : [];
    const area = b.table(['Attribute', 'Name', 'Mode', 'Items tested (n)', 'Deviations', 'Deviations allowed', 'Sample deviation rate', 'Upper deviation limit (table, rounded up to 0.1%)', 'Upper deviation limit (exact)', 'Tolerable rate', 'Confidence', 'Conclusion', 'Rationale'], rows);
    b.mainTable(area, 1);
    b.section('Conclusion');
    b.add(styled(model.conclusion, 'bold'));
    if (e) {
      b.section('Conventions');
      b.note(e.conventions);
      b.note(`Engine: tickmark ${model.input.engineVersion}. Values are computed, not looked up in printed tables.`);
    }
    const content = b.done();
    content.widths = [10, 34, 11, 11, 11, 11, 12, 16, 14, 10, 11, 46, 60];
    return content;
  },
};
