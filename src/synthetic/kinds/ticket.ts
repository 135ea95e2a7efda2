/**
 * Incident tickets (CC7.3–CC7.5), as an ITSM export. Clean rows are acknowledged within 40 % of
 * the severity's acknowledge SLA and resolved within 85 % of its resolve SLA; P1/P2 tickets carry
 * a post-mortem reference. Each deviation breaks exactly one of those.
 *
 * @example
 * ticketModel.parameters.sla // { P1: { ackHours: 0.5, resolveHours: 4 }, … }
 */
import { HOUR, MINUTE } from '../time.js';
import { personName, peopleCount, ticketTopics } from '../vocabulary.js';
import type { KindModel } from './model.js';

const sla = {
  P1: { ackHours: 0.5, resolveHours: 4 },
  P2: { ackHours: 1, resolveHours: 24 },
  P3: { ackHours: 8, resolveHours: 72 },
  P4: { ackHours: 24, resolveHours: 168 },
} as const;
type Priority = keyof typeof sla;

const seconds = (ms: number) => Math.round(ms / 1000) * 1000;

export const ticketModel: KindModel = {
  kind: 'ticket',
  prefix: 'INC',
  columns: [
    { header: 'Number', field: 'ticket_id' },
    { header: 'Short Description', text: true },
    { header: 'Priority', field: 'severity' },
    { header: 'Opened', field: 'opened_at' },
    { header: 'Acknowledged', field: 'acknowledged_at' },
    { header: 'Resolved', field: 'resolved_at' },
    { header: 'Assigned To', field: 'owner' },
    { header: 'Postmortem', field: 'postmortem_ref' },
  ],
  keyFields: ['ticket_id'],
  eventField: 'opened_at',
  required: ['opened_at', 'severity', 'ticket_id'],
  numbering: 'row',
  newlineColumn: 'Short Description',
  parameters: {
    sla,
    slaBasis: 'calendar hours from opened_at',
    slaBreach: 'resolved_at later than opened_at + resolveHours (clean rows: within 85 %)',
    ackBreach: 'acknowledged_at later than opened_at + ackHours (clean rows: within 40 %)',
    postmortemFor: ['P1', 'P2'],
  },
  create(env) {
    const { rand, deviationRand: dev, ts } = env;
    return {
      row({ at, number, variant }) {
        const u = rand.next();
        let priority: Priority = u < 0.02 ? 'P1' : u < 0.1 ? 'P2' : u < 0.5 ? 'P3' : 'P4';
        if (variant === 'missingPostmortem') priority = dev.chance(0.5) ? 'P1' : 'P2';
        const limits = sla[priority];
        const ackLimit = limits.ackHours * HOUR;
        const resolveLimit = limits.resolveHours * HOUR;
        let ack = at + seconds(rand.between(2 * MINUTE, 0.4 * ackLimit));
        let resolved = at + seconds(rand.between(Math.max(0.1 * resolveLimit, ack - at + 5 * MINUTE), 0.85 * resolveLimit));
        if (variant === 'slaBreach') resolved = at + seconds(resolveLimit * dev.between(1.3, 4) + HOUR);
        if (variant === 'ackBreach') {
          ack = at + seconds(ackLimit * dev.between(1.5, 4) + 10 * MINUTE);
          resolved = ack + seconds(dev.between(5 * MINUTE, Math.max(5 * MINUTE, at + 0.85 * resolveLimit - ack)));
        }
        const postmortem = (priority === 'P1' || priority === 'P2') && variant !== 'missingPostmortem' ? `PM-${rand.range(1000, 99999)}` : '';
        return [
          env.keyText(number), rand.pick(ticketTopics), priority, ts.instant(at), ts.instant(ack), ts.instant(resolved), personName(rand.int(peopleCount)), postmortem,
        ];
      },
      vary(cells) {
        cells[1] = `${cells[1]} (duplicate alert)`;
      },
    };
  },
};
