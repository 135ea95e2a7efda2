/**
 * Attribute testing: the rule model, built-in SOC 2 rules per population kind, the safe
 * custom-rule compiler, cross-population joins, and chunked evaluation (map → merge → finish).
 * Re-exports only.
 *
 * @example
 * import { ruleSetFromSpec, testChunk, mergeTestPartials, finishTest } from './rules/index.js'
 */
export type {
  AttributeInfo, AttributeSummary, Finding, GroupRule, GroupTally, GroupVote, ItemResult, ItemRule, JoinRequirement, MissingGroup,
  Observed, ObservedValue, Outcome, OverallSummary, Rule, RuleInfo, RowTest, Status, TestContext, TestRun,
} from './types.js';
export { pass, exception, notApplicable, manual } from './outcome.js';
export { parseRuleParams, defaultRuleParams, resolveRuleParams } from './params/parse-rule-params.js';
export { ruleParamSpecs, type RuleParams, type ParamSpec, type ParamName } from './params/specs.js';
export { parseDayLimit, formatDayLimit, type DayLimit, type SeveritySla, type SlaTable, type TierSla } from './params/values.js';
export { normaliseSeverity, vulnerabilityTier, type Tier } from './read/severity.js';
export { normaliseName, samePerson } from './read/person.js';
export { peopleIn } from './read/people.js';
export { textColumn } from './read/columns.js';
export { accountState, type AccountState } from './read/account-state.js';
export { businessDays } from './read/window.js';
export { builtinRules, builtinJoins, type BuiltinOptions } from './builtin/builtin-rules.js';
export { compileCustomRules, type CustomRuleOptions } from './custom/compile-custom-rules.js';
export { customRuleLimits } from './custom/limits.js';
export { regexHazard } from './custom/regex-safety.js';
export { buildJoinIndex, type JoinIndex, type JoinIndexOptions } from './join/build-join-index.js';
export { joinLookup, joinColumn } from './join/join-lookup.js';
export { ruleSet, ruleSetFromSpec, attributeLetter, type RuleSet, type RuleSetSpec } from './evaluate/rule-set.js';
export { testChunk } from './evaluate/test-chunk.js';
export { mergeTestPartials } from './evaluate/merge-test-partials.js';
export { finishTest } from './evaluate/finish-test.js';
export { testPopulation } from './evaluate/test-population.js';
export { emptyPartial, type TestPartial, type PendingItem, type AttributeCounts } from './evaluate/partial.js';
