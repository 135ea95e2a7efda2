/**
 * Map step of attribute testing: test every row of a chunk in scope (all rows for 100% testing,
 * the sampled records for a sample) against every attribute of the rule set. Item-level exceptions
 * become findings at once; population-level attributes (e.g. one review per period) tally every
 * row of the chunk — in a sample too, since a duplicate review may sit outside the sample — and
 * their outcomes are decided in `finishTest`.
 *
 * @example
 * const partial = testChunk(set, chunk, { scope: 'population', calendar: makeCalendar({ timeZone: 'UTC' }) })
 */
import { tickmarkError } from '../../errors.js';
import { joinKey } from '../../kernels/keys.js';
import { contentKey } from '../../population/key.js';
import { kindSpec } from '../../population/kinds.js';
import type { PopulationChunk } from '../../population/types.js';
import { columnsOf } from '../../population/vectors.js';
import type { GroupTally, GroupVote as Vote, Outcome, TestContext } from '../types.js';
import { addMembers, countItem, countOutcome, emptyPartial, GROUP_RECORDS, type TestPartial } from './partial.js';
import type { RuleSet } from './rule-set.js';

type GroupVote = Outcome | Vote;

function keyReader(chunk: PopulationChunk, set: RuleSet, ctx: TestContext): (row: number) => string {
  const keyFields = ctx.key ?? kindSpec(set.kind).key;
  const headers = [...(ctx.headers ?? Object.keys(chunk.source))];
  const columns = keyFields.map((k) => {
    const c = columnsOf(chunk).field(k);
    return c?.kind === 'text' ? c : undefined;
  });
  const parts = new Array<string | null>(columns.length);
  return (row) => {
    for (let c = 0; c < columns.length; c++) parts[c] = columns[c]?.cell(row) ?? null;
    return joinKey(parts) ?? contentKey(chunk, row, headers);
  };
}

export function testChunk(set: RuleSet, chunk: PopulationChunk, ctx: TestContext): TestPartial {
  if (ctx.scope === 'sample' && !ctx.sample) throw tickmarkError('TM_ERR_USAGE', { message: 'a sample test needs the sampled record numbers (ctx.sample)' });
  const inSample = ctx.scope === 'sample' ? new Set(ctx.sample) : null;
  const keepItems = ctx.items ?? ctx.scope === 'sample';
  const partial = emptyPartial(set, ctx.scope, keepItems);
  const rules = set.rules;
  const n = rules.length;
  const bound = rules.map((r) => r.bind(chunk, ctx) as (row: number) => Outcome | GroupVote);
  const groupIndexes = rules.flatMap((r, i) => (r.level === 'population' ? [i] : []));
  const keyOf = keyReader(chunk, set, ctx);
  const votes: (GroupVote | null)[] = new Array(n).fill(null);
  const scratch: (Outcome | null)[] = new Array(n).fill(null);

  for (let row = 0; row < chunk.rows; row++) {
    const record = chunk.record[row]!;
    for (const gi of groupIndexes) {
      const vote = bound[gi]!(row) as GroupVote;
      votes[gi] = vote;
      if ('group' in vote) tally(partial.tallies[gi]!, vote, record);
    }
    if (inSample && !inSample.has(record)) continue;
    if (inSample) partial.found.push(record);

    // One scratch array per chunk; copied only when the item is kept or waits for the finish pass.
    let groups: [number, string][] | null = null;
    let key: string | undefined;
    for (let i = 0; i < n; i++) {
      const rule = rules[i]!;
      let outcome: Outcome;
      if (rule.level === 'population') {
        const vote = votes[i]!;
        if ('group' in vote) { (groups ??= []).push([i, vote.group]); scratch[i] = null; continue; }
        outcome = vote;
      } else {
        outcome = bound[i]!(row) as Outcome;
      }
      scratch[i] = outcome;
      countOutcome(partial.counts, i, outcome);
      if (outcome.status === 'exception') {
        key ??= keyOf(row);
        partial.findings.push({ type: 'item', key, record, line: chunk.line[row]!, attribute: set.attributes[i]!.attribute, rule: rule.id, status: 'exception', observed: outcome.observed, message: outcome.message });
      }
    }
    if (groups) {
      partial.pending.push({ key: key ?? keyOf(row), record, line: chunk.line[row]!, outcomes: scratch.slice(), groups });
      continue;
    }
    const deviation = countItem(partial.overall, scratch as Outcome[]);
    if (partial.items) partial.items.push({ key: key ?? keyOf(row), record, line: chunk.line[row]!, outcomes: (scratch as Outcome[]).slice(), deviation });
  }
  for (const tallies of partial.tallies) {
    for (const t of tallies?.values() ?? []) {
      if (t.members) for (const name of Object.keys(t.members)) t.members[name] = addMembers([], t.members[name]!);
    }
  }
  return partial;
}

/** Add a row's vote to its group (member values are collected here and made distinct and sorted once the chunk is done). */
function tally(tallies: Map<string, GroupTally>, vote: Vote, record: number): void {
  const t = tallies.get(vote.group);
  if (!t) {
    const members = vote.members ? Object.fromEntries(Object.entries(vote.members).map(([k, v]) => [k, [v]])) : undefined;
    tallies.set(vote.group, { count: 1, records: [record], label: { ...vote.label }, labelRecord: record, ...(members ? { members } : {}) });
    return;
  }
  if (vote.members) {
    const members = (t.members ??= {});
    for (const [name, value] of Object.entries(vote.members)) (members[name] ??= []).push(value);
  }
  t.count++;
  if (t.records.length < GROUP_RECORDS || record < t.records[t.records.length - 1]!) {
    t.records.push(record);
    t.records.sort((a, b) => a - b);
    if (t.records.length > GROUP_RECORDS) t.records.pop();
  }
  if (record < t.labelRecord) { t.label = { ...vote.label }; t.labelRecord = record; }
}
