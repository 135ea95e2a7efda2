/**
 * The evaluation a CPA would sign, as data: the sample split into its parts — key items (taken in
 * full, never part of a statistical evaluation) and the sampled part (statistical or not) — each
 * attribute evaluated on the items it applies to, after the team's entries; then one conclusion
 * for the control that says how the parts combine, whether manual work is still pending, whether
 * completeness qualifies it, and what a practitioner can do after deviations.
 *
 * @example
 * evaluation.parts.map((p) => p.part) // ['key_items', 'sample']
 * evaluation.conclusion.status        // 'effective_with_exceptions'
 */
import type { Status } from '../rules/types.js';

/** One item × attribute after the team's entries. */
export interface EffectiveOutcome {
  /** `pending`: a manual attribute not marked yet. */
  status: 'pass' | 'exception' | 'not_applicable' | 'pending';
  /** Who decided: the rule, a person's mark, an override of the rule, an exception added by the team. */
  source: 'tool' | 'team' | 'override' | 'added';
  /** The rule's own result (automated attributes), kept visible beside an override. */
  toolStatus?: Status;
  /** The override's reason, the added exception's description, or the rule's message. */
  reason?: string;
}

export type AttributeConclusion =
  /** Statistical: the upper deviation limit is within the tolerable rate. */
  | 'supported'
  | 'not_supported'
  /** Non-statistical or 100% tested: no deviation / deviations found (auditor's judgement). */
  | 'no_deviations'
  | 'deviations_found'
  /** Items still to mark (manual attribute). */
  | 'pending'
  /** No item of the part was tested on it (not applicable to every item). */
  | 'not_tested';

export interface AttributeResult {
  /** Column letter, or `overall`. */
  attribute: string;
  label: string;
  mode: 'automated' | 'manual' | 'overall';
  /** Items of the part. */
  items: number;
  /** Items the attribute was tested on (pass or exception): the n of its evaluation. */
  tested: number;
  notApplicable: number;
  /** Items not yet marked (manual attributes). */
  pending: number;
  deviations: number;
  /** k / tested; null when nothing was tested. */
  sampleRate: number | null;
  /** Statistical parts: the exact upper deviation limit (0..1) and the table-style percent (rounded up to 0.1). */
  upperLimit: number | null;
  upperLimitPct: number | null;
  tolerable: number | null;
  confidence: number | null;
  /** Deviations the plan allows (statistical), else 0. */
  allowedDeviations: number;
  conclusion: AttributeConclusion;
  rationale: string;
  /** E.g. tested on fewer applicable items than the plan needed. */
  warnings: string[];
}

export interface PartEvaluation {
  /** `key_items`: taken in full (100%); `sample`: drawn. */
  part: 'key_items' | 'sample';
  /** How the part is evaluated. Key items are always `all_items`: they carry no sampling risk. */
  basis: 'statistical' | 'non_statistical' | 'all_items';
  /** Items in the part. */
  items: number;
  /** For key items: the condition that selected them. */
  condition?: string;
  /** Planned size of a statistical part. */
  planned?: number;
  attributes: AttributeResult[];
  /** Items with at least one exception (an item counts once). */
  overall: AttributeResult;
}

export type ConclusionStatus =
  | 'effective'
  | 'effective_with_exceptions'
  /** Deviations found where no statistical limit applies (key items, non-statistical samples): auditor judgement. */
  | 'exceptions_noted'
  | 'not_effective'
  /** Manual attributes still to mark, or nothing tested. */
  | 'incomplete';

export interface ControlConclusion {
  status: ConclusionStatus;
  /** True when a failed completeness check stops the population from supporting `effective`. */
  qualified: boolean;
  /** One sentence for the lead sheet. */
  sentence: string;
  /** How the parts combine into the status, in words, one line each. */
  reasons: string[];
}

/** What a practitioner can do after deviations (AICPA approach). */
export type PractitionerOption =
  | { kind: 'extend'; extendBy: number; extendedSize: number; sentence: string }
  | { kind: 'not_effective'; sentence: string };

export interface ControlEvaluation {
  parts: PartEvaluation[];
  conclusion: ControlConclusion;
  completeness: { status: 'pass' | 'warn' | 'fail' | 'not_run'; qualifies: boolean; failing: string[] };
  /** Options after deviations in a statistical sample; absent when there is nothing to decide. */
  options: PractitionerOption[];
  statistical: boolean;
  distribution: string | null;
  /** The conventions statement (distribution, inequality, finite N, rounding, computed). */
  conventions: string;
  /** The auditor's own conclusion, as entered (shown beside tickmark's). */
  auditorConclusion?: string;
}
