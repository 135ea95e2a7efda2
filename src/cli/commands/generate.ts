/**
 * `tickmark generate`: writes a seeded synthetic population of any kind and size (streamed), with
 * injected defects, and its manifest beside it (`<file>.manifest.json`). Prints a one-line summary,
 * or the manifest as JSON with `--json`.
 *
 * @example
 * tickmark generate --kind change --rows 1000000 --seed 7 --period 2025-01-01..2025-12-31 --defects-default -o changes.csv
 */
import { readFile } from 'node:fs/promises';
import { tickmarkError } from '../../errors.js';
import { defaultDefects } from '../../synthetic/defects.js';
import type { GenerateOptions } from '../../synthetic/options.js';
import { manifestPath, writePopulation } from '../../synthetic/write.js';
import { isKind, kinds } from '../../population/kinds.js';
import { exit, type Command, type CommandContext } from '../command.js';
import { grouped } from '../../text/grouped.js';

type Values = CommandContext['values'];

function flag(values: Values, name: string): string | undefined {
  const v = values[name];
  if (Array.isArray(v)) return v[v.length - 1];
  if (typeof v === 'string') return v;
  if (v === true) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: `--${name}`, expected: 'needs a value', got: true });
  return undefined;
}

function required(values: Values, name: string, what: string): string {
  const v = flag(values, name);
  if (v === undefined || v.trim() === '') throw tickmarkError('TM_ERR_INVALID_OPTION', { option: `--${name}`, expected: `is required (${what})`, got: null });
  return v.trim();
}

async function readDefects(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw tickmarkError('TM_ERR_FILE_NOT_FOUND', { path });
    throw err;
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--defects', expected: `must name a JSON file of defect counts (${(err as Error).message})`, got: path });
  }
}

const delimiters: Record<string, GenerateOptions['delimiter']> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\t': '\t', '|': '|', pipe: '|' };

/** The generator options the flags describe (reading the --defects file). */
export async function generateOptionsFromFlags(values: Values): Promise<{ out: string; options: GenerateOptions }> {
  const kind = required(values, 'kind', `one of ${kinds.join(', ')}`);
  if (!isKind(kind)) throw tickmarkError('TM_ERR_UNKNOWN_KIND', { kind, kinds });
  const rowsText = required(values, 'rows', 'the number of data rows').replace(/[,_]/g, '');
  const rows = /^\d+$/.test(rowsText) ? Number(rowsText) : NaN;
  if (!Number.isSafeInteger(rows)) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--rows', expected: 'must be a whole number', got: flag(values, 'rows') });
  const out = required(values, 'output', 'the CSV file to write');
  const defectsPath = flag(values, 'defects');
  if (defectsPath !== undefined && values['defects-default'] === true) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--defects-default', expected: 'cannot be combined with --defects', got: true });
  }
  const defects = defectsPath !== undefined ? await readDefects(defectsPath) : values['defects-default'] === true ? defaultDefects(kind, rows) : {};
  const delimiterText = flag(values, 'delimiter');
  const delimiter = delimiterText === undefined ? undefined : delimiters[delimiterText.toLowerCase()];
  if (delimiterText !== undefined && delimiter === undefined) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--delimiter', expected: 'must be one of , ; tab |', got: delimiterText });
  }
  const rateText = flag(values, 'quoted-newline-rate');
  const rate = rateText === undefined ? undefined : Number(rateText);
  if (rateText !== undefined && !(rate! >= 0 && rate! <= 1)) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--quoted-newline-rate', expected: 'must be a number between 0 and 1', got: rateText });
  }
  const options: GenerateOptions = {
    kind,
    rows,
    seed: flag(values, 'seed') ?? '1',
    period: flag(values, 'period') ?? '2025-01-01..2025-12-31',
    timeZone: flag(values, 'tz') ?? 'UTC',
    defects: defects as GenerateOptions['defects'],
    delimiter,
    lineEnding: values.crlf === true ? '\r\n' : '\n',
    timestampFormat: flag(values, 'timestamp-format') as GenerateOptions['timestampFormat'],
    quotedNewlineRate: rate,
  };
  return { out, options };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export const generateCommand: Command = {
  name: 'generate',
  summary: 'Write a seeded synthetic population (any kind, any size) with injected defects and their manifest',
  usage:
    'tickmark generate --kind change --rows 1000000 [--seed 7] [--period 2025-01-01..2025-12-31] [--tz UTC] ' +
    '[--defects defects.json | --defects-default] [--delimiter ,|;|tab|pipe] [--crlf] [--timestamp-format iso|space] ' +
    '[--quoted-newline-rate 0.001] -o file.csv [--json]',
  options: {
    kind: { type: 'string' },
    rows: { type: 'string' },
    seed: { type: 'string' },
    period: { type: 'string' },
    tz: { type: 'string' },
    defects: { type: 'string' },
    'defects-default': { type: 'boolean' },
    delimiter: { type: 'string' },
    crlf: { type: 'boolean' },
    'timestamp-format': { type: 'string' },
    'quoted-newline-rate': { type: 'string' },
    output: { type: 'string', short: 'o' },
    json: { type: 'boolean' },
  },
  async run({ values, io }) {
    const { out, options } = await generateOptionsFromFlags(values);
    const manifest = await writePopulation(out, options);
    if (values.json === true) {
      io.out(`${JSON.stringify(manifest)}\n`);
      return exit.ok;
    }
    const t = manifest.totals;
    io.out(
      `generated ${grouped(t.dataRows)} ${manifest.kind} rows (${mb(manifest.file!.bytes)}, sha256 ${manifest.file!.sha256.slice(0, 12)}…) ` +
        `→ ${out}; ${grouped(t.listedRows)} rows carry injected defects; manifest ${manifestPath(out)}\n`,
    );
    return exit.ok;
  },
};
