/**
 * Sheet 1, "Lead": the engagement, the control (id, description, TSC reference, frequency, test
 * procedure), the period, population and sample counts, exceptions, the conclusion, and the
 * sign-off cells (preparer, reviewer, dates) left yellow for the team to complete.
 */
import { worstStatus } from '../../../completeness/status.js';
import { count } from '../cells.js';
import { SheetBuilder, styled } from '../content.js';
import { calendarDate, wallDate } from '../dates.js';
import type { WorkbookModel } from '../model.js';
import type { WorkbookSheet } from './sheet.js';

const BASIS_WORDS: Record<string, string> = {
  fixed: 'Fixed size set by the auditor (non-statistical)',
  frequency: "Firm's control-frequency table (non-statistical)",
  statistical: 'Statistical attribute sampling',
  all: 'All items (100% testing)',
};

function procedure(model: WorkbookModel): string {
  if (model.input.control.procedure) return model.input.control.procedure;
  const n = model.items.length;
  if (!model.attributes.length) return `Select ${count(n, 'item')} from the population and test each against the control's attributes.`;
  const letters = model.attributes.map((a) => a.attribute);
  const span = letters.length > 1 ? `${letters[0]}–${letters[letters.length - 1]}` : letters[0];
  return `For each of the ${count(n, 'sampled item')}, test attributes ${span} (Legend lists what each requires; the Test matrix holds the results).`;
}

function completenessLine(model: WorkbookModel): [string | null, string] {
  const report = model.input.completeness;
  if (!report) return [null, 'not run'];
  const ran = report.checks.filter((c) => c.ran);
  const by = (s: string) => ran.filter((c) => c.status === s).length;
  return [worstStatus(ran.map((c) => c.status)), `${ran.length} checks run: ${by('pass')} pass, ${by('warn')} warn, ${by('fail')} fail (see Completeness)`];
}

export const leadSheet: WorkbookSheet = {
  name: 'Lead',
  build(model) {
    const { input } = model;
    const { control, population: meta, sample } = input;
    const m = sample.manifest;
    const b = new SheetBuilder('Lead');
    b.title(`Lead sheet — ${control.id}`);
    b.subtitle(input.engagement ? `${input.engagement.client} — ${input.engagement.name}` : 'Audit sampling working paper');
    b.freezeAt(2);

    b.section('Engagement');
    b.pair('Client', input.engagement?.client ?? styled(null, 'input'));
    b.pair('Engagement', input.engagement?.name ?? styled(null, 'input'));

    b.section('Control');
    b.pair('Control id', control.id);
    b.pair('Control description', control.description ?? styled(null, 'input'));
    b.pair('TSC reference', model.tsc ?? styled(null, 'input'));
    const frequency = control.frequency ?? (sample.plan.basis === 'frequency' ? sample.plan.parameters.frequency : null);
    b.pair('Control frequency', frequency ?? styled(null, 'input'));
    b.pair('Test procedure', procedure(model));

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
    b.pair('Completeness & accuracy', status && status !== 'not_run' ? styled(status, status as 'pass' | 'warn' | 'fail') : styled('not run', 'note'), line);
    const tests = input.tests;
    b.pair('Attributes tested', tests ? styled(tests.attributes.length, 'integer') : styled('not tested', 'note'));
    b.pair('Items with exceptions', tests ? styled(tests.overall.deviations, 'integer') : null);
    b.pair('Exceptions (item × attribute)', tests ? styled(tests.findings.length, 'integer') : null);
    b.pair('Conclusion', styled(model.conclusion, 'bold'));

    b.section('Sign-off');
    b.pair('Prepared by', styled(input.preparer ?? null, 'input'));
    b.pair('Date prepared', styled(null, 'inputDate'));
    b.pair('Reviewed by', styled(null, 'input'));
    b.pair('Date reviewed', styled(null, 'inputDate'));

    b.section('Generated');
    b.pair('Generated at', wallDate(model.generatedAt.getTime(), model.zone));
    b.pair('tickmark version', input.engineVersion);
    b.pair('Sample id', sample.id);
    b.pair('Population id', meta.id);
    b.note(model.zoneNote);
    const content = b.done();
    content.widths = [44, 26, 60];
    return content;
  },
};
