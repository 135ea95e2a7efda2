/**
 * Population kinds: the canonical fields each kind of control population carries, which are
 * required, the business key, the sampling unit, the event time that places a row in the audit
 * period, and the header synonyms used to map a client's export onto them.
 *
 * Synonyms are listed best first. A plain string is a rank of its own; an inner array is one rank
 * of synonyms that mean the same thing, so a file holding two of them is ambiguous (the mapping
 * stops and asks which) rather than decided by list order. Each field also says how the values of
 * a candidate column are checked before it is accepted (`role`, and its type): dates must mostly
 * parse, ids must not be mostly blank, people must not be mostly numbers, logins not display names.
 *
 * @example
 * kindSpec('change').eventTime // 'deployed_at'
 */
import { tickmarkError } from '../errors.js';
import { ticketSeverities, ticketSeverityAliases, vulnerabilityTierAliases, vulnerabilityTiers } from './severity-scales.js';

export type FieldType = 'string' | 'timestamp' | 'number' | 'boolean' | 'enum';

/** A synonym (a rank of its own) or several synonyms of equal rank. */
export type Synonym = string | readonly string[];

/**
 * What the values of a column must look like to fill the field, beyond its type:
 * `id` not mostly blank (and, as a one-field key, not mostly repeated); `person` not mostly
 * numbers or dates; `login` not mostly display names (values with spaces).
 */
export type FieldRole = 'id' | 'person' | 'login';

export interface FieldSpec {
  name: string;
  type: FieldType;
  required?: boolean;
  /** Header names (compared case-, punctuation- and camelCase-insensitively), best first. */
  synonyms: readonly Synonym[];
  /** Allowed values of an enum (lower case); others become ingest issues. */
  values?: readonly string[];
  /** Enum spellings (lower case) read as one of `values`. */
  aliases?: Readonly<Record<string, string>>;
  role?: FieldRole;
  /** A person field that may name several people in one cell (`--multi-value field=;`). */
  people?: boolean;
}

/** What a sample draws: an item (all rows of a key travel together) or each row. */
export type SamplingUnit = 'item' | 'row';

export interface KindSpec {
  kind: Kind;
  description: string;
  /**
   * Fields whose values, joined by U+001F, form the business key. Only the mapped ones are used
   * (a termination list without accounts keys on the employee); none mapped: content key.
   */
  key: string[];
  /** The sampling unit (default `item`). */
  unit?: SamplingUnit;
  /** Timestamp field that places a row in the audit period. */
  eventTime?: string;
  fields: FieldSpec[];
}

export const kinds = ['change', 'access_grant', 'termination', 'account', 'access_review', 'ticket', 'vulnerability', 'generic'] as const;
export type Kind = (typeof kinds)[number];

const f = (name: string, type: FieldType, synonyms: readonly Synonym[] = [], extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, type, synonyms, ...extra });
const req = { required: true };
const id = { role: 'id' } as const;
const person = { role: 'person' } as const;
const people = { role: 'person', people: true } as const;
const login = { role: 'login' } as const;

/** How review tools write a reviewer's decision on one account. */
const REVIEW_DECISIONS: Readonly<Record<string, string>> = {
  approve: 'keep', approved: 'keep', certify: 'keep', certified: 'keep', retain: 'keep', maintain: 'keep', confirmed: 'keep', 'no change': 'keep',
  revoked: 'revoke', remove: 'revoke', removed: 'revoke', reject: 'revoke', rejected: 'revoke', deny: 'revoke', denied: 'revoke',
  modified: 'modify', change: 'modify', changed: 'modify', downgrade: 'modify',
};

const specs: Record<Kind, KindSpec> = {
  change: {
    kind: 'change',
    description: 'Change log: changes deployed to in-scope systems (CC8.1).',
    key: ['change_id'],
    eventTime: 'deployed_at',
    fields: [
      f('change_id', 'string', [['change id', 'change number', 'change no', 'change ref', 'cr number', 'rfc'], 'number', ['issue key', 'key'], 'ticket number', 'id', 'change'], { ...req, ...id }),
      f('type', 'enum', [['change type', 'type of change'], ['category', 'change category']], { values: ['standard', 'normal', 'emergency'] }),
      f('title', 'string', [['short description', 'summary'], 'description', ['name', 'subject']]),
      f('requester', 'string', [['requested by', 'requester', 'requestor'], 'opened by', ['created by', 'author', 'reporter', 'raised by']], person),
      f('approver', 'string', [['approved by', 'approval by', 'approvers'], 'cab approver', ['reviewer', 'reviewed by', 'reviewers']], people),
      f('approved_at', 'timestamp', [['approved at', 'approved on', 'approval date', 'approved date', 'approval time', 'approval set', 'date approved'], 'reviewed at']),
      f('implementer', 'string', [['implemented by', 'deployed by', 'deployer', 'merged by'], ['assigned to', 'assignee']], people),
      f('deployed_at', 'timestamp', [['deployed at', 'deployed on', 'deployment date', 'deploy date', 'implemented on', 'implementation date', 'deployed', 'release date', 'merged at', 'go live date', 'actual end date', 'actual end', 'work end'], ['closed at', 'closed on', 'closed date']], req),
      f('environment', 'string', [['env', 'target environment']]),
      f('system', 'string', [['configuration item', 'ci'], ['application', 'app'], 'service', ['repository', 'repo']]),
      f('test_evidence', 'string', [['testing evidence', 'test result', 'test ref', 'qa evidence'], ['tests', 'testing']]),
      f('tested_at', 'timestamp', [['tested on', 'tested at', 'test date', 'testing date', 'qa date']]),
      f('pir_at', 'timestamp', [['post implementation review', 'pir date', 'post implementation review date'], ['retro approval date', 'retroactive approval']]),
      f('ticket_ref', 'string', [['ticket ref', 'linked ticket', 'ticket'], ['jira', 'issue', 'work item']]),
    ],
  },
  access_grant: {
    kind: 'access_grant',
    description: 'Access grants / provisioning events (CC6.2).',
    key: ['grant_id'],
    eventTime: 'granted_at',
    fields: [
      f('grant_id', 'string', [['grant', 'grant number', 'grant id', 'provisioning id'], 'event id', 'id'], id),
      f('user_id', 'string', [['username', 'user name', 'login', 'login name', 'user login', 'user principal name', 'upn', 'sam account name'], ['user id', 'userid', 'account', 'account name', 'grantee'], ['email', 'user email', 'primary email'], 'user'], { ...req, ...login }),
      f('system', 'string', [['application', 'app'], ['resource', 'platform']]),
      f('role', 'string', [['permission', 'entitlement', 'access level'], ['group', 'profile']]),
      f('request_id', 'string', [['request', 'request number', 'request id', 'request ref'], ['ticket', 'ticket number']]),
      f('requested_at', 'timestamp', [['requested at', 'requested on', 'request date', 'date requested'], 'opened at']),
      f('approver', 'string', [['approved by', 'approval by'], 'manager'], people),
      f('approved_at', 'timestamp', [['approved at', 'approved on', 'approval date', 'approved date']]),
      f('granted_at', 'timestamp', [['granted at', 'granted on', 'grant date', 'date granted', 'access granted', 'provisioned at', 'provisioned on', 'assigned date', 'assigned on', 'assignment date', 'date assigned'], ['created', 'created at', 'created date']], req),
    ],
  },
  termination: {
    kind: 'termination',
    description: 'Terminated personnel (the HR list), with their accounts when the export lists them (CC6.2/CC6.3).',
    key: ['employee_id', 'account_id'],
    eventTime: 'termination_date',
    fields: [
      f('employee_id', 'string', [['employee id', 'employee number', 'employee no', 'employee #', 'emp id', 'worker id', 'person id', 'staff id', 'personnel number'], 'user id'], { ...req, ...id }),
      f('employee_name', 'string', [['employee name', 'full name', 'worker', 'name']], person),
      f('email', 'string', [['email', 'work email', 'email address', 'primary email', 'business email']]),
      f('termination_date', 'timestamp', [['termination date', 'terminated on', 'terminated at', 'term date', 'date of termination', 'termination effective date', 'separation date'], ['last day of work', 'last day', 'last working day'], ['termination', 'end date']], req),
      f('account_id', 'string', [['account', 'account id', 'account name', 'username', 'user name', 'login', 'sam account name']], login),
      f('system', 'string', [['application', 'app', 'platform']]),
      f('disabled_at', 'timestamp', [['disabled at', 'disabled on', 'date disabled', 'deactivated at', 'deprovisioned at', 'access removed', 'revoked at']]),
      f('last_login', 'timestamp', [['last login', 'last logon', 'last login at', 'last sign in', 'last logon date', 'last login time'], 'last activity']),
    ],
  },
  account: {
    kind: 'account',
    description: 'Accounts of a system or directory (IdP, AD, SaaS): who can sign in, since when, disabled when (CC6.1–CC6.3).',
    key: ['system', 'username'],
    eventTime: 'created_at',
    fields: [
      f('username', 'string', [['username', 'user name', 'login', 'login name', 'user principal name', 'upn', 'sam account name', 'account name', 'account'], ['user id', 'userid']], { ...req, ...login }),
      f('email', 'string', [['email', 'email address', 'mail', 'primary email', 'work email', 'user email']]),
      f('employee_id', 'string', [['employee id', 'employee number', 'employee no', 'emp id', 'worker id', 'personnel number']]),
      f('display_name', 'string', [['display name', 'full name', 'name']], person),
      f('status', 'string', [['account status', 'user status', 'state']]),
      f('enabled', 'boolean', [['account enabled', 'is enabled', 'active', 'is active']]),
      f('suspended', 'boolean', [['suspended', 'is suspended']]),
      f('disabled_at', 'timestamp', [['disabled at', 'disabled on', 'date disabled', 'deactivated at', 'deactivated on', 'deprovisioned at', 'suspended at']]),
      f('last_login', 'timestamp', [['last login', 'last logon', 'last login at', 'last sign in', 'last logon date', 'last login time', 'last sign in date'], 'last activity']),
      f('system', 'string', [['application', 'app', 'directory', 'platform']]),
      f('created_at', 'timestamp', [['created', 'created at', 'created on', 'created date', 'creation date', 'date created', 'when created', 'creation time']]),
    ],
  },
  access_review: {
    kind: 'access_review',
    description: 'User access reviews (CC6.1–CC6.3), one row per review or per reviewed account.',
    key: ['review_id'],
    eventTime: 'completed_at',
    fields: [
      f('review_id', 'string', [['review id', 'review', 'review number', 'campaign', 'campaign id'], 'id'], { ...req, ...id }),
      f('period', 'string', [['review period', 'quarter', 'cycle']]),
      f('period_end', 'timestamp', [['period end', 'review period end', 'period end date'], ['due date', 'as of']]),
      f('system', 'string', [['application', 'app', 'platform']], req),
      f('reviewer', 'string', [['reviewed by', 'certifier'], 'approver'], person),
      f('reviewed_user', 'string', [['reviewed user', 'reviewed account', 'user', 'user id', 'account', 'subject']]),
      f('owner', 'string', [['system owner', 'application owner']], person),
      f('completed_at', 'timestamp', [['completed on', 'completed at', 'completion date', 'signed off', 'sign off date', 'certified at'], 'reviewed at'], req),
      f('decision', 'enum', [['review decision', 'certification decision']], { values: ['keep', 'revoke', 'modify'], aliases: REVIEW_DECISIONS }),
      f('revocations', 'number', [['revocations requested', 'removals', 'access removed count']]),
      f('revoked_at', 'timestamp', [['revoked on', 'revoked at', 'removal date', 'revocations completed', 'remediated at']]),
    ],
  },
  ticket: {
    kind: 'ticket',
    description: 'Tickets / incidents with severity SLAs (CC7.3–CC7.5).',
    key: ['ticket_id'],
    eventTime: 'opened_at',
    fields: [
      f('ticket_id', 'string', [['ticket id', 'ticket number', 'incident number', 'incident id'], ['number', 'issue key', 'key'], ['ticket', 'incident'], 'id'], { ...req, ...id }),
      f('severity', 'enum', [['sev', 'priority'], ['impact', 'urgency']], { ...req, values: ticketSeverities, aliases: ticketSeverityAliases() }),
      f('opened_at', 'timestamp', [['opened at', 'opened', 'opened on', 'created', 'created at', 'created on', 'created date', 'date opened', 'reported at'], 'start'], req),
      f('acknowledged_at', 'timestamp', [['acknowledged', 'acknowledged at', 'acknowledged on', 'ack at'], ['responded at', 'first response', 'first response at']]),
      f('resolved_at', 'timestamp', [['resolved', 'resolved at', 'resolved on', 'resolution date', 'date resolved'], ['closed', 'closed at', 'closed on', 'closed date']]),
      f('owner', 'string', [['assigned to', 'assignee', 'responder']], person),
      f('postmortem_ref', 'string', [['postmortem', 'post mortem', 'rca', 'root cause analysis', 'pir']]),
    ],
  },
  vulnerability: {
    kind: 'vulnerability',
    description: 'Vulnerability findings and remediation (CC7.1).',
    key: ['vuln_id'],
    eventTime: 'discovered_at',
    fields: [
      f('vuln_id', 'string', [['finding id', 'vulnerability id', 'vuln id', 'finding'], ['plugin id', 'qid'], 'id'], { ...req, ...id }),
      f('severity', 'enum', ['risk', ['cvss severity', 'tier', 'severity level'], 'risk factor', 'priority'], { ...req, values: vulnerabilityTiers, aliases: vulnerabilityTierAliases() }),
      f('asset', 'string', [['host', 'hostname', 'host name', 'asset name'], ['dns name', 'fqdn'], ['ip', 'ip address'], 'resource']),
      f('discovered_at', 'timestamp', [['discovered', 'discovered at', 'first seen', 'first discovered', 'first detected', 'first found', 'first observed', 'found at', 'detected at', 'date discovered'], ['created', 'created at']], req),
      f('remediated_at', 'timestamp', [['remediated', 'remediated at', 'fixed', 'fixed at', 'date fixed', 'last fixed', 'date last fixed', 'mitigated at'], ['resolved at', 'closed at']]),
      f('exception_ref', 'string', [['exception', 'risk acceptance', 'waiver', 'exception ref']]),
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

/** A field's synonyms as ranks: each a list of equal-rank names. */
export function synonymRanks(field: FieldSpec): string[][] {
  return field.synonyms.map((s) => (typeof s === 'string' ? [s] : [...s]));
}
