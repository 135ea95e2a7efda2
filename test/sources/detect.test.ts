import { describe, expect, it } from 'vitest';
import { TickmarkError } from '../../src/errors.js';
import { chooseSource } from '../../src/sources/choose.js';
import { detectSource } from '../../src/sources/detect.js';
import type { SourceProfile } from '../../src/sources/types.js';

const errorOf = (fn: () => unknown): TickmarkError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof TickmarkError) return e;
    throw e;
  }
  throw new Error('expected a TickmarkError');
};

const NESSUS = ['Plugin ID', 'CVE', 'CVSS v2.0 Base Score', 'Risk', 'Host', 'Protocol', 'Port', 'Name', 'Synopsis', 'Description', 'Solution', 'See Also', 'Plugin Output'];

describe('detectSource', () => {
  it('needs every required header, scores the signature headers present, and names the runner-up', () => {
    const tio = detectSource([...NESSUS, 'First Discovered', 'Last Observed', 'Vulnerability State']);
    expect(tio.chosen?.profile.id).toBe('tenable-io');
    expect(tio.runnerUp?.profile.id).toBe('nessus');
    expect(tio.reason).toMatch(/^16 of its 24 signature headers present \("Plugin ID", "Risk", "Host", "First Discovered", .*; runner-up nessus \(14 of 27\)$/);
    // Without First Discovered, tenable-io is not a candidate.
    expect(detectSource(NESSUS).chosen?.profile.id).toBe('nessus');
  });

  it('compares headers as normalised names (case, punctuation, camelCase)', () => {
    expect(detectSource(['NUMBER', 'Short Description', 'Approval', 'Approval Set', 'Requested By']).chosen?.profile.id).toBe('servicenow-change');
    expect(detectSource(['Number', 'Title', 'Merged At', 'Merged By']).chosen?.profile.id).toBe('github-pull-requests');
  });

  it('takes a format profile only when no system profile matches', () => {
    expect(detectSource(['Change ID', 'Deployed On'], { delimiter: ';' }).chosen?.profile.id).toBe('excel-eu');
    expect(detectSource(['Change ID', 'Deployed On'], { delimiter: ',' }).chosen).toBeNull();
    expect(detectSource(NESSUS, { delimiter: ';' }).chosen?.profile.id).toBe('nessus');
  });

  it('refuses two profiles that match equally', () => {
    const twin = (id: string): SourceProfile => ({ id, name: id, system: id, export: '', signature: { required: ['A', 'B'] }, kinds: { generic: { fields: {} } }, notes: ['x'] });
    const e = errorOf(() => detectSource(['A', 'B'], { profiles: [twin('one'), twin('two')] }));
    expect(e.code).toBe('TM_ERR_AMBIGUOUS_SOURCE');
    expect(e.message).toBe('the header matches source profiles "one" and "two" equally (2 signature headers each)');
  });
});

describe('chooseSource', () => {
  it('takes the kind from the profile, and checks a named kind against it', () => {
    expect(chooseSource(NESSUS, {})).toMatchObject({ kind: 'vulnerability', forced: false, profile: { id: 'nessus' } });
    // A named kind the export does not feed: no profile (the kind's synonyms), and the reason says what the header looks like.
    const other = chooseSource(NESSUS, { kind: 'change' });
    expect(other.profile).toBeNull();
    expect(other.reason).toBe('no source profile matched the header for kind change; the header looks like nessus (vulnerability)');
    expect(errorOf(() => chooseSource(NESSUS, { source: 'nessus', kind: 'change' })).code).toBe('TM_ERR_SOURCE_KIND');
  });

  it('names a forced profile and how much of its signature is present', () => {
    expect(chooseSource(['Plugin ID', 'Risk'], { source: 'nessus' })).toMatchObject({ forced: true, kind: 'vulnerability', reason: 'named with --source (its required signature headers are not all present)' });
    expect(chooseSource(NESSUS, { source: 'nessus' }).reason).toBe('named with --source (13 of its 27 signature headers present)');
    const e = errorOf(() => chooseSource(NESSUS, { source: 'nesus' }));
    expect([e.code, e.exitCode]).toEqual(['TM_ERR_UNKNOWN_SOURCE', 2]);
  });

  it('asks for the kind when the export feeds several, or when nothing matched', () => {
    const jira = ['Summary', 'Issue key', 'Issue id', 'Issue Type', 'Created'];
    expect(errorOf(() => chooseSource(jira, {})).message).toBe('the header looks like Jira issues (issue navigator CSV export, all fields) (jira), which feeds change and ticket: name the kind with --kind');
    expect(chooseSource(jira, { kind: 'ticket' })).toMatchObject({ kind: 'ticket', profile: { id: 'jira' } });
    expect(errorOf(() => chooseSource(['a', 'b'], {})).code).toBe('TM_ERR_USAGE');
  });
});
