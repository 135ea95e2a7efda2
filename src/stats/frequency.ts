/**
 * Frequency-based (non-statistical) sample sizes: the firm's practice table maps how often a
 * control runs to a size range; lower risk takes the low end, higher risk the high end. The
 * table is overridable per firm from JSON (`{ "daily": [20, 40] }`) and validated with coded
 * errors. A population no larger than the size is tested in full.
 *
 * @example
 * frequencySampleSize({ frequency: 'daily', risk: 'higher' }); // { n: 40, tableSize: 40, … }
 */
import { tickmarkError } from '../errors.js';

/** Control risk as the frequency table reads it: lower → low end, higher → high end. */
export type ControlRisk = 'lower' | 'higher';

/** A firm's table: frequency → [low end, high end] sample sizes. */
export type FrequencyTable = Readonly<Record<string, readonly [number, number]>>;

/**
 * The widely used practice table (statistics.md). Automated: 1 per configuration, if ITGCs were effective.
 *
 * @example
 * DEFAULT_FREQUENCY_TABLE.daily; // [20, 40]
 */
export const DEFAULT_FREQUENCY_TABLE: FrequencyTable = Object.freeze({
  annual: [1, 1],
  quarterly: [2, 2],
  monthly: [2, 5],
  weekly: [5, 15],
  daily: [20, 40],
  'many-per-day': [25, 60],
  automated: [1, 1],
});

const ALIASES: Readonly<Record<string, string>> = {
  annually: 'annual',
  yearly: 'annual',
  month: 'monthly',
  week: 'weekly',
  day: 'daily',
  'many-times-a-day': 'many-per-day',
  'multiple-per-day': 'many-per-day',
  'per-event': 'many-per-day',
  recurring: 'many-per-day',
};

function badPlan(message: string, extra: Record<string, unknown> = {}): never {
  throw tickmarkError('TM_ERR_BAD_PLAN', { message, ...extra });
}

function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/**
 * Validate a firm table (parsed JSON) and lay it over `base` (the default table): entries are
 * `[low, high]` whole numbers with 1 ≤ low ≤ high, or one whole number for a fixed size.
 *
 * @example
 * parseFrequencyTable({ daily: [25, 45], 'month-end': 3 }).daily; // [25, 45]
 */
export function parseFrequencyTable(json: unknown, base: FrequencyTable = DEFAULT_FREQUENCY_TABLE): FrequencyTable {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    badPlan(`a frequency table must be a JSON object such as {"daily": [20, 40]}; got ${Array.isArray(json) ? 'an array' : JSON.stringify(json)}`);
  }
  const table: Record<string, readonly [number, number]> = { ...base };
  for (const [rawName, entry] of Object.entries(json)) {
    const name = normaliseName(rawName);
    if (name === '') badPlan('a frequency table entry has a blank frequency name');
    const range: unknown[] = Array.isArray(entry) ? entry : [entry, entry];
    const [low, high] = range;
    const whole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;
    if (range.length !== 2 || !whole(low) || !whole(high) || low > high) {
      badPlan(
        `frequency table entry "${rawName}" must be [low, high] whole numbers with 1 ≤ low ≤ high (or one whole number); got ${JSON.stringify(entry)}`,
        { frequency: rawName },
      );
    }
    // defineProperty: a key such as "__proto__" is stored as data, never as the prototype.
    Object.defineProperty(table, name, { value: [low, high], enumerable: true, writable: true, configurable: true });
  }
  return Object.freeze(table);
}

/**
 * Read a risk level: 'lower' / 'higher' (also 'low' / 'high'), case-insensitive.
 *
 * @example
 * parseControlRisk('High'); // 'higher'
 */
export function parseControlRisk(risk: string): ControlRisk {
  const r = risk.trim().toLowerCase();
  if (r === 'lower' || r === 'low') return 'lower';
  if (r === 'higher' || r === 'high') return 'higher';
  return badPlan(`risk must be "lower" or "higher"; got ${JSON.stringify(risk)}`, { field: 'risk' });
}

export interface FrequencySizeInput {
  /** How often the control runs (not how many transactions it covers): a key of the table. */
  frequency: string;
  risk: ControlRisk | string;
  /** Items in the population, when known. */
  population?: number | undefined;
  /** The firm's table; defaults to DEFAULT_FREQUENCY_TABLE. */
  table?: FrequencyTable | undefined;
}

export interface FrequencySize {
  /** Items to test: the table size, or all N when N ≤ the table size. */
  n: number;
  /** The frequency as named in the table. */
  frequency: string;
  risk: ControlRisk;
  range: readonly [number, number];
  tableSize: number;
  /** True when the population is no larger than the table size, so every item is tested. */
  allTested: boolean;
}

/**
 * Look up the non-statistical size for a control frequency and risk.
 *
 * @example
 * frequencySampleSize({ frequency: 'weekly', risk: 'lower', population: 3 }); // { n: 3, allTested: true, … }
 */
export function frequencySampleSize(input: FrequencySizeInput): FrequencySize {
  const table = input.table ?? DEFAULT_FREQUENCY_TABLE;
  const key = normaliseName(input.frequency);
  const alias = Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
  const frequency = Object.hasOwn(table, key) ? key : alias !== undefined && Object.hasOwn(table, alias) ? alias : undefined;
  const range = frequency === undefined ? undefined : table[frequency];
  if (frequency === undefined || range === undefined) {
    return badPlan(`unknown control frequency ${JSON.stringify(input.frequency)}; expected one of ${Object.keys(table).join(', ')}`, {
      field: 'frequency',
    });
  }
  const risk = parseControlRisk(input.risk);
  const tableSize = risk === 'lower' ? range[0] : range[1];
  const N = input.population;
  if (N !== undefined && (!Number.isSafeInteger(N) || N < 1)) {
    badPlan(`population must be a whole number of items, at least 1; got ${JSON.stringify(N)}`, { field: 'population' });
  }
  const allTested = N !== undefined && N <= tableSize;
  return { n: allTested ? N : tableSize, frequency, risk, range, tableSize, allTested };
}
