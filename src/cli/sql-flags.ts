/**
 * Reading a SQL pull's request from flags, for `tickmark sql` and for `tickmark pull` of a
 * postgres:// URL, a .parquet file or `--from-results DIR`: the population (kind, mapping, key,
 * zone), the period, the sample, the completeness parameters, the tests and the workbook.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { tickmarkError } from '../errors.js';
import type { WorkpaperFields } from '../evaluation/entries.js';
import { columnTypes, type ColumnType, type SourceColumn, type SqlModelOptions } from '../sql/compile/model.js';
import type { SqlPullRequest } from '../operations/sql-pull.js';
import { list, readJsonFile, requireStr, str } from './args.js';
import type { CommandContext } from './command.js';
import { completenessParamsFromFlags, readHolidays } from './commands/check.js';
import { sampleRequestFromFlags } from './commands/sample.js';

export function populationFromFlags(ctx: CommandContext): SqlModelOptions & { recordColumn?: string; lineColumn?: string } {
  const map = str(ctx, 'map');
  const dateOrder = str(ctx, 'date-order');
  if (dateOrder && dateOrder !== 'dmy' && dateOrder !== 'mdy') throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--date-order', expected: 'must be dmy or mdy', got: dateOrder });
  return {
    kind: requireStr(ctx, 'kind'),
    ...(map ? { map: readJsonFile(map, '--map') as Record<string, string> } : {}),
    ...(list(ctx, 'key').length ? { key: list(ctx, 'key') } : {}),
    ...(str(ctx, 'event-time') ? { eventTime: str(ctx, 'event-time')! } : {}),
    ...(str(ctx, 'tz') ? { timeZone: str(ctx, 'tz')! } : {}),
    ...(dateOrder ? { dateOrder: dateOrder as 'dmy' | 'mdy' } : {}),
    ...(str(ctx, 'record-column') ? { recordColumn: str(ctx, 'record-column')! } : {}),
    ...(str(ctx, 'line-column') ? { lineColumn: str(ctx, 'line-column')! } : {}),
  };
}

/** The design: period, sample and completeness parameters (a tie-out is refused: not compiled to SQL). */
export async function designFromFlags(ctx: CommandContext): Promise<Pick<SqlPullRequest, 'period' | 'timeZone' | 'sample' | 'completeness'>> {
  if (str(ctx, 'tie-out')) throw tickmarkError('TM_ERR_SQL_UNSUPPORTED', { what: 'a tie-out to a second population', reason: 'not compiled to SQL yet' });
  const { period: _p, timeZone: _t, ...sample } = await sampleRequestFromFlags(ctx);
  const completeness = completenessParamsFromFlags(ctx).params;
  return {
    period: requireStr(ctx, 'period'),
    ...(str(ctx, 'tz') ? { timeZone: str(ctx, 'tz')! } : {}),
    sample,
    ...(completeness ? { completeness } : {}),
  };
}

/** The tests, the workbook's control and workpaper fields, and the output of `tickmark pull`. */
export function finishFromFlags(ctx: CommandContext, workpaper: WorkpaperFields, output: string): Pick<SqlPullRequest, 'tests' | 'workbook' | 'output'> {
  const rules = str(ctx, 'rules');
  const control = {
    ...(str(ctx, 'control-id') ? { id: str(ctx, 'control-id')! } : {}),
    ...(str(ctx, 'control') ? { description: str(ctx, 'control')! } : {}),
    ...(str(ctx, 'tsc') ? { tsc: str(ctx, 'tsc')! } : {}),
    ...(str(ctx, 'frequency') ? { frequency: str(ctx, 'frequency')! } : {}),
    ...(str(ctx, 'procedure') ? { procedure: str(ctx, 'procedure')! } : {}),
  };
  const extraction = {
    ...(str(ctx, 'system') ? { system: str(ctx, 'system')! } : {}),
    ...(str(ctx, 'query') ? { query: str(ctx, 'query')! } : {}),
    ...(str(ctx, 'extracted-by') ? { extractedBy: str(ctx, 'extracted-by')! } : {}),
    ...(str(ctx, 'extracted-at') ? { extractedAt: str(ctx, 'extracted-at')! } : {}),
  };
  return {
    tests: {
      ...(rules && rules !== 'builtin' ? { rules: readJsonFile(rules, '--rules') } : {}),
      ...(list(ctx, 'param').length ? { params: list(ctx, 'param') } : {}),
      ...(str(ctx, 'holidays') ? { holidays: readHolidays(str(ctx, 'holidays')!) } : {}),
    },
    workbook: {
      control,
      workpaper,
      ...(str(ctx, 'client') ? { engagement: { client: str(ctx, 'client')!, name: str(ctx, 'engagement') ?? '' } } : {}),
      ...(Object.keys(extraction).length ? { extraction } : {}),
      ...(str(ctx, 'preparer') ? { preparer: str(ctx, 'preparer')! } : {}),
    },
    output,
  };
}

/** `--columns "A,B:timestamptz,…"` (a CSV line; a column's type after a colon, text by default) or `--columns-from FILE` (its header line). */
export function columnsFromFlags(ctx: CommandContext): SourceColumn[] {
  const line = str(ctx, 'columns') ?? (str(ctx, 'columns-from') ? readFileSync(str(ctx, 'columns-from')!, 'utf8').split(/\r?\n/)[0]! : undefined);
  if (!line) throw tickmarkError('TM_ERR_USAGE', { message: '--columns "A,B,C" (or --columns-from FILE with a header line) is required: the content key and the fingerprint read every column, in table order' });
  const names = (parse(line.replace(/^\ufeff/, ''), { relax_quotes: true }) as string[][])[0] ?? [];
  return names.map((entry) => {
    const at = entry.lastIndexOf(':');
    const type = at > 0 ? entry.slice(at + 1).trim() : '';
    if (type && (columnTypes as readonly string[]).includes(type)) return { name: entry.slice(0, at), type: type as ColumnType };
    return { name: entry, type: 'text' as const };
  });
}
