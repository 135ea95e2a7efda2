/**
 * Outcome constructors, so rules read as sentences: `pass()`, `exception(message, observed)`,
 * `notApplicable(reason)`, `manual(evidence)`. A plain pass is one shared frozen object.
 *
 * @example
 * exception('Approved after deployment.', { approved_at: '2025-01-03T10:00:00Z' })
 */
import type { Observed, Outcome } from './types.js';

const PASS: Outcome = Object.freeze({ status: 'pass' }) as Outcome;

export function pass(note?: string): Outcome {
  return note === undefined ? PASS : { status: 'pass', note };
}

export function exception(message: string, observed: Observed): Outcome {
  return { status: 'exception', message, observed };
}

export function notApplicable(reason: string): Outcome {
  return { status: 'not_applicable', reason };
}

export function manual(evidence: string): Outcome {
  return { status: 'manual', evidence };
}
