/** `tickmark ingest FILE --kind KIND`: type, fingerprint and store a population. */
import type { PopulationMeta } from '../../population/types.js';
import { flag, printJson } from '../args.js';
import { exit, type Command } from '../command.js';
import { ingestFlags, resolvePopulation, storeFor } from '../population-arg.js';
import { grouped } from '../../text/grouped.js';

export function ingestSummary(p: PopulationMeta, created: boolean) {
  return {
    id: p.id,
    kind: p.kind,
    created,
    source: p.source.name,
    format: p.source.format,
    sha256: p.source.sha256,
    bytes: p.source.bytes,
    rows: p.rows,
    empty: p.rows.total === 0,
    headers: p.headers,
    mapping: p.mapping,
    columns: p.columns,
    issues: { total: p.issues.total, byCode: p.issues.byCode, byColumn: p.issues.byColumn, first: p.issues.first.slice(0, 50) },
  };
}

export function renderIngest(p: PopulationMeta, created: boolean): string {
  const lines = [
    `population ${p.id} (${p.kind})${created ? '' : ' — already ingested, same bytes and options'}`,
    `  source   ${p.source.name}  ${grouped(p.source.bytes)} bytes  sha256 ${p.source.sha256}`,
    `  rows     ${grouped(p.rows.total)} total = ${grouped(p.rows.accepted)} accepted + ${grouped(p.rows.malformed)} malformed${p.rows.total === 0 ? '  (header only: a valid, empty population)' : ''}`,
    `  mapping  ${Object.entries(p.mapping).map(([f, h]) => `${f} ← "${h}"`).join(', ')}`,
    `  times    naive timestamps read in ${p.typing.timeZone}${p.typing.dateOrder ? `, slash dates ${p.typing.dateOrder}` : ''}`,
  ];
  if (p.issues.total) {
    lines.push(`  issues   ${grouped(p.issues.total)} (${Object.entries(p.issues.byCode).map(([c, n]) => `${c} ${n}`).join(', ')})`);
    for (const i of p.issues.first.slice(0, 10)) {
      const where = 'column' in i ? `row ${i.record} (line ${i.line}) column "${i.column}"` : `row ${i.record} (line ${i.line})`;
      lines.push(`    ${where}: ${JSON.stringify(i.raw.slice(0, 60))} — expected ${i.expected}`);
    }
    if (p.issues.total > 10) lines.push(`    … ${p.issues.total - 10} more (--json lists the first ${p.issues.first.length})`);
  }
  return lines.join('\n');
}

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Ingest a population (CSV or XLSX): map, type, fingerprint and store it',
  usage: 'tickmark ingest FILE --kind KIND [--map F] [--tz ZONE] [--date-order dmy|mdy] [--field-format FIELD=epoch-s|epoch-ms|dmy|mdy …] [--delimiter D] [--sheet S] [--workers N] [--data-dir D] [--json]',
  options: ingestFlags,
  async run(ctx) {
    const store = storeFor(ctx);
    try {
      const { population, created } = await resolvePopulation(ctx, store, ctx.positionals[0]);
      if (flag(ctx, 'json')) printJson(ctx, ingestSummary(population, created));
      else ctx.io.out(renderIngest(population, created));
      return exit.ok;
    } finally {
      store.close();
    }
  },
};
