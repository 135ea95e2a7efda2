/**
 * Word lists the generator draws realistic cell text from: people, systems, change titles,
 * test evidence, hosts. A few entries carry commas, quotes and non-ASCII letters on purpose.
 *
 * @example
 * personName(0) // 'james.smith'
 */

export const firstNames = [
  'james', 'mary', 'robert', 'patricia', 'john', 'jennifer', 'michael', 'linda', 'david', 'elizabeth',
  'william', 'barbara', 'richard', 'susan', 'joseph', 'jessica', 'thomas', 'sarah', 'chris', 'karen',
  'daniel', 'lisa', 'matthew', 'nancy', 'anthony', 'betty', 'mark', 'sandra', 'steven', 'ashley',
  'paul', 'emily', 'andrew', 'donna', 'joshua', 'michelle', 'kevin', 'carol', 'brian', 'amanda',
  'priya', 'wei', 'aisha', 'mateo', 'yuki', 'olga', 'zoë', 'andré', 'noah', 'fatima',
] as const;

export const lastNames = [
  'smith', 'johnson', 'williams', 'brown', 'jones', 'garcia', 'miller', 'davis', 'rodriguez', 'martinez',
  'hernandez', 'lopez', 'gonzalez', 'wilson', 'anderson', 'thomas', 'taylor', 'moore', 'jackson', 'martin',
  'lee', 'perez', 'thompson', 'white', 'harris', 'sanchez', 'clark', 'ramirez', 'lewis', 'robinson',
  'walker', 'young', 'allen', 'king', 'wright', 'scott', 'torres', 'nguyen', 'hill', 'flores',
  'patel', 'chen', 'kowalski', 'müller', 'okafor', 'tanaka', 'ivanova', 'núñez', 'dubois', 'haddad',
] as const;

/** Number of distinct people (first × last). */
export const peopleCount = firstNames.length * lastNames.length;

/** The user id of person `index` (0 ≤ index < peopleCount): `first.last`, distinct per index. */
export function personName(index: number): string {
  return firstNames[index % firstNames.length]! + '.' + lastNames[Math.floor(index / firstNames.length) % lastNames.length]!;
}

/** The display name of person `index`: `First Last`. */
export function personDisplayName(index: number): string {
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return cap(firstNames[index % firstNames.length]!) + ' ' + cap(lastNames[Math.floor(index / firstNames.length) % lastNames.length]!);
}

export const systems = [
  'payments-api', 'billing-svc', 'auth-gateway', 'customer-portal', 'ledger-db', 'data-warehouse', 'mobile-app',
  'admin-console', 'search-svc', 'notification-svc', 'identity-idp', 'reporting', 'k8s-prod', 'vpn', 'erp',
  'crm', 'hr-portal', 'cdn-edge', 'kafka-cluster', 'etl-pipeline',
] as const;

export const changeVerbs = [
  'Upgrade', 'Patch', 'Deploy', 'Rotate', 'Migrate', 'Refactor', 'Fix', 'Enable', 'Disable', 'Tune',
  'Roll back', 'Add', 'Remove', 'Update', 'Harden', 'Scale',
] as const;

export const changeObjects = [
  'TLS certificates', 'OpenSSL', 'DB schema', 'API rate limits', 'login flow', 'cron jobs', 'log retention',
  'feature flag', 'base images', 'WAF rules', 'backup policy', 'IAM roles', 'node pool', 'SSO config',
  'invoice export', 'cache TTLs', 'alert thresholds', 'dependency pins', 'index on orders', 'S3 lifecycle',
] as const;

/** Title endings that make a cell need quoting (commas, quotes) — drawn for a few percent of rows. */
export const quotedTitleTails = [
  ', then restart workers',
  ', phase 2',
  ' ("hotfix")',
  ', per "CAB" note',
  '; see runbook, step 3',
] as const;

/** Second lines appended after an embedded newline inside a quoted cell. */
export const secondLines = [
  'Rollback: redeploy previous tag',
  'Note: coordinate with on-call',
  'Follow-up in next sprint, see ticket',
] as const;

export const environments = ['production', 'production', 'production', 'production', 'prod-eu', 'prod-us'] as const;

export const roles = ['read-only', 'analyst', 'developer', 'admin', 'support', 'billing-admin', 'db-reader', 'deployer', 'auditor', 'owner'] as const;

export const ticketTopics = [
  'Checkout latency spike', 'Login failures for SSO users', 'Disk full on db replica', 'Webhook retries piling up',
  'Certificate expiry warning', 'Elevated 5xx on API', 'Batch job missed schedule', 'Phishing report', 'VPN drops',
  'Data export stuck', 'Pager alert storm', 'Memory leak in worker',
] as const;

export const vulnerabilityTitles = [
  'OpenSSL buffer overflow', 'Outdated nginx', 'TLS 1.0 enabled', 'SQL injection in search', 'Log4j RCE',
  'Weak SSH ciphers', 'Missing security headers', 'Kernel privilege escalation', 'Exposed debug endpoint',
  'Unpatched glibc', 'Default credentials', 'XSS in profile page',
] as const;

export const categories = ['hardware', 'software', 'services', 'travel', 'licenses', 'consulting', 'facilities'] as const;

/** People's names in several scripts (Cyrillic, Greek, Chinese, Japanese, Arabic, Devanagari, Korean, Hebrew, Thai). */
export const scriptNames = [
  'Иван Петров', 'Ольга Смирнова', 'Γιώργος Παπαδόπουλος', 'Ελένη Νικολάου', '王伟', '李娜', '张敏',
  '田中太郎', '佐藤花子', 'محمد علي', 'فاطمة الزهراء', 'प्रिया शर्मा', 'राहुल वर्मा', '김민준', '이서연',
  'דוד כהן', 'สมชาย ใจดี',
] as const;

/** Endings in Windows-1252's own characters (0x80–0x9F) and accents: how European exports read. */
export const westernTails = [
  ' – Kosten 1.200 €', ' (“Müller”)', ' — siehe Anhang…', ' ‘Zoë’ Ångström', ' • Straße Nr. 5', ' Œuvre ™', ' ±5 µs, 90 %',
] as const;

/** Column names of a Jira export past its own fields: repeated as Jira repeats a multi-valued field. */
export const jiraColumns = [
  'Labels', 'Labels', 'Labels', 'Sprint', 'Sprint', 'Watchers', 'Watchers', 'Watchers', 'Component/s', 'Component/s',
  'Fix Version/s', 'Fix Version/s', 'Custom field (Team)', 'Custom field (Story Points)', 'Custom field (Epic Link)',
  'Attachment', 'Attachment', 'Comment', 'Comment', 'Outward issue link (Blocks)', 'Inward issue link (Blocks)',
  'Log Work', 'Priority', 'Resolution', 'Status Category', 'Environment', 'Due Date', 'Votes', 'Original Estimate',
  'Remaining Estimate', 'Time Spent', 'Security Level', 'Parent', 'Parent summary', 'Issue id',
] as const;

/** Values of those columns. */
export const jiraValues = [
  'backend', 'frontend', 'infra', 'Sprint 41', 'Sprint 42', 'PLAT Sprint 7', 'Payments', 'Core', 'v2.3.1', 'v2.4.0',
  'Team Phoenix', '3', '5', '8', 'PLAT-1201', 'Medium', 'High', 'Done', 'Fixed', 'In Progress', '14400', '3600',
  'screenshot.png', 'Reviewed, looks good', 'See "runbook" step 2', 'PAY-88',
] as const;
