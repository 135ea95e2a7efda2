/**
 * Several people per cell, end to end: the GitHub fixture's 32 pull requests merged by one of
 * their approvers are all found (17 with that approver alone, 15 among several — the ones a
 * whole-cell comparison missed), and `--multi-value` declares separators for an export no profile
 * knows.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { tickmarkJson } from './cli.js';

describe('several people in one cell', () => {
  it('finds every pull request merged by one of its approvers', async () => {
    const dir = tempDir();
    const r = await tickmarkJson('test', 'fixtures/sources/github-pull-requests/pulls.csv', '--all', '--data-dir', join(dir, 'data'), '--workers', '0');
    const mergers = r.findings.filter((f: { rule: string }) => f.rule === 'change.approver_not_implementer');
    expect(mergers).toHaveLength(32);
    expect(mergers.filter((f: { message: string }) => f.message.startsWith('The approver'))).toHaveLength(17);
    const among = mergers.filter((f: { message: string }) => / is both approver and implementer /.test(f.message));
    expect(among).toHaveLength(15);
    for (const f of among) expect(f.observed.approver).toContain(`;${f.observed.same_person}`);
    expect(r.findings.filter((f: { rule: string }) => f.rule === 'change.approver_not_requester')).toEqual([]);
    expect(r.findings.filter((f: { rule: string }) => f.rule === 'change.approved_before_deploy').map((f: { key: string }) => f.key)).toEqual(['1240', '1290']);
  });

  it('--multi-value names the separators when no profile does', async () => {
    const dir = tempDir();
    const file = join(dir, 'changes.csv');
    writeFileSync(file, [
      'Change ID,Requested By,Approved By,Approved On,Implemented By,Deployed On',
      'C1,carol,alice;bob,2025-02-01 10:00,bob,2025-02-02 10:00',
      'C2,carol,alice;dave,2025-02-03 10:00,bob,2025-02-04 10:00',
    ].join('\n'));
    const data = ['--data-dir', join(dir, 'data'), '--workers', '0', '--kind', 'change'];
    const whole = await tickmarkJson('test', file, '--all', ...data);
    expect(whole.findings.filter((f: { rule: string }) => f.rule === 'change.approver_not_implementer')).toEqual([]);
    const split = await tickmarkJson('test', file, '--all', '--multi-value', 'approver=;', ...data);
    const found = split.findings.filter((f: { rule: string }) => f.rule === 'change.approver_not_implementer');
    expect(found.map((f: { key: string; message: string }) => [f.key, f.message])).toEqual([['C1', '"bob" is both approver and implementer (approver "alice;bob", implementer "bob").']]);
  });
});
