/**
 * A hand-made change log with the cases engines get wrong: quoted keys holding commas and quotes,
 * non-ASCII and supplementary-plane keys, keys padded with the whitespace JavaScript trims (and
 * U+0085, which it does not), blank keys (content keys) and identical rows, a key on several rows
 * with tied event times, every ISO timestamp form the SQL reads, invalid and ambiguous dates, enum
 * values in any case, and blank or whitespace-only approvers.
 */
import { rng } from '../completeness/helpers.js';

const q = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

const keys = [
  'CHG0001', 'CHG0002', 'CHG,0003', 'CHG "0004"', 'CHG-é0005', '变更0006', 'CHG\u{1F600}0007', ' CHG0008 ', '\u00a0CHG0009\u2003', '\tCHG0010',
  'CHG0011\u0085', '\ufeffCHG0012', 'CHG0013', 'CHG0014', 'CHG0014', 'CHG0014', '', '  ', 'CHG0019', 'CHG0020', 'ÀCHG0021', 'chg0022', 'CHG\uE000', 'CHG\u{10000}',
];
const times = [
  '2025-01-03', '2025-01-03T10:20', '2025-02-04 1:05', '2025-02-04T10:20:30.5Z', '2025-03-04T10:20:30,123456+02:00', '2025-03-04 10:20 -0500',
  '2025-04-30T24:00:00', '2025-05-04T10:20:60Z', ' 2025-06-01T08:00:00Z ', '2025-07-01t08:00:00z', '2025-08-01T08:00:00+0530', '2025-09-01T08:00:00-03',
  '2025-02-30', 'garbage', '03/04/2025', '2025-10-01T09:00:00Z', '2025-10-01T09:00:00Z', '2025-10-01T09:00:00Z', '', '2024-12-31T23:59:59Z', '2026-01-01T00:00:00Z',
  '2025-11-11T11:11:11Z', '2025-12-12T12:12:12Z', '2025-12-31T23:59:59.999Z',
];
const types = ['Emergency', ' NORMAL ', 'standard', 'weird', 'emergency', 'normal'];
const people = ['J.Smith', ' j.smith ', 'A. Jones', '', '\u00a0', 'Zoë'];

export function edgeChangeCsv(): string {
  const header = 'Number,Type,Short Description,Requested By,Approved By,Approved On,Implemented By,Deployed On,Environment';
  const lines = [header];
  keys.forEach((key, i) => {
    const t = times[i % times.length]!;
    const row = [key, types[i % types.length]!, `change ${i}`, people[i % people.length]!, people[(i + 2) % people.length]!, i % 5 === 0 ? '' : '2025-01-01T00:00:00Z', people[(i + 1) % people.length]!, t, i % 3 === 0 ? 'production' : 'staging'];
    lines.push(row.map(q).join(','));
  });
  // Identical rows (blank key): one content key, one unit.
  lines.push(['', 'normal', 'same', 'x', 'y', '2025-01-01T00:00:00Z', 'z', '2025-05-05T05:05:05Z', 'production'].join(','));
  lines.push(['', 'normal', 'same', 'x', 'y', '2025-01-01T00:00:00Z', 'z', '2025-05-05T05:05:05Z', 'production'].join(','));
  return lines.join('\n') + '\n';
}

/** A termination list whose key is two fields (employee, account), with a blank part and a repeat. */
export function edgeTerminationCsv(): string {
  const lines = ['Employee ID,Name,Termination Date,Account,System,Disabled At,Last Login'];
  const rows = [
    ['E1', 'Ann', '2025-02-01', 'ann', 'okta', '2025-02-02T10:00:00Z', ''],
    ['E1', 'Ann', '2025-02-01', 'ann-admin', 'aws', '2025-02-05T10:00:00Z', ''],
    ['E2', 'Bo', '2025-03-15', '', 'okta', '', ''],
    ['E3 ', 'Cé', '2025-04-20', 'cé', 'okta', '2025-04-20T18:00:00Z', '2025-04-25T09:00:00Z'],
    ['E3', 'Cé', '2025-04-21', 'cé', 'okta', '2025-04-20T18:00:00Z', ''],
    ['E4', 'Dee', '2025-06-30', 'dee', 'gcp', '2025-07-10T00:00:00Z', ''],
    ['E5', 'Eve', '2025-09-09', 'eve', 'okta', '2025-09-09T12:00:00Z', ''],
    ['E6', 'Fay', '2025-11-30', 'fay', 'okta', '2025-12-01T12:00:00Z', ''],
  ];
  for (const r of rows) lines.push(r.map(q).join(','));
  return lines.join('\n') + '\n';
}

const someTimes = ['2025-03-01T10:00:00Z', '2025-06-30', '2025-07-01 08:30', ' 2025-09-09T09:09:09.5+01:00 ', 'garbage', '2025-02-30', '2025-13-01', '', '  ', '\u00a0'];
const someNumbers = ['0', '3', '-2', '1.5', '+4', '.5', '1e3', '12 ', '007', 'abc', '1.2.3', '', ' '];
const someBooleans = ['true', 'FALSE', ' yes ', 'no', 'Y', 'n', 'maybe', '', ' '];
const someDecisions = ['keep', 'Revoke', ' MODIFY ', 'maybe', '', ' '];
const someNames = ['A. Jones', ' j.smith ', '', ' \t', 'Zoë'];

/**
 * Every typed cell drawn at random from valid, invalid, blank and whitespace-only values: access
 * reviews (enum, number, timestamps) or accounts (booleans, timestamps), `rows` rows from `seed`.
 */
export function randomCellsCsv(kind: 'access_review' | 'account', seed: number, rows: number): string {
  const next = rng(seed);
  const pick = (xs: readonly string[]) => xs[Math.floor(next() * xs.length)]!;
  const event = () => (next() < 0.8 ? `2025-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}T12:00:00Z` : pick(someTimes));
  const header = kind === 'access_review'
    ? 'Review ID,Review Period,Period End,Application,Reviewer,Reviewed User,Owner,Completed On,Review Decision,Revocations Requested,Revoked On'
    : 'Username,Email,Employee ID,Display Name,Status,Account Enabled,Suspended,Disabled At,Last Login,Application,Created';
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const row = kind === 'access_review'
      ? [next() < 0.05 ? '' : `R${1000 + i}`, 'Q1', pick(someTimes), pick(['SAP', 'Okta', '', ' ']), pick(someNames), `u${i}`, pick(someNames), event(), pick(someDecisions), pick(someNumbers), pick(someTimes)]
      : [next() < 0.05 ? '' : `user${i}`, `u${i}@x.test`, `E${i}`, pick(someNames), 'active', pick(someBooleans), pick(someBooleans), pick(someTimes), pick(someTimes), pick(['SAP', 'Okta', '']), event()];
    lines.push(row.map(q).join(','));
  }
  return lines.join('\n') + '\n';
}
