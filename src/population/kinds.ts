/**
 * Population kinds: the canonical fields each kind of control population carries, which are
 * required, the business key, the event time that places a row in the audit period, and the
 * header synonyms used to map a client's export onto them.
 *
 * @example
 * kindSpec('change').eventTime // 'deployed_at'
 */
import { tickmarkError } from '../errors.js';

export type FieldType = 'string' | 'timestamp' | 'number' | 'boolean' | 'enum';

export interface FieldSpec {
  name: string;
  type: FieldType;
  required?: boolean;
  /** Header names (compared case- and punctuation-insensitively) that map onto this field. */
  synonyms: string[];
  /** Allowed values of an enum (lower case); others become ingest issues. */
  values?: string[];
}

export interface KindSpec {
  kind: Kind;
  description: string;
  /** Fields whose values, joined by U+001F, form the business key. Empty: content key. */
  key: string[];
  /** Timestamp field that places a row in the audit period. */
  eventTime?: string;
  fields: FieldSpec[];
}

export const kinds = ['change', 'access_grant', 'termination', 'access_review', 'ticket', 'vulnerability', 'generic'] as const;
export type Kind = (typeof kinds)[number];

const f = (name: string, type: FieldType, synonyms: string[] = [], extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, type, synonyms, ...extra });
const req = { required: true };

const specs: Record<Kind, KindSpec> = {
  change: {
    kind: 'change',
    description: 'Change log: changes deployed to in-scope systems (CC8.1).',
    key: ['change_id'],
    eventTime: 'deployed_at',
    fields: [
      f('change_id', 'string', ['number', 'change number', 'change id', 'change', 'change no', 'change ref', 'id', 'key', 'ticket number', 'cr number', 'rfc'], req),
      f('type', 'enum', ['change type', 'category', 'change category', 'type of change'], { values: ['standard', 'normal', 'emergency'] }),
      f('title', 'string', ['short description', 'summary', 'description', 'name', 'subject']),
      f('requester', 'string', ['requested by', 'requestor', 'opened by', 'author', 'created by', 'reporter']),
      f('approver', 'string', ['approved by', 'approval by', 'cab approver', 'reviewer', 'reviewed by']),
      f('approved_at', 'timestamp', ['approved on', 'approval date', 'approved date', 'approval time', 'approved', 'cab date', 'reviewed at', 'approved at']),
      f('implementer', 'string', ['implemented by', 'deployed by', 'deployer', 'assigned to', 'assignee', 'merged by', 'deployed_by']),
      f('deployed_at', 'timestamp', ['deployed on', 'deployment date', 'deploy date', 'implemented on', 'implementation date', 'closed at', 'closed on', 'deployed', 'release date', 'merged at', 'deployed at'], req),
      f('environment', 'string', ['env', 'target environment']),
      f('system', 'string', ['application', 'app', 'service', 'configuration item', 'ci', 'repository', 'repo']),
      f('test_evidence', 'string', ['testing evidence', 'test result', 'tests', 'test ref', 'qa evidence', 'testing']),
      f('tested_at', 'timestamp', ['tested on', 'test date', 'testing date', 'qa date']),
      f('pir_at', 'timestamp', ['post implementation review', 'pir date', 'post implementation review date', 'retro approval date', 'retroactive approval']),
      f('ticket_ref', 'string', ['ticket', 'linked ticket', 'jira', 'issue', 'work item', 'ticket ref']),
    ],
  },
  access_grant: {
    kind: 'access_grant',
    description: 'Access grants / provisioning events (CC6.2).',
    key: ['grant_id'],
    eventTime: 'granted_at',
    fields: [
      f('grant_id', 'string', ['grant', 'grant number', 'provisioning id', 'event id', 'id']),
      f('user_id', 'string', ['user', 'username', 'user name', 'account', 'grantee', 'employee', 'login'], req),
      f('system', 'string', ['application', 'app', 'resource', 'platform']),
      f('role', 'string', ['permission', 'group', 'entitlement', 'access level', 'profile']),
      f('request_id', 'string', ['request', 'request number', 'ticket', 'ticket number', 'request ref']),
      f('requested_at', 'timestamp', ['requested on', 'request date', 'opened at', 'created at']),
      f('approver', 'string', ['approved by', 'manager', 'approval by']),
      f('approved_at', 'timestamp', ['approved on', 'approval date', 'approved date']),
      f('granted_at', 'timestamp', ['granted on', 'grant date', 'provisioned at', 'provisioned on', 'access granted', 'date granted', 'created'], req),
    ],
  },
  termination: {
    kind: 'termination',
    description: 'Terminated personnel with their accounts (CC6.2/CC6.3).',
    key: ['employee_id', 'account_id'],
    eventTime: 'termination_date',
    fields: [
      f('employee_id', 'string', ['employee', 'employee number', 'emp id', 'worker id', 'person id', 'user', 'user id'], req),
      f('employee_name', 'string', ['name', 'employee name', 'full name']),
      f('termination_date', 'timestamp', ['terminated on', 'term date', 'termination', 'last day', 'separation date', 'end date', 'terminated at'], req),
      f('account_id', 'string', ['account', 'username', 'login', 'account name']),
      f('system', 'string', ['application', 'app', 'platform']),
      f('disabled_at', 'timestamp', ['disabled on', 'deactivated at', 'deprovisioned at', 'access removed', 'revoked at', 'date disabled']),
      f('last_login', 'timestamp', ['last logon', 'last login at', 'last sign in', 'last activity', 'last_login_at']),
    ],
  },
  access_review: {
    kind: 'access_review',
    description: 'User access reviews (CC6.1–CC6.3).',
    key: ['review_id'],
    eventTime: 'completed_at',
    fields: [
      f('review_id', 'string', ['review', 'review number', 'campaign', 'campaign id', 'id'], req),
      f('period', 'string', ['review period', 'quarter', 'cycle']),
      f('period_end', 'timestamp', ['period end', 'review period end', 'due date', 'as of']),
      f('system', 'string', ['application', 'app', 'platform'], req),
      f('reviewer', 'string', ['reviewed by', 'certifier', 'approver']),
      f('reviewed_user', 'string', ['user', 'user id', 'account', 'subject']),
      f('owner', 'string', ['system owner', 'application owner']),
      f('completed_at', 'timestamp', ['completed on', 'completion date', 'signed off', 'sign off date', 'certified at', 'reviewed at'], req),
      f('revocations', 'number', ['revocations requested', 'removals', 'access removed count']),
      f('revoked_at', 'timestamp', ['revoked on', 'removal date', 'revocations completed', 'remediated at']),
    ],
  },
  ticket: {
    kind: 'ticket',
    description: 'Tickets / incidents with severity SLAs (CC7.3–CC7.5).',
    key: ['ticket_id'],
    eventTime: 'opened_at',
    fields: [
      f('ticket_id', 'string', ['ticket', 'number', 'incident', 'incident number', 'id', 'key'], req),
      f('severity', 'string', ['priority', 'sev', 'impact', 'urgency'], req),
      f('opened_at', 'timestamp', ['opened', 'created', 'created at', 'opened on', 'reported at', 'start'], req),
      f('acknowledged_at', 'timestamp', ['acknowledged', 'ack at', 'responded at', 'first response', 'acknowledged on']),
      f('resolved_at', 'timestamp', ['resolved', 'resolved on', 'closed', 'closed at', 'resolution date']),
      f('owner', 'string', ['assigned to', 'assignee', 'responder']),
      f('postmortem_ref', 'string', ['postmortem', 'post mortem', 'rca', 'root cause analysis', 'pir']),
    ],
  },
  vulnerability: {
    kind: 'vulnerability',
    description: 'Vulnerability findings and remediation (CC7.1).',
    key: ['vuln_id'],
    eventTime: 'discovered_at',
    fields: [
      f('vuln_id', 'string', ['vulnerability', 'finding', 'finding id', 'cve', 'id', 'plugin id'], req),
      f('severity', 'string', ['risk', 'cvss severity', 'priority', 'tier'], req),
      f('asset', 'string', ['host', 'hostname', 'resource', 'ip']),
      f('discovered_at', 'timestamp', ['discovered', 'first seen', 'found at', 'detected at', 'created at'], req),
      f('remediated_at', 'timestamp', ['remediated', 'fixed at', 'resolved at', 'closed at', 'last fixed']),
      f('exception_ref', 'string', ['exception', 'risk acceptance', 'waiver']),
    ],
  },
  generic: {
    kind: 'generic',
    description: 'Any table: the user names the key and the event time.',
    key: [],
    fields: [],
  },
};

export function isKind(kind: string): kind is Kind {
  return (kinds as readonly string[]).includes(kind);
}

export function kindSpec(kind: string): KindSpec {
  if (!isKind(kind)) throw tickmarkError('TM_ERR_UNKNOWN_KIND', { kind, kinds });
  return specs[kind];
}
