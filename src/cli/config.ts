/**
 * The engagement file: `tickmark.json` in the working directory says once what every command
 * would otherwise be told each time — client, engagement, audit period and zone, preparer, data
 * directory, seed, and per population file its kind, source profile and mapping. The same fields
 * as an engagement over HTTP. Flags always win; a command only takes the settings it has flags for.
 *
 * @example
 * // tickmark.json
 * { "client": "Acme", "engagement": "SOC 2 2025", "period": { "start": "2025-01-01", "end": "2025-12-31" },
 *   "timeZone": "America/New_York", "seed": "20251231", "populations": { "changes.csv": { "kind": "change" } } }
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tickmarkError } from '../errors.js';
import { isKind } from '../population/kinds.js';
import type { Command, CommandContext } from './command.js';

export const CONFIG_FILE = 'tickmark.json';

export interface PopulationSettings {
  kind?: string;
  /** A source profile id (when the profile cannot be detected from the header). */
  source?: string;
  /** A mapping file, relative to the engagement file. */
  map?: string;
}

export interface EngagementFile {
  client?: string;
  engagement?: string;
  period?: { start: string; end: string };
  timeZone?: string;
  preparer?: string;
  dataDir?: string;
  /** The seed every sample of this engagement uses unless told otherwise. */
  seed?: string;
  populations?: Record<string, PopulationSettings>;
}

const KNOWN: readonly (keyof EngagementFile)[] = ['client', 'engagement', 'period', 'timeZone', 'preparer', 'dataDir', 'seed', 'populations'];

const bad = (reason: string): never => {
  throw tickmarkError('TM_ERR_INVALID_OPTION', { option: CONFIG_FILE, expected: reason, got: 'see the file' });
};

/** Check a parsed engagement file (unknown keys refused: a typo must not be ignored). */
export function checkConfig(value: unknown): EngagementFile {
  if (!value || typeof value !== 'object' || Array.isArray(value)) bad('must hold a JSON object');
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) if (!(KNOWN as readonly string[]).includes(key)) bad(`has no setting "${key}" (settings: ${KNOWN.join(', ')})`);
  for (const key of ['client', 'engagement', 'timeZone', 'preparer', 'dataDir', 'seed'] as const) {
    if (v[key] !== undefined && typeof v[key] !== 'string') bad(`"${key}" must be text`);
  }
  const period = v.period as { start?: unknown; end?: unknown } | undefined;
  if (period !== undefined && (typeof period !== 'object' || typeof period.start !== 'string' || typeof period.end !== 'string')) bad('"period" must be {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}');
  const pops = v.populations as Record<string, PopulationSettings> | undefined;
  if (pops !== undefined) {
    if (typeof pops !== 'object' || Array.isArray(pops)) bad('"populations" must map file names to {kind, source, map}');
    for (const [file, p] of Object.entries(pops)) {
      if (p.kind !== undefined && !isKind(p.kind)) bad(`populations["${file}"].kind "${p.kind}" is not a kind`);
    }
  }
  return v as EngagementFile;
}

/** The engagement file in `dir`, if there is one. */
export function loadConfig(dir: string): { file: string; config: EngagementFile } | undefined {
  const file = join(dir, CONFIG_FILE);
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return bad(`must be JSON (${(err as Error).message})`);
  }
  return { file, config: checkConfig(parsed) };
}

/** Fill the flags the command has and the user did not give from the engagement file. */
export function applyConfig(command: Command, ctx: CommandContext, loaded: { file: string; config: EngagementFile } | undefined): void {
  if (!loaded) return;
  const c = loaded.config;
  const set = (flag: string, value: string | undefined): void => {
    if (value !== undefined && flag in command.options && ctx.values[flag] === undefined) ctx.values[flag] = value;
  };
  set('client', c.client);
  set('engagement', c.engagement);
  set('period', c.period ? `${c.period.start}..${c.period.end}` : undefined);
  set('tz', c.timeZone);
  set('preparer', c.preparer);
  set('data-dir', c.dataDir);
  set('seed', c.seed);
  const first = ctx.positionals[0];
  const pop = first ? (c.populations?.[first] ?? c.populations?.[basename(first)]) : undefined;
  if (pop) {
    set('kind', pop.kind);
    set('source', pop.source);
    set('map', pop.map ? join(loaded.file, '..', pop.map) : undefined);
  }
}
