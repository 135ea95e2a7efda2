/**
 * Several people in one cell (approvedBy "alice;bob", Jira Approvers "a, b", JSON arrays): the
 * segregation attributes hold for every person, and an exception names who collided.
 */
import { describe, expect, it } from 'vitest';
import { peopleIn } from '../../src/rules/index.js';
import { runRule, statuses } from './helpers/run.js';

const base = { change_id: 'PR1', type: 'normal', requester: 'carol', approver: 'alice;bob', implementer: 'bob', approved_at: '2025-01-01T00:00:00Z', deployed_at: '2025-01-02T00:00:00Z' };

describe('peopleIn', () => {
  it('splits on the declared separators, reads JSON arrays, drops empty parts, keeps one person without separators', () => {
    expect(peopleIn('alice; bob;', [';'])).toEqual(['alice', 'bob']);
    expect(peopleIn('a, b | c', [',', '|'])).toEqual(['a', 'b', 'c']);
    expect(peopleIn('["alice","bob"]', [','])).toEqual(['alice', 'bob']);
    expect(peopleIn('alice;bob', undefined)).toEqual(['alice;bob']);
    expect(peopleIn('  ', [';'])).toEqual([]);
  });
});

describe('segregation with several people per cell', () => {
  const multi = { ctx: { multiValue: { approver: [';', ','] } } };

  it('the merger among the approvers is an exception naming the merger', () => {
    const out = runRule('change', 'change.approver_not_implementer', [
      base,
      { ...base, change_id: 'PR2', approver: 'alice; dave', implementer: 'bob' },
      { ...base, change_id: 'PR3', approver: '["alice","Bob"]', implementer: 'bob' },
      { ...base, change_id: 'PR4', approver: ';', implementer: 'bob' },
    ], multi);
    expect(statuses(out)).toEqual(['exception', 'pass', 'exception', 'exception']);
    expect(out[0]).toEqual({
      status: 'exception',
      message: '"bob" is both approver and implementer (approver "alice;bob", implementer "bob").',
      observed: { approver: 'alice;bob', implementer: 'bob', same_person: 'bob' },
    });
    expect(out[2]).toMatchObject({ message: '"Bob" is both approver and implementer (approver "[\\"alice\\",\\"Bob\\"]", implementer "bob") (same person once case and spacing are ignored).' });
    expect(out[3]).toMatchObject({ message: 'No approver is recorded, so segregation from the implementer cannot be shown.' });
  });

  it('names every approver who is also the requester', () => {
    const out = runRule('change', 'change.approver_not_requester', [{ ...base, approver: 'carol,dan,Carol', requester: 'carol' }], multi);
    expect(out[0]).toMatchObject({ status: 'exception', observed: { same_person: 'carol; Carol' } });
  });

  it('without declared separators the cell is one person (so "alice;bob" is not "bob")', () => {
    expect(statuses(runRule('change', 'change.approver_not_implementer', [base]))).toEqual(['pass']);
  });
});
