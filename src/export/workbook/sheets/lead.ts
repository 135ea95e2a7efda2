/**
 * Sheet 1, "Lead": the workpaper — the engagement, the control (id, description, objective,
 * owner, nature, frequency, key control, TSC reference, population definition, test procedure,
 * workpaper reference), the period, population and sample, the results and tickmark's conclusion
 * (how the parts combine, qualified when completeness failed) beside the auditor's own, the
 * results version, and the sign-offs. A field the caller did not give is a yellow input for the
 * team — never invented text.
 */
import { CONTROL_NATURES, type WorkpaperFields } from '../../../evaluation/entries.js';
import { count } from '../cells.js';
import { completenessStatusOf } from '../completeness-status.js';
import { inputCell, SheetBuilder, styled, type Cell } from '../content.js';
import { calendarDate, wallDate } from '../dates.js';
import type { OtherField } from '../entry-fields.js';
import type { WorkbookModel } from '../model.js';
import { CONCLUSION_STATUS_WORDS } from './evaluation.js';
import type { WorkbookSheet } from './sheet.js';

const BASIS_WORDS: Record<string, string> = {
  fixed: 'Fixed size set by the auditor (non-statistical)',
  frequency: "Firm's control-frequency table (non-statistical)",
  statistical: 'Statistical attribute sampling',
  all: 'All items (100% testing)',
};

export const YES_NO = ['yes', 'no'] as const;
const WIDTHS = [36, 96];

function procedure(model: WorkbookModel): string {
  if (model.input.control.procedure) return model.input.control.procedure;
  const n = model.items.length;
  if (!model.attributes.length) return `Select ${count(n, 'item')} from the population and test each against the control's attributes.`;
  const letters = model.attributes.map((a) => a.attribute);
  const span = letters.length > 1 ? `${letters[0]}–${letters[letters.length - 1]}` : letters[0];
  return `For each of the ${count(n, 'sampled item')}, test attributes ${span} (Legend lists what each requires; the Test matrix holds the results).`;
}

function completenessLine(model: WorkbookModel): [Cell, string] {
  const report = model.input.completeness;
  if (!report) return [styled('not run', 'note'), 'no completeness report was given'];
  const statuses = report.checks.map(completenessStatusOf);
  const by = (s: string) => statuses.filter((x) => x === s).length;
  const ran = statuses.filter((s) => s !== 'not run');
  const worst = ran.includes('fail') ? 'fail' : ran.includes('warn') ? 'warn' : ran.length ? 'pass' : null;
  const line = `${ran.length} of ${report.checks.length} checks ran: ${by('pass')} pass, ${by('warn')} warn, ${by('fail')} fail, ${by('not run')} not run (see Completeness)`;
  return [worst ? styled(worst, worst) : styled('not run', 'note'), line];
}

/** A workpaper field: written when the caller gave it, else a yellow input holding the team's entry. */
function workpaperCell(model: WorkbookModel, field: keyof WorkpaperFields, style: 'input' | 'inputDate' | 'inputWrap' = 'input'): Cell {
  const given = model.input.workpaper?.[field];
  if (given !== undefined && given !== '') {
    if (typeof given === 'boolean') return given ? 'yes' : 'no';
    if (style === 'inputDate') return styled(calendarDate(given), 'date');
    return styled(given, 'wrap');
  }
  const entered = model.entries.workpaper[field];
  const value = entered === undefined || entered === '' ? null
    : typeof entered === 'boolean' ? (entered ? 'yes' : 'no')
      : style === 'inputDate' ? calendarDate(entered) ?? entered
        : entered;
  return inputCell({ kind: 'workpaper', field }, value, style);
}

const other = (field: OtherField, given: string | undefined | null, style: 'input' | 'inputWrap' = 'input'): Cell =>
  given ? styled(given, 'wrap') : inputCell({ kind: 'other', field }, null, style);

const isInput = (cell: Cell): boolean => cell !== null && typeof cell === 'object' && !(cell instanceof Date) && cell.e !== undefined;

export const leadSheet: WorkbookSheet = {
  name: 'Lead',
  build(model) {
    const { input } = model;
    const { control, population: meta, sample } = input;
    const m = sample.manifest;
    const evaluation = input.controlEvaluation;
    const b = new SheetBuilder('Lead', 'visible', WIDTHS[0]! + WIDTHS[1]!);
    b.title(`Lead sheet — ${control.id}`);
    b.subtitle(input.engagement ? `${input.engagement.client} — ${input.engagement.name}` : 'Audit sampling working paper. Yellow cells are for the engagement team.');
    b.freezeAt(2);
    const dropdownPair = (label: string, cell: Cell, list: readonly string[], prompt: string): void => {
      const row = b.pair(label, cell);
      if (isInput(cell)) b.dropdown(`B${row}`, list, prompt);
    };

    b.section('Engagement');
    b.pair('Client', other('client', input.engagement?.client));
    b.pair('Engagement', other('engagement', input.engagement?.name));
    b.pair('Workpaper reference', workpaperCell(model, 'workpaperRef'));

    b.section('Control');
    b.pair('Control id', control.id);
    b.pair('Control description', other('controlDescription', control.description, 'inputWrap'));
    b.pair('Control objective', workpaperCell(model, 'objective', 'inputWrap'));
    b.pair('Control owner', workpaperCell(model, 'owner'));
    dropdownPair('Nature of the control', workpaperCell(model, 'nature'), CONTROL_NATURES, 'Manual, automated or IT-dependent manual?');
    const frequency = control.frequency ?? (sample.plan.basis === 'frequency' ? sample.plan.parameters.frequency : undefined);
    b.pair('Control frequency', frequency ? frequency : workpaperCell(model, 'frequency'));
    dropdownPair('Key control', workpaperCell(model, 'keyControl'), YES_NO, 'Is this a key control?');
    b.pair('TSC reference', other('tsc', model.tsc));
    b.pair('Population definition', workpaperCell(model, 'populationDefinition', 'inputWrap'));
    b.pair('Test procedure', styled(procedure(model), 'wrap'));

    b.section('Audit period');
    b.pair('Period start', styled(calendarDate(input.period.start), 'date'));
    b.pair('Period end', styled(calendarDate(input.period.end), 'date'));
    b.pair('Time zone', model.zone);

    b.section('Population');
    b.pair('Source file', meta.source.name);
    b.pair('SHA-256', styled(meta.source.sha256, 'mono'));
    b.pair('Rows in the file', styled(meta.rows.total, 'integer'));
    b.pair('Eligible items (after filters and period)', styled(m.eligible, 'integer'));

    b.section('Sample');
    b.pair('Size basis', BASIS_WORDS[sample.plan.basis] ?? sample.plan.basis);
    b.pair('Items selected', styled(m.selected, 'integer'));
    b.pair('Selection method', m.method);
    b.pair('Seed', m.seed);
    b.pair('Selection SHA-256', styled(m.selectionSha256, 'mono'));

    b.section('Results');
    const [status, line] = completenessLine(model);
    b.pair('Completeness & accuracy', status);
    b.pair('Completeness checks', styled(line, 'wrap'));
    const tests = input.tests;
    b.pair('Attributes tested', tests ? styled(tests.attributes.length, 'integer') : styled('not tested', 'note'));
    b.pair('Exceptions found by the automated tests', tests ? styled(tests.findings.length, 'integer') : null);
    b.pair('Exceptions added by the team', styled(model.entries.addedExceptions.length, 'integer'));
    if (evaluation) {
      const items = evaluation.parts.reduce((sum, p) => sum + p.overall.deviations, 0);
      b.pair('Items with exceptions', styled(items, 'integer'));
      b.pair('Status', styled(CONCLUSION_STATUS_WORDS[evaluation.conclusion.status], evaluation.conclusion.status === 'not_effective' ? 'fail' : evaluation.conclusion.status === 'effective' ? 'pass' : 'warn'));
      b.pair('Qualified by completeness', evaluation.conclusion.qualified ? styled(`yes: ${evaluation.completeness.failing.join(', ') || 'a check failed'}`, 'warn') : 'no');
    } else b.pair('Items with exceptions', tests ? styled(tests.overall.deviations, 'integer') : null);
    b.pair("Conclusion (tickmark's evaluation)", styled(model.conclusion, 'wrap'));
    evaluation?.conclusion.reasons.forEach((reason, i) => b.pair(i === 0 ? 'How the parts combine' : '', styled(reason, 'wrap')));
    b.pair("Auditor's conclusion", workpaperCell(model, 'auditorConclusion', 'inputWrap'));
    if (input.resultsVersion) {
      const v = input.resultsVersion;
      b.pair('Results version', `${v.version}, entered by ${v.by} at ${v.at}`);
      if (v.workbookSha256) b.pair('Entered from the workbook (SHA-256)', styled(v.workbookSha256, 'mono'));
    }
    if (input.testRunId) b.pair('Test run id', input.testRunId);

    b.section('Sign-off');
    b.pair('Prepared by', input.workpaper?.preparedBy ? input.workpaper.preparedBy : inputCell({ kind: 'workpaper', field: 'preparedBy' }, model.entries.workpaper.preparedBy ?? input.preparer ?? null));
    b.pair('Date prepared', workpaperCell(model, 'preparedOn', 'inputDate'));
    b.pair('Reviewed by', workpaperCell(model, 'reviewedBy'));
    b.pair('Date reviewed', workpaperCell(model, 'reviewedOn', 'inputDate'));

    b.section('Generated');
    b.pair('Generated at', wallDate(model.generatedAt.getTime(), model.zone));
    b.pair('tickmark version', input.engineVersion);
    b.pair('Sample id', sample.id);
    b.pair('Population id', meta.id);
    b.note(model.zoneNote);
    const content = b.done();
    content.widths = WIDTHS;
    return content;
  },
};
