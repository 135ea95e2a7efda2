/**
 * The segregation-of-duties check shared by change, access and review rules: two people recorded
 * on an item must differ. A blank person is an exception (segregation cannot be shown).
 *
 * @example
 * differentPeople({ role: 'approver', value: 'J.Smith' }, { role: 'requester', value: 'j.smith' }, false)
 * // exception: The approver "J.Smith" is also the requester "j.smith".
 */
import { exception, pass } from '../outcome.js';
import { samePerson } from '../read/person.js';
import type { Outcome } from '../types.js';

export interface Person {
  /** Field name, e.g. approver. */
  role: string;
  value: string | null;
}

export function differentPeople(a: Person, b: Person, strict: boolean): Outcome {
  const observed = { [a.role]: a.value, [b.role]: b.value };
  if (a.value == null) return exception(`No ${a.role} is recorded, so segregation from the ${b.role} cannot be shown.`, observed);
  if (b.value == null) return exception(`No ${b.role} is recorded, so segregation from the ${a.role} cannot be shown.`, observed);
  if (samePerson(a.value, b.value, strict)) {
    const same = a.value === b.value ? '' : strict ? '' : ' (same person once case and spacing are ignored)';
    return exception(`The ${a.role} ${JSON.stringify(a.value)} is also the ${b.role} ${JSON.stringify(b.value)}${same}.`, observed);
  }
  return pass();
}
