/**
 * Change log rows (CC8.1), as a ServiceNow-style export. Clean rows: tested, then approved, then
 * deployed (each step at least 65 minutes after the one before), three different people as
 * requester, approver and implementer, test evidence present, emergency changes reviewed (PIR)
 * within two days. Each deviation breaks exactly one of those.
 *
 * @example
 * changeModel.columns.map((c) => c.header) // ['Number', 'Type', 'Short Description', …]
 */
import { DAY, HOUR, MINUTE } from '../time.js';
import { changeObjects, changeVerbs, environments, personName, quotedTitleTails, systems } from '../vocabulary.js';
import type { KindModel } from './model.js';
import { distinctPeople } from './people.js';

const pirWithinDays = 5;
const projects = ['OPS', 'PLAT', 'PAY', 'SEC', 'DATA', 'WEB'] as const;
const evidence = ['TEST-', 'QA-', 'CI run #', 'UAT-'] as const;

export const changeModel: KindModel = {
  kind: 'change',
  prefix: 'CHG',
  columns: [
    { header: 'Number', field: 'change_id' },
    { header: 'Type', field: 'type' },
    { header: 'Short Description', field: 'title', text: true },
    { header: 'Requested By', field: 'requester' },
    { header: 'Approved By', field: 'approver' },
    { header: 'Approved On', field: 'approved_at' },
    { header: 'Implemented By', field: 'implementer' },
    { header: 'Deployed On', field: 'deployed_at' },
    { header: 'Environment', field: 'environment' },
    { header: 'Application', field: 'system' },
    { header: 'Test Evidence', field: 'test_evidence', text: true },
    { header: 'Tested On', field: 'tested_at' },
    { header: 'PIR Date', field: 'pir_at' },
    { header: 'Ticket', field: 'ticket_ref' },
  ],
  keyFields: ['change_id'],
  eventField: 'deployed_at',
  required: ['deployed_at', 'change_id'],
  numbering: 'row',
  newlineColumn: 'Short Description',
  parameters: {
    approvalBeforeDeploy: 'approved_at < deployed_at (clean rows: at least 65 minutes before)',
    testedBeforeDeploy: 'tested_at < deployed_at',
    segregation: 'approver ≠ requester, approver ≠ implementer (clean rows: all three differ)',
    pirWithinDays,
    emergencyType: 'Emergency',
  },
  create(env) {
    const { rand, deviationRand: dev, ts } = env;
    const title = () => {
      const system = rand.pick(systems);
      const base = rand.next() < 0.5 ? `${rand.pick(changeVerbs)} ${rand.pick(changeObjects)}` : `${rand.pick(changeVerbs)} ${rand.pick(changeObjects)} on ${system}`;
      return { system, text: rand.chance(0.03) ? base + rand.pick(quotedTitleTails) : base };
    };
    return {
      row({ at, number, variant }) {
        const u = rand.next();
        // Approval deviations sit on changes that need an approval (standard changes are pre-approved).
        const needsApproval = variant === 'approvalAfterDeploy' || variant === 'selfApproval' || variant === 'approverIsImplementer' || variant === 'missingApproval';
        const type = variant === 'emergencyWithoutPir' || u < 0.03 ? 'Emergency' : u < 0.4 || needsApproval ? 'Normal' : 'Standard';
        const t = title();
        const [req, appr, impl] = distinctPeople(rand, 3) as [number, number, number];
        const requester = personName(req);
        const implementer = personName(impl);
        let approver = personName(appr);
        let approvedAt = at - Math.round(rand.between(65 * MINUTE, 3 * DAY) / 1000) * 1000;
        let testedAt = approvedAt - Math.round(rand.between(65 * MINUTE, 2 * DAY) / 1000) * 1000;
        let evidenceText = `${rand.pick(evidence)}${rand.range(10000, 999999)}`;
        let pir = type === 'Emergency' ? ts.instant(at + Math.round(rand.between(2 * HOUR, 2 * DAY) / 1000) * 1000) : '';
        let approvedText: string;
        let testedText: string;
        switch (variant) {
          case 'approvalAfterDeploy':
            approvedAt = at + Math.round(dev.between(65 * MINUTE, 5 * DAY) / 1000) * 1000;
            break;
          case 'selfApproval':
            approver = requester;
            break;
          case 'approverIsImplementer':
            approver = implementer;
            break;
          case 'testedAfterDeploy':
            testedAt = at + Math.round(dev.between(65 * MINUTE, 3 * DAY) / 1000) * 1000;
            break;
          case 'emergencyWithoutPir':
            pir = dev.chance(0.5) ? '' : ts.instant(at + Math.round(dev.between((pirWithinDays + 3) * DAY, (pirWithinDays + 30) * DAY) / 1000) * 1000);
            break;
        }
        approvedText = ts.instant(approvedAt);
        testedText = ts.instant(testedAt);
        if (variant === 'missingApproval') approver = approvedText = '';
        if (variant === 'missingTestEvidence') evidenceText = testedText = '';
        return [
          env.keyText(number), type, t.text, requester, approver, approvedText, implementer, ts.instant(at),
          rand.pick(environments), t.system, evidenceText, testedText, pir, `${rand.pick(projects)}-${rand.range(100, 99999)}`,
        ];
      },
      vary(cells) {
        cells[2] = `${cells[2]} (re-opened)`;
      },
    };
  },
};
