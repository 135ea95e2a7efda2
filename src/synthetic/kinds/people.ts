/**
 * Drawing distinct people for one row (requester, approver, implementer…), so a clean row never
 * names the same person twice by accident.
 *
 * @example
 * const [requester, approver] = distinctPeople(rand, 2) // two different indexes
 */
import type { RandomStream } from '../rng.js';
import { peopleCount } from '../vocabulary.js';

export function distinctPeople(rand: RandomStream, n: 2 | 3): number[] {
  const a = rand.int(peopleCount);
  const b = (a + 1 + rand.int(peopleCount - 1)) % peopleCount;
  if (n === 2) return [a, b];
  let c = rand.int(peopleCount);
  while (c === a || c === b) c = (c + 1) % peopleCount;
  return [a, b, c];
}

/** A person other than `not`. */
export function otherPerson(rand: RandomStream, ...not: number[]): number {
  let c = rand.int(peopleCount);
  while (not.includes(c)) c = (c + 1) % peopleCount;
  return c;
}
