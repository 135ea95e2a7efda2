/**
 * `tickmark ingest FILE [--kind KIND] [--source ID]`: type, fingerprint and store a population;
 * print the source profile chosen and why, and how each field was mapped. `--save-map F` writes
 * the mapping (profile, kind, field → header) for a replay with `--map F`.
 */
import { writeFileSync } from 'node:fs';
import { mapFileOf } from '../../ingest/mapping/map-file.js';
import type { PopulationMeta } from '../../population/types.js';
import { flag, printJson, str } from '../args.js';
import { exit, type Command } from '../command.js';
import { ingestFlags, resolvePopulation, startIngestWorkers, storeFor } from '../population-arg.js';
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
    ...(p.source.encoding ? { encoding: p.source.encoding } : {}),
    ...(p.layout ? { layout: p.layout } : {}),
    ...(p.nonData ? { nonData: { count: p.nonData.count, byReason: p.nonData.byReason, first: p.nonData.first.slice(0, 50) } } : {}),
    ...(p.typing.columns ? { dateOrders: p.typing.columns } : {}),
    headers: p.headers,
    profile: p.profile ?? null,
    mapping: p.mapping,
    mappingDecisions: p.mappingDecisions ?? [],
    key: p.key,
    unit: p.unit ?? 'item',
    ...(p.eventTime ? { eventTime: p.eventTime } : {}),
    ...(p.multiValue ? { multiValue: p.multiValue } : {}),
    columns: p.columns,
    issues: { total: p.issues.total, byCode: p.issues.byCode, byColumn: p.issues.byColumn, first: p.issues.first.slice(0, 50) },
  };
}

export function renderIngest(p: PopulationMeta, created: boolean): string {
  const lines = [
    `population ${p.id} (${p.kind})${created ? '' : ' — already ingested, same bytes and options'}`,
    `  source   ${p.source.name}  ${grouped(p.source.bytes)} bytes  sha256 ${p.source.sha256}`,
    `  rows     ${grouped(p.rows.total)} total = ${grouped(p.rows.accepted)} accepted + ${grouped(p.rows.malformed)} malformed${p.rows.nonData ? ` + ${grouped(p.rows.nonData)} not data (${Object.entries(p.nonData?.byReason ?? {}).map(([r, n]) => `${n} ${r.replace('_', ' ')}`).join(', ')})` : ''}${p.rows.total === 0 ? '  (header only: a valid, empty population)' : ''}`,
    ...readingLines(p),
    `  profile  ${p.profile ? `${p.profile.id} — ${p.profile.name}; ${p.profile.forced ? '' : 'detected: '}${p.profile.reason}` : 'no source profile (the kind\'s own header synonyms)'}`,
    `  mapping  ${Object.entries(p.mapping).map(([f, h]) => `${f} ← "${h}"`).join(', ')}`,
    ...(p.mappingDecisions ?? []).map((d) => `    ${d.field.padEnd(16)} ← ${JSON.stringify(d.header)} (${d.how})${d.alternatives.length ? `; not ${d.alternatives.slice(0, 3).map((a) => `${JSON.stringify(a.header)}: ${a.why}`).join('; ')}` : ''}`),
    `  unit     ${p.unit ?? 'item'}${p.key.length ? `, key ${p.key.join(' + ')}` : ', content key (no key field mapped)'}${p.multiValue ? `; several people per cell in ${Object.entries(p.multiValue).map(([f, seps]) => `${f} (${seps.map((x) => JSON.stringify(x)).join(' ')})`).join(', ')}` : ''}`,
    `  times    naive timestamps read in ${p.typing.timeZone}${p.typing.dateOrder ? `, slash dates ${p.typing.dateOrder}` : ''}`,
    ...Object.entries(p.typing.columns ?? {}).map(([f, c]) => `           "${c.column}" (${f}) read ${c.dateOrder === 'dmy' ? 'day first' : 'month first'}: line ${c.evidence.line} ${JSON.stringify(c.evidence.raw)} can only be read so`),
  ];
  if (p.nonData?.count) {
    // A few of each kind: the first lines of a preamble, and the footer, say what the file held besides its rows.
    const shown = p.nonData.first.filter((r, i, all) => all.slice(0, i).filter((x) => x.reason === r.reason).length < 3);
    for (const r of shown) lines.push(`    line ${r.line} ${r.reason.replace('_', ' ')}: ${JSON.stringify(r.raw.slice(0, 60))}`);
    if (p.nonData.count > shown.length) lines.push(`    … ${p.nonData.count - shown.length} more not data (--json lists the first ${Math.min(p.nonData.first.length, 50)})`);
  }
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

/** How the file was read, when it was not plain: its encoding, a header row below a preamble, renamed columns. */
function readingLines(p: PopulationMeta): string[] {
  const out: string[] = [];
  const enc = p.source.encoding;
  if (enc && enc !== 'utf-8') out.push(`  encoding ${enc}`);
  const layout = p.layout;
  if (layout && layout.headerFrom !== 'first') out.push(`  header   line ${layout.headerLine} (${layout.headerFrom === 'found' ? 'found below a preamble' : 'as given'})`);
  if (layout?.renamed.length) {
    const shown = layout.renamed.slice(0, 6).map((r) => `${r.original.trim() === '' ? `column ${r.column} (blank)` : `"${r.original}" (column ${r.column})`} → "${r.name}"`);
    out.push(`  renamed  ${shown.join(', ')}${layout.renamed.length > 6 ? `, … ${layout.renamed.length - 6} more` : ''}`);
  }
  return out;
}

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Ingest a population (CSV or XLSX): map, type, fingerprint and store it',
  usage: 'tickmark ingest FILE [--kind KIND] [--source PROFILE] [--map F] [--save-map F] [--multi-value FIELD=SEP …] [--tz ZONE] [--date-order dmy|mdy] [--field-format FIELD=epoch-s|epoch-ms|dmy|mdy …] [--delimiter D] [--encoding E] [--header-row N] [--sheet S] [--workers N] [--data-dir D] [--json]',
  options: { ...ingestFlags, 'save-map': { type: 'string' } },
  prepare: startIngestWorkers,
  async run(ctx) {
    const store = storeFor(ctx);
    try {
      const { population, created } = await resolvePopulation(ctx, store, ctx.positionals[0]);
      const saveMap = str(ctx, 'save-map');
      if (saveMap) writeFileSync(saveMap, `${JSON.stringify(mapFileOf(population), null, 2)}\n`);
      if (flag(ctx, 'json')) printJson(ctx, ingestSummary(population, created));
      else ctx.io.out(renderIngest(population, created));
      return exit.ok;
    } finally {
      store.close();
    }
  },
};
