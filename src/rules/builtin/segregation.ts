/**
 * The segregation-of-duties check shared by change, access and review rules: two roles recorded
 * on an item must be held by different people. A role cell may name several people (see
 * read/people.ts): the check holds for every one of them, and a collision names who. A blank role
 * is an exception (segregation cannot be shown).
 *
 * @example
 * differentPeople({ role: 'approver', value: 'J.Smith' }, { role: 'requester', value: 'j.smith' }, false)
 * // exception: The approver "J.Smith" is also the requester "j.smith" (same person once case and spacing are ignored).
 * differentPeople({ role: 'approver', value: 'alice;bob', separators: [';'] }, { role: 'implementer', value: 'bob' }, false)
 * // exception: "bob" is both approver and implementer (approver "alice;bob", implementer "bob").
 */
import { exception, pass } from '../outcome.js';
import { nameKey } from '../read/person.js';
import { peopleIn } from '../read/people.js';
import type { Outcome, TestContext } from '../types.js';

export interface Person {
  /** Field name, e.g. approver. */
  role: string;
  value: string | null;
  /** Separators between several people in the cell (none: the cell is one person). */
  separators?: readonly string[];
}

/** The separators a population declared for a field, as a Person needs them. */
export function separatorsOf(ctx: TestContext, field: string): { separators?: readonly string[] } {
  const s = ctx.multiValue && Object.hasOwn(ctx.multiValue, field) ? ctx.multiValue[field] : undefined;
  return s?.length ? { separators: s } : {};
}

/** A comparer bound once per chunk (it memoises name normalisation). */
export function peopleComparer(strict: boolean): (a: Person, b: Person) => Outcome {
  const key = nameKey(strict);
  return (a, b) => {
    const observed = { [a.role]: a.value, [b.role]: b.value };
    const as = peopleIn(a.value, a.separators);
    const bs = peopleIn(b.value, b.separators);
    if (as.length === 0) return exception(`No ${a.role} is recorded, so segregation from the ${b.role} cannot be shown.`, observed);
    if (bs.length === 0) return exception(`No ${b.role} is recorded, so segregation from the ${a.role} cannot be shown.`, observed);
    const bKeys = new Map(bs.map((p) => [key(p), p]));
    const collided = as.filter((p) => bKeys.has(key(p)));
    if (collided.length === 0) return pass();
    const exact = collided.every((p) => bs.includes(p));
    const same = exact ? '' : ' (same person once case and spacing are ignored)';
    if (as.length === 1 && bs.length === 1) {
      return exception(`The ${a.role} ${JSON.stringify(a.value)} is also the ${b.role} ${JSON.stringify(b.value)}${same}.`, observed);
    }
    const who = collided.map((p) => JSON.stringify(p)).join(', ');
    return exception(`${who} ${collided.length === 1 ? 'is' : 'are'} both ${a.role} and ${b.role} (${a.role} ${JSON.stringify(a.value)}, ${b.role} ${JSON.stringify(b.value)})${same}.`, { ...observed, same_person: collided.join('; ') });
  };
}

export function differentPeople(a: Person, b: Person, strict: boolean): Outcome {
  return peopleComparer(strict)(a, b);
}
