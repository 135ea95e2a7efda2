/**
 * The segregation-of-duties check shared by change, access and review rules: two people recorded
 * on an item must differ. A blank person is an exception (segregation cannot be shown).
 *
 * @example
 * differentPeople({ role: 'approver', value: 'J.Smith' }, { role: 'requester', value: 'j.smith' }, false)
 * // exception: The approver "J.Smith" is also the requester "j.smith".
 */
import { exception, pass } from '../outcome.js';
import { nameKey } from '../read/person.js';
import type { Outcome } from '../types.js';

export interface Person {
  /** Field name, e.g. approver. */
  role: string;
  value: string | null;
}

/** A comparer bound once per chunk (it memoises name normalisation). */
export function peopleComparer(strict: boolean): (a: Person, b: Person) => Outcome {
  const key = nameKey(strict);
  return (a, b) => {
    if (a.value == null) return exception(`No ${a.role} is recorded, so segregation from the ${b.role} cannot be shown.`, { [a.role]: a.value, [b.role]: b.value });
    if (b.value == null) return exception(`No ${b.role} is recorded, so segregation from the ${a.role} cannot be shown.`, { [a.role]: a.value, [b.role]: b.value });
    if (a.value !== b.value && key(a.value) !== key(b.value)) return pass();
    const same = a.value === b.value ? '' : ' (same person once case and spacing are ignored)';
    return exception(`The ${a.role} ${JSON.stringify(a.value)} is also the ${b.role} ${JSON.stringify(b.value)}${same}.`, { [a.role]: a.value, [b.role]: b.value });
  };
}

export function differentPeople(a: Person, b: Person, strict: boolean): Outcome {
  return peopleComparer(strict)(a, b);
}
