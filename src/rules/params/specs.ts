/**
 * The parameters of the built-in rules: name (as written on the command line, `--param name=value`),
 * the kinds that use it, its default and what it means. One table, so the CLI help, the README and
 * the workbook's method section all read the same text.
 *
 * @example
 * defaultRuleParams().disable_days // { days: 1, basis: 'business' }
 */
import type { Kind } from '../../population/kinds.js';
import type { DayLimit, SlaTable, TierSla } from './values.js';

export interface RuleParams {
  /** Compare person names exactly (default: ignore case and whitespace). */
  strict_names: boolean;
  preapproved_types: string[];
  untested_types: string[];
  unticketed_types: string[];
  emergency_types: string[];
  pir_days: DayLimit;
  deployments_key: string;
  birthright_roles: string[];
  grant_days: DayLimit;
  disable_days: DayLimit;
  accounts_key: string;
  dormant_days: DayLimit;
  reviewer_not: string[];
  review_days: DayLimit;
  revoke_days: DayLimit;
  expected_periods: string[];
  expected_systems: string[];
  sla: SlaTable;
  postmortem_severities: string[];
  vuln_sla: TierSla;
}

export type ParamName = keyof RuleParams;
export type ParamType = 'boolean' | 'list' | 'days' | 'field' | 'sla' | 'tier_sla';

export interface ParamSpec {
  name: ParamName;
  type: ParamType;
  kinds: readonly Kind[];
  /** The default as it would be written on the command line. */
  defaultText: string;
  description: string;
}

export const ruleParamSpecs: readonly ParamSpec[] = [
  { name: 'strict_names', type: 'boolean', kinds: ['change', 'access_grant', 'access_review', 'termination', 'account'], defaultText: 'false', description: 'Compare people exactly; by default case and whitespace are ignored (J.Smith = " j.smith").' },
  { name: 'preapproved_types', type: 'list', kinds: ['change'], defaultText: 'standard', description: 'Change types that are pre-approved (ITIL standard changes): approval and segregation attributes are not applicable.' },
  { name: 'untested_types', type: 'list', kinds: ['change'], defaultText: '', description: 'Change types exempt from per-change test evidence.' },
  { name: 'unticketed_types', type: 'list', kinds: ['change'], defaultText: '', description: 'Change types exempt from a linked ticket.' },
  { name: 'emergency_types', type: 'list', kinds: ['change'], defaultText: 'emergency', description: 'Change types that need a post-implementation review.' },
  { name: 'pir_days', type: 'days', kinds: ['change'], defaultText: '5bd', description: 'Post-implementation review of an emergency change within this many days of deployment.' },
  { name: 'deployments_key', type: 'field', kinds: ['change'], defaultText: 'change_id', description: 'Field (or header) of the deployment log that holds the change id (join "deployments").' },
  { name: 'birthright_roles', type: 'list', kinds: ['access_grant'], defaultText: '', description: 'Roles granted automatically (birthright): request and approval attributes are not applicable.' },
  { name: 'grant_days', type: 'days', kinds: ['access_grant'], defaultText: '30d', description: 'Access granted within this many days of its approval.' },
  { name: 'disable_days', type: 'days', kinds: ['termination'], defaultText: '1bd', description: 'Accounts disabled within this many days after the termination day.' },
  { name: 'accounts_key', type: 'field', kinds: ['termination'], defaultText: 'auto', description: 'Field (or header) that identifies the person in both the terminations and the account population (join "accounts"). auto: employee_id, else email, else the account name against username — each row matched on the first both populations carry.' },
  { name: 'dormant_days', type: 'days', kinds: ['account'], defaultText: '90d', description: 'An active account with no login for longer than this at the period end is dormant.' },
  { name: 'reviewer_not', type: 'list', kinds: ['access_review'], defaultText: 'reviewed_user', description: 'Fields the reviewer must differ from: reviewed_user, owner or both (reviewed_user|owner). The system owner usually is the reviewer, so owner is off by default.' },
  { name: 'review_days', type: 'days', kinds: ['access_review'], defaultText: '30d', description: 'Review completed within this many days after its period end.' },
  { name: 'revoke_days', type: 'days', kinds: ['access_review'], defaultText: '30d', description: 'Revocations carried out within this many days after the review was completed.' },
  { name: 'expected_periods', type: 'list', kinds: ['access_review'], defaultText: '', description: 'Review periods expected for every system (e.g. 2025-Q1|2025-Q2|2025-Q3|2025-Q4); a period without a review is a finding.' },
  { name: 'expected_systems', type: 'list', kinds: ['access_review'], defaultText: '', description: 'Systems expected to be reviewed each period (default: the systems in the population).' },
  { name: 'sla', type: 'sla', kinds: ['ticket'], defaultText: 'sev0:1h/24h,sev1:1h/24h,sev2:4h/72h,sev3:24h/168h,sev4:72h/720h', description: 'Hours to acknowledge/resolve per severity, compact (sev1:1h/24h,…) or JSON ({"sev1":{"ackHours":1,"resolveHours":24}}). Listed severities replace the defaults; others keep them.' },
  { name: 'postmortem_severities', type: 'list', kinds: ['ticket'], defaultText: 'sev0|sev1|sev2', description: 'Severities that need a post-mortem.' },
  { name: 'vuln_sla', type: 'tier_sla', kinds: ['vulnerability'], defaultText: 'critical:15d,high:30d,medium:90d,low:180d', description: 'Days to remediate per tier, compact (critical:15d,high:30d) or JSON; listed tiers replace the defaults. Tiers without an SLA (info) are not applicable.' },
];
