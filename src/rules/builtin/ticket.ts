/**
 * Built-in attributes for tickets and incidents (CC7.3–CC7.5): acknowledged within the severity's
 * SLA, resolved within the severity's SLA (elapsed hours, around the clock), post-mortem present
 * for the severities that need one. Severities are normalised ("1", "P1", "Sev-1", "critical" →
 * sev1). An unrecognised severity is an exception (no SLA can be applied); a recognised severity
 * with no SLA in the table (e.g. sev5, informational) is not applicable.
 *
 * @example
 * ticketRules(parseRuleParams(['sla=sev1:0.5h/8h'])).map((r) => r.id)
 * // ['ticket.acknowledged_within_sla', 'ticket.resolved_within_sla', 'ticket.postmortem_present', 'ticket.response_inspected']
 */
import type { PopulationChunk } from '../../population/types.js';
import { exception, notApplicable, pass } from '../outcome.js';
import type { RuleParams } from '../params/specs.js';
import type { SeveritySla } from '../params/values.js';
import { cellState, fieldColumn, timestampColumn } from '../read/columns.js';
import { normaliseSeverity } from '../read/severity.js';
import { HOUR_MS, hoursText, plural } from '../read/window.js';
import type { ItemRule, Outcome, TestContext } from '../types.js';
import { anchorCheck, defineItemRule, defineManualRule } from './define.js';
import { observedTimes, textReader, valueOrRaw } from './evidence.js';

const kinds = ['ticket'] as const;
const NOT_OPENED = 'no ticket was opened';

function slaText(params: RuleParams, pick: keyof SeveritySla): string {
  return Object.keys(params.sla).sort().map((s) => `${s} ${params.sla[s]![pick]}h`).join(', ');
}

/** Row → the severity's SLA, or an outcome when none applies. */
function severitySla(chunk: PopulationChunk, ctx: TestContext, params: RuleParams) {
  const severity = valueOrRaw(chunk, ctx, 'severity');
  return (row: number): { sev: string; sla: SeveritySla } | Outcome => {
    const { value: text, raw } = severity(row);
    if (text == null) return exception(raw == null ? 'No severity is recorded, so no SLA can be applied.' : `Severity ${JSON.stringify(raw)} is not on the export's severity scale (see the ingest issues), so no SLA can be applied.`, { severity: raw });
    const sev = normaliseSeverity(text);
    if (sev == null) return exception(`Severity ${JSON.stringify(text)} is not recognised, so no SLA can be applied (name it sev1…sev5, P1…P5 or critical/high/medium/low).`, { severity: text });
    if (!Object.hasOwn(params.sla, sev)) return notApplicable(`no SLA is set for ${sev} (${JSON.stringify(text)})`);
    return { sev, sla: params.sla[sev]! };
  };
}

function withinHours(field: 'acknowledged_at' | 'resolved_at', verb: string, pick: keyof SeveritySla, params: RuleParams) {
  return (chunk: PopulationChunk, ctx: TestContext) => {
    const anchor = anchorCheck(chunk, ctx, 'opened_at', NOT_OPENED);
    const lookup = severitySla(chunk, ctx, params);
    const opened = timestampColumn(chunk, 'opened_at')!;
    const done = timestampColumn(chunk, field)!;
    return (row: number): Outcome => {
      const a = anchor(row);
      if (a) return a;
      const s = lookup(row);
      if ('status' in s) return s;
      const limitMs = s.sla[pick] * HOUR_MS;
      const o = opened[row]!;
      const d = done[row]!;
      const observed = () => ({ severity: s.sev, sla_hours: s.sla[pick], ...observedTimes(chunk, ctx, row, ['opened_at', field]) });
      if (Number.isNaN(d)) {
        const state = cellState(chunk, ctx, field, row);
        if (state === 'blank' && ctx.asOfMs !== undefined && ctx.asOfMs - o <= limitMs) return notApplicable(`not yet due: still open at the as-of date, within the ${s.sev} SLA of ${plural(s.sla[pick], 'hour')}`);
        return exception(state === 'unparseable' ? `The ${field} value cannot be read as a date.` : `The ticket was not ${verb} (${field} is blank); the ${s.sev} SLA is ${plural(s.sla[pick], 'hour')}.`, observed());
      }
      if (d - o <= limitMs) return d < o ? pass(`${field} is before opened_at`) : pass();
      return exception(`${verb[0]!.toUpperCase()}${verb.slice(1)} ${hoursText(d - o)} after opening; the ${s.sev} SLA is ${plural(s.sla[pick], 'hour')}.`, { ...observed(), elapsed_hours: Math.round(((d - o) / HOUR_MS) * 10_000) / 10_000 });
    };
  };
}

export function ticketRules(params: RuleParams): ItemRule[] {
  const pm = params.postmortem_severities;
  return [
    defineItemRule({
      id: 'ticket.acknowledged_within_sla',
      name: 'Acknowledged within SLA',
      description: `acknowledged_at − opened_at ≤ the severity's acknowledgement SLA (${slaText(params, 'ackHours')}).`,
      kinds,
      params: { sla: JSON.stringify(params.sla) },
      needs: ['acknowledged_at'],
      evidence: 'inspect when the ticket was first acknowledged.',
      bind: withinHours('acknowledged_at', 'acknowledged', 'ackHours', params),
    }),
    defineItemRule({
      id: 'ticket.resolved_within_sla',
      name: 'Resolved within SLA',
      description: `resolved_at − opened_at ≤ the severity's resolution SLA (${slaText(params, 'resolveHours')}).`,
      kinds,
      params: { sla: JSON.stringify(params.sla) },
      needs: ['resolved_at'],
      evidence: 'inspect when the ticket was resolved.',
      bind: withinHours('resolved_at', 'resolved', 'resolveHours', params),
    }),
    defineItemRule({
      id: 'ticket.postmortem_present',
      name: 'Post-mortem present',
      description: `Tickets of severity ${pm.join(', ')} that are resolved reference a post-mortem (postmortem_ref).`,
      kinds,
      params: { postmortem_severities: pm.join('|') },
      needs: ['postmortem_ref'],
      evidence: 'inspect the post-mortem for the incident.',
      bind(chunk, ctx) {
        const severity = valueOrRaw(chunk, ctx, 'severity');
        const ref = textReader(chunk, 'postmortem_ref');
        const resolvedMapped = fieldColumn(chunk, 'resolved_at') !== null;
        const resolved = timestampColumn(chunk, 'resolved_at');
        return (row) => {
          const { value: text, raw } = severity(row);
          const sev = normaliseSeverity(text);
          if (sev == null) return exception(raw == null ? 'No severity is recorded, so the need for a post-mortem cannot be judged.' : `Severity ${JSON.stringify(raw)} is not recognised, so the need for a post-mortem cannot be judged.`, { severity: raw });
          if (!pm.includes(sev)) return notApplicable(`${sev}: no post-mortem required (postmortem_severities = ${pm.join(', ')})`);
          if (resolvedMapped && resolved && Number.isNaN(resolved[row]!) && cellState(chunk, ctx, 'resolved_at', row) === 'blank') return notApplicable('still open: the post-mortem is not yet due');
          return ref(row) == null ? exception(`No post-mortem is recorded for this ${sev} incident.`, { severity: text, postmortem_ref: null }) : pass();
        };
      },
    }),
    defineManualRule({
      id: 'ticket.response_inspected',
      name: 'Incident handled per the response procedure (inspect)',
      description: 'Inspect the ticket: triage, communication and escalation followed the incident response procedure.',
      kinds,
      evidence: 'Read the ticket history against the incident response procedure and tick.',
    }),
  ];
}
