/** `tickmark sample FILE|POPULATION_ID --seed S (--size N | plan flags)`: a reproducible seeded sample. */
import { writeFileSync } from 'node:fs';
import { tickmarkError } from '../../errors.js';
import type { SampleRecord, SampleRequest } from '../../operations/sample.js';
import { planInputFromFlags } from './plan.js';
import { flag, int, printJson, requireStr, str } from '../args.js';
import { exit, type Command, type CommandContext } from '../command.js';
import { ingestFlags, resolvePopulation, startIngestWorkers, storeFor, workersFlag } from '../population-arg.js';
import { neutralizeCsvCell } from '../../export/csv.js';
import { grouped } from '../../text/grouped.js';

export function sampleJson(s: SampleRecord) {
  return {
    id: s.id,
    populationId: s.populationId,
    plan: s.plan,
    manifest: s.manifest,
    items: s.selection.items.map((i) => ({ order: i.order, key: i.key, prn: i.prn, prnHex: i.prnHex, stratum: i.stratum ?? null, record: i.record, line: i.line, keyItem: i.keyItem, addedByExtension: i.addedByExtension })),
  };
}

export function selectionCsv(s: SampleRecord): string {
  const rows = [['order', 'key', 'prn', 'prn_hex', 'stratum', 'source_record', 'source_line', 'key_item']];
  for (const i of s.selection.items) rows.push([String(i.order), i.key, String(i.prn), i.prnHex, i.stratum ?? '', String(i.record), String(i.line), i.keyItem ? 'yes' : 'no']);
  return rows.map((r) => r.map(neutralizeCsvCell).join(',')).join('\n') + '\n';
}

const PLAN_FLAGS = ['frequency', 'risk', 'confidence', 'tolerable', 'expected', 'expected-count', 'distribution', 'table'] as const;

export async function sampleRequestFromFlags(ctx: CommandContext): Promise<SampleRequest> {
  const size = int(ctx, 'size', { min: 1 });
  // With --size, --frequency only describes the control (the lead sheet shows it); it plans nothing.
  const usesPlan = PLAN_FLAGS.some((f) => ctx.values[f] !== undefined && !(f === 'frequency' && size !== undefined));
  if (size !== undefined && usesPlan) throw tickmarkError('TM_ERR_USAGE', { message: 'give --size or planning flags, not both' });
  const method = str(ctx, 'method');
  if (method && !['random', 'systematic', 'stratified'].includes(method)) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--method', expected: 'must be random, systematic or stratified', got: method });
  const strata = str(ctx, 'strata');
  if (strata && !['month', 'quarter'].includes(strata)) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--strata', expected: 'must be month or quarter', got: strata });
  const allocation = str(ctx, 'allocation');
  if (allocation && !['proportional', 'equal'].includes(allocation)) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--allocation', expected: 'must be proportional or equal', got: allocation });
  return {
    seed: requireStr(ctx, 'seed'),
    ...(size !== undefined ? { size } : flag(ctx, 'all') ? { plan: { basis: 'all', population: 1 } } : usesPlan ? { plan: await planInputFromFlags(ctx.values as never) } : {}),
    ...(method ? { method: method as NonNullable<SampleRequest['method']> } : strata ? { method: 'stratified' } : {}),
    ...(strata ? { strata: strata as NonNullable<SampleRequest['strata']> } : {}),
    ...(allocation ? { allocation: allocation as NonNullable<SampleRequest['allocation']> } : {}),
    ...(str(ctx, 'key-items') ? { keyItems: str(ctx, 'key-items')! } : {}),
    ...(str(ctx, 'filter') ? { filter: str(ctx, 'filter')! } : {}),
    ...(str(ctx, 'period') ? { period: str(ctx, 'period')! } : {}),
    ...(str(ctx, 'tz') ? { timeZone: str(ctx, 'tz')! } : {}),
  };
}

export const sampleFlags = {
  seed: { type: 'string' },
  size: { type: 'string' },
  method: { type: 'string' },
  strata: { type: 'string' },
  allocation: { type: 'string' },
  'key-items': { type: 'string' },
  filter: { type: 'string' },
  period: { type: 'string' },
  frequency: { type: 'string' },
  risk: { type: 'string' },
  confidence: { type: 'string' },
  tolerable: { type: 'string' },
  expected: { type: 'string' },
  'expected-count': { type: 'string' },
  distribution: { type: 'string' },
  table: { type: 'string' },
  all: { type: 'boolean' },
} as const;

export const sampleCommand: Command = {
  name: 'sample',
  summary: 'Draw a reproducible seeded sample (identical for any worker count or row order)',
  usage: 'tickmark sample FILE|POPULATION_ID --kind KIND --seed S (--size N | plan flags) [--method random|systematic|stratified] [--strata month|quarter] [--key-items EXPR] [--filter EXPR] [--period A..B] [--extend SAMPLE_ID] [--workers N] [--json] [-o selection.csv]',
  options: { ...ingestFlags, ...sampleFlags, extend: { type: 'string' }, output: { type: 'string', short: 'o' }, 'explain-prn': { type: 'boolean' } },
  prepare: startIngestWorkers,
  async run(ctx) {
    if (flag(ctx, 'explain-prn')) {
      const { describePrn } = await import('../../sampling/prn.js');
      ctx.io.out(describePrn());
      return exit.ok;
    }
    const { drawSample, extendSample, sizeWarnings } = await import('../../operations/sample.js');
    const store = storeFor(ctx);
    try {
      const workers = workersFlag(ctx);
      const opts = workers !== undefined ? { workers } : {};
      let sample: SampleRecord;
      const extend = str(ctx, 'extend');
      if (extend) {
        const size = int(ctx, 'size', { min: 1 });
        if (size === undefined) throw tickmarkError('TM_ERR_USAGE', { message: '--extend needs the new --size' });
        sample = await extendSample(store, extend, size, opts);
      } else {
        const req = await sampleRequestFromFlags(ctx);
        const { population } = await resolvePopulation(ctx, store, ctx.positionals[0]);
        sample = await drawSample(store, population.id, req, opts);
      }
      const out = str(ctx, 'output');
      const m = sample.manifest;
      const warnings = sizeWarnings(sample);
      if (out === '-') {
        // The selection itself on standard output (CSV, or JSON with --json); nothing else is printed there.
        ctx.io.out(flag(ctx, 'json') ? JSON.stringify(sampleJson(sample), null, 2) : selectionCsv(sample));
        for (const w of warnings) ctx.io.err(`warning: ${w}`);
        return exit.ok;
      }
      if (out) writeFileSync(out, out.endsWith('.json') ? JSON.stringify(sampleJson(sample), null, 2) : selectionCsv(sample));
      if (flag(ctx, 'json')) printJson(ctx, { ...sampleJson(sample), warnings });
      else {
        ctx.io.out([
          `sample ${sample.id}: ${m.selected} of ${grouped(m.eligible)} eligible (${m.method}, seed ${m.seed})${m.allSelected ? ' — every eligible item selected' : ''}`,
          ...warnings.map((w) => `  warning: ${w}`),
          `  basis     ${sample.plan.rationale}`,
          `  algorithm ${m.algorithm}; selection sha256 ${m.selectionSha256}`,
          ...sample.selection.items.slice(0, 60).map((i) => `  ${String(i.order).padStart(4)}  ${i.key.padEnd(16)} prn ${i.prn.toFixed(6)}${i.stratum ? `  ${i.stratum}` : ''}${i.keyItem ? '  key item' : ''}  (row ${i.record})`),
          ...(sample.selection.items.length > 60 ? [`  … ${sample.selection.items.length - 60} more (--json or -o for all)`] : []),
        ].join('\n'));
      }
      return exit.ok;
    } finally {
      store.close();
    }
  },
};
