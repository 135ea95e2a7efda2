/**
 * The machine-readable copy of a workbook, in its very hidden sheet "tickmark", so that `verify`
 * can work from the workbook alone. Format /3 holds one thing: what every sheet was rendered from
 * (all but the population data stream) as the sheets read it — the sampled rows by the values they
 * show, the manifest's items once (they are the selection's) — stored by columns (`columnar.ts`) as
 * printable ASCII JSON cut into cells (a cell holds 32,767 characters), made as the sheet is
 * written, then the SHA-256 of that text, so an edit of the copy is detected. What the earlier
 * formats held beside it — the manifest, the population's kind, mapping and typing options (to
 * ingest the file the same way), the engine version, the automated results with the rule-set spec
 * that produced them — is read from it. Formats /1 (that copy only, as JSON) and /2 (that copy, and
 * the render input deflated and base64-encoded in rows `r1`, `r2`…) are still read. The workbook's
 * keywords (a core document property) carry the selection hash for a quick look.
 *
 * @example
 * const sheet = machineSheet(model) // its parts are made as the writer reads them
 * readMachineSheet(rowsAsRead).copy.manifest.selectionSha256 === model.input.sample.manifest.selectionSha256 // true
 */
import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { tickmarkError, TickmarkError } from '../../errors.js';
import type { SampleRequest } from '../../sampling/request.js';
import type { Kind } from '../../population/kinds.js';
import type { SourceFingerprint, TypingOptions } from '../../population/types.js';
import type { Status } from '../../rules/types.js';
import { manifestItems, parseManifest, type ManifestItem, type SelectionManifest } from '../../sampling/manifest.js';
import type { TestJob } from '../../rules/evaluate/test-job.js';
import { decodeColumns, encodeColumns, listTree, tableTree, type Json } from './columnar.js';
import { SheetBuilder, type Row, type SheetContent } from './content.js';
import type { ControlInfo, WorkbookInput } from './input.js';
import type { WorkbookModel } from './model.js';

export const MACHINE_SHEET = 'tickmark';
export const MACHINE_FORMAT = 'tickmark-workbook/3';
/** The formats read back. */
export type MachineFormat = 'tickmark-workbook/1' | 'tickmark-workbook/2' | typeof MACHINE_FORMAT;
const READABLE_FORMATS = new Set<string>(['tickmark-workbook/1', 'tickmark-workbook/2', MACHINE_FORMAT]);
/**
 * The layout of the sheets rendered from a render input: bump it whenever a change to the sheets
 * moves or rewords a cell, so that `verify` can tell a workbook laid out by another tickmark
 * (whose cells it would re-render differently) from an edited one.
 */
export const WORKBOOK_LAYOUT = 2;
/** Characters of the copy per cell (below Excel's 32,767). */
const PART_CHARS = 30_000;

/** The automated results per item per attribute, as tested. */
export interface WorkbookTestResults {
  /** How the tests were run (absent when the caller did not say: verify then cannot re-run them). */
  job?: TestJob;
  attributes: { attribute: string; rule: string; mode: 'automated' | 'manual' }[];
  /** One entry per tested item; `statuses` in attribute order. */
  items: { record: number; key: string; statuses: Status[] }[];
}

export interface WorkbookMachineCopy {
  format: MachineFormat;
  engineVersion: string;
  kind: Kind;
  /** canonical field → source header, as ingested. */
  mapping: Record<string, string>;
  typing: TypingOptions;
  key: string[];
  eventTime?: string;
  headers: string[];
  source: SourceFingerprint;
  populationId: string;
  period: { start: string; end: string; timeZone: string };
  control: ControlInfo;
  sampleId: string;
  request: SampleRequest;
  manifest: SelectionManifest;
  tests?: WorkbookTestResults;
  /**
   * The render input the copy holds (absent in format /1): the SHA-256 of the text it is checked
   * by, its size, its cells, and the layout of the sheets rendered from it.
   */
  render?: { sha256: string; bytes: number; parts: number; layout?: number };
}

/** The input the sheets were rendered from, as stored: no population data, the generation time fixed. */
export type RenderInput = Omit<WorkbookInput, 'populationData'>;

/** What the sheets of `model` were rendered from. */
export function renderInputOf(model: WorkbookModel): RenderInput {
  const { populationData: _data, ...rest } = model.input;
  return { ...rest, generatedAt: model.generatedAt.toISOString() };
}

/** The copy's facts about a render input (without its `render` record). */
export function machineCopyOf(input: RenderInput): WorkbookMachineCopy {
  const meta = input.population;
  const tests = input.tests;
  return {
    format: MACHINE_FORMAT,
    engineVersion: input.engineVersion,
    kind: meta.kind,
    mapping: meta.mapping,
    typing: meta.typing,
    key: meta.key,
    ...(meta.eventTime ? { eventTime: meta.eventTime } : {}),
    headers: meta.headers,
    source: meta.source,
    populationId: meta.id,
    period: input.period,
    control: input.control,
    sampleId: input.sample.id,
    request: input.sample.request,
    manifest: input.sample.manifest,
    ...(tests
      ? {
          tests: {
            ...(input.testJob ? { job: input.testJob } : {}),
            attributes: tests.attributes.map((a) => ({ attribute: a.attribute, rule: a.rule, mode: a.mode })),
            items: (tests.items ?? []).map((i) => ({ record: i.record, key: i.key, statuses: i.outcomes.map((o) => o.status) })),
          },
        }
      : {}),
  };
}

/** The copy of a model. */
export const machineCopy = (model: WorkbookModel): WorkbookMachineCopy => machineCopyOf(model.input);

/**
 * JSON as a cell can hold it unchanged: every character from U+007F up escaped (`\uXXXX`), and
 * the underscore of a literal `_xHHHH_` too (a cell would take it for an OOXML escape) — printable
 * ASCII that can be cut anywhere and that no reader decodes.
 */
function cellSafeJson(json: string): string {
  // eslint-disable-next-line no-control-regex
  const ascii = /[^\u0000-\u007e]/.test(json) ? json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
  return ascii.includes('_x') ? ascii.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '\\u005f') : ascii;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The sampled rows as the sheets read them (`valueCell`), by columns: a timestamp or number column
 * by its typed value when it has one, else (and every other column shown) by its raw text; the
 * key's columns are not shown (the item's key is).
 */
function shownRowsTree(model: WorkbookModel): Json {
  const rows = model.input.sampledRows;
  const n = rows.length;
  const shown = model.columns.map((c) => ({ header: c.header, field: c.field && (c.type === 'timestamp' || c.type === 'number') ? c.field : undefined }));
  const typed = shown.filter((c): c is { header: string; field: string } => c.field !== undefined);
  const values = shown.map(() => new Array<string | null>(n));
  const fields = typed.map(() => new Array<number | null>(n));
  const records = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    records[i] = row.record;
    for (let c = 0, t = 0; c < shown.length; c++) {
      const { header, field } = shown[c]!;
      const value = field === undefined ? undefined : row.fields[field];
      const isTyped = typeof value === 'number' && Number.isFinite(value);
      values[c]![i] = isTyped ? null : (row.values[header] ?? null);
      if (field !== undefined) fields[t++]![i] = isTyped ? value : null;
    }
  }
  return tableTree(n, ['record', 'values', 'fields'], [
    listTree(records),
    tableTree(n, shown.map((c) => c.header), values.map(listTree)),
    tableTree(n, typed.map((c) => c.field), fields.map(listTree)),
  ]);
}

/**
 * What the copy holds of a model, by columns: its render input, the sampled rows as the sheets read
 * them, the manifest's items once (the sheets rendered from it are those rendered from the model).
 */
function storedRenderTree(model: WorkbookModel): Json {
  const input = renderInputOf(model);
  const { manifest, selection } = input.sample;
  // The manifest's items are the selection's, as the manifest lists them: kept once (their place held by null).
  const sample = sameItems(manifest.items, manifestItems(selection)) ? { ...input.sample, manifest: { ...manifest, items: null as unknown as ManifestItem[] } } : input.sample;
  const tree = encodeColumns({ ...input, sample, sampledRows: [] }) as Record<string, Json>;
  tree.sampledRows = shownRowsTree(model);
  return tree;
}

/** Whether two lists of manifest items are the same (members, in order, and values). */
function sameItems(a: readonly ManifestItem[], b: readonly ManifestItem[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]! as unknown as Record<string, unknown>;
    const y = b[i]! as unknown as Record<string, unknown>;
    const members = Object.keys(x);
    const expected = Object.keys(y);
    if (members.length !== expected.length) return false;
    for (let k = 0; k < members.length; k++) {
      const name = members[k]!;
      if (name !== expected[k]) return false;
      const u = x[name];
      const v = y[name];
      if (u === v) continue;
      if (!Array.isArray(u) || !Array.isArray(v) || u.length !== v.length || u.some((r, j) => r !== v[j])) return false;
    }
  }
  return true;
}

/** Items of an array of plain values stringified at once. */
const RUN = 4096;

/**
 * The JSON text of a tree (JSON values only) in pieces: an object's members and an array's items
 * one at a time (a run of plain values at once); a text is never cut between pieces. The pieces
 * join into exactly `JSON.stringify(tree)`.
 */
function* jsonPieces(value: Json): Generator<string> {
  if (value === null || typeof value !== 'object') {
    yield JSON.stringify(value);
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; ) {
      const item = value[i]!;
      if (item !== null && typeof item === 'object') {
        if (i) yield ',';
        yield* jsonPieces(item);
        i++;
        continue;
      }
      let j = i + 1;
      while (j < value.length && j - i < RUN && (value[j] === null || typeof value[j] !== 'object')) j++;
      const run = JSON.stringify(value.slice(i, j));
      // Apart: the run's text stays a view of what JSON.stringify made (joined, it would be copied).
      if (i) yield ',';
      yield run.slice(1, -1);
      i = j;
    }
    yield ']';
    return;
  }
  let first = true;
  for (const [name, item] of Object.entries(value)) {
    yield `${first ? '{' : ','}${JSON.stringify(name)}:`;
    first = false;
    yield* jsonPieces(item);
  }
  yield first ? '{}' : '}';
}

/** Parts of the copy written per batch of rows. */
const PARTS_PER_BATCH = 32;

/**
 * The copy's text in parts, made as they are written (a large copy's text is never whole): rows
 * `1`, `2`… of at most PART_CHARS characters, then its SHA-256.
 */
function* copyParts(model: WorkbookModel): Generator<Row[]> {
  const hash = createHash('sha256');
  let pending = '';
  let part = 0;
  let batch: Row[] = [];
  for (const piece of jsonPieces({ layout: WORKBOOK_LAYOUT, render: storedRenderTree(model) })) {
    const text = cellSafeJson(piece);
    hash.update(text, 'latin1');
    pending += text;
    while (pending.length >= PART_CHARS) {
      batch.push([String(++part), pending.slice(0, PART_CHARS)]);
      pending = pending.slice(PART_CHARS);
      if (batch.length >= PARTS_PER_BATCH) {
        yield batch;
        batch = [];
      }
    }
  }
  if (pending) batch.push([String(++part), pending]);
  batch.push(['sha256', hash.digest('hex')]);
  yield batch;
}

/**
 * The hidden sheet: a header row, the format, the copy's text in parts (`1`, `2`…), made as the
 * sheet is written, then the text's SHA-256.
 */
export function machineSheet(model: WorkbookModel): SheetContent {
  const b = new SheetBuilder(MACHINE_SHEET, 'veryHidden');
  b.add('part', 'text');
  b.add('format', MACHINE_FORMAT);
  b.more(copyParts(model));
  const content = b.done();
  content.widths = [10, 100];
  return content;
}

const bad = (reason: string): never => {
  throw tickmarkError('TM_ERR_MANIFEST', { reason });
};

/** What the hidden sheet holds, read back. */
export interface MachineSheet {
  copy: WorkbookMachineCopy;
  /** True when the copy was edited since tickmark wrote it (its SHA-256 no longer matches). */
  edited: boolean;
  /** What the sheets were rendered from (absent in format /1, or when it cannot be read). */
  render?: RenderInput;
  /** Why the render input could not be read (format /2: its parts are kept apart from the copy). */
  renderRefused?: string;
}

/** The numbered parts (`1`, `2`… or `r1`, `r2`…) joined in order; refused when one is missing. */
function joinedParts(rows: readonly (readonly string[])[], prefix: '' | 'r', what: string): string {
  const pattern = prefix ? /^r\d+$/ : /^\d+$/;
  const parts = rows.filter((r) => pattern.test(r[0] ?? '')).sort((a, b) => Number(a[0]!.slice(prefix.length)) - Number(b[0]!.slice(prefix.length)));
  parts.forEach((p, i) => {
    if (p[0] !== `${prefix}${i + 1}`) bad(`part ${i + 1} of ${what} is missing`);
  });
  return parts.map((p) => p[1] ?? '').join('');
}

/** A /3 copy: the render input decoded, the copy's facts read from it. */
function readColumnar(rows: readonly (readonly string[])[], expected: string | undefined): MachineSheet {
  const text = joinedParts(rows, '', 'the machine-readable copy');
  const edited = !expected || sha256(text) !== expected;
  try {
    const doc = JSON.parse(text) as { layout?: unknown; render?: unknown };
    if (!doc || typeof doc !== 'object') bad('not a JSON object');
    const render = decodeColumns(doc.render) as RenderInput;
    if (!render || typeof render !== 'object' || !render.population || !render.sample?.manifest || !render.sample.selection || !render.period || !render.control) bad('the render input lacks the population, the sample, the period or the control');
    if (render.sample.manifest.items === null) render.sample.manifest.items = manifestItems(render.sample.selection);
    const copy = machineCopyOf(render);
    copy.render = { sha256: sha256(text), bytes: text.length, parts: Math.ceil(text.length / PART_CHARS), ...(typeof doc.layout === 'number' ? { layout: doc.layout } : {}) };
    return { copy, edited, render };
  } catch (err) {
    const why = err instanceof TickmarkError ? (err.details as { reason?: string }).reason ?? err.message : err instanceof SyntaxError ? 'not JSON' : String(err);
    return bad(edited ? `the machine-readable copy was edited (its SHA-256 does not match) and cannot be read: ${why}` : `the machine-readable copy cannot be read: ${why}`);
  }
}

/**
 * The render input of a /2 copy, from the rows `r1`, `r2`…: refused (TM_ERR_MANIFEST) when a part
 * is missing or it does not match its SHA-256.
 */
function readPackedRender(rows: readonly (readonly string[])[], render: NonNullable<WorkbookMachineCopy['render']>): RenderInput {
  const parts = rows.filter((r) => /^r\d+$/.test(r[0] ?? ''));
  if (parts.length !== render.parts) bad('a part of the render copy in the machine-readable copy is missing');
  const packed = joinedParts(rows, 'r', 'the render copy in the machine-readable copy');
  let json: string;
  try {
    json = inflateRawSync(Buffer.from(packed, 'base64')).toString('utf8');
  } catch {
    return bad('the render copy in the machine-readable copy does not inflate');
  }
  if (sha256(json) !== render.sha256) bad('the render copy in the machine-readable copy was edited (its SHA-256 does not match)');
  return JSON.parse(json) as RenderInput;
}

/**
 * Everything the hidden sheet holds, from its rows (header row first): the copy, whether it was
 * edited, and the render input. A /3 copy that cannot be read at all is refused (TM_ERR_MANIFEST);
 * a /2 render copy that cannot be read is reported in `renderRefused` beside the copy.
 */
export function readMachineSheet(rows: readonly (readonly string[])[]): MachineSheet {
  const [header, ...data] = rows;
  if (header?.[0] !== 'part') bad(`the "${MACHINE_SHEET}" sheet has no header row`);
  const format = data.find((r) => r[0] === 'format')?.[1];
  if (!format || !READABLE_FORMATS.has(format)) bad(`the "${MACHINE_SHEET}" sheet is in format ${JSON.stringify(format ?? null)}, expected ${MACHINE_FORMAT}`);
  const expected = data.find((r) => r[0] === 'sha256')?.[1];
  if (format === MACHINE_FORMAT) {
    const read = readColumnar(data, expected);
    read.copy.manifest = parseManifest(read.copy.manifest);
    return read;
  }
  const json = joinedParts(data, '', 'the machine-readable copy');
  let copy: WorkbookMachineCopy;
  try {
    copy = JSON.parse(json) as WorkbookMachineCopy;
  } catch {
    return bad('the machine-readable copy is not JSON');
  }
  if (!copy || typeof copy !== 'object' || typeof copy.kind !== 'string' || !copy.mapping || !copy.typing) bad('the machine-readable copy lacks kind, mapping or typing');
  copy.manifest = parseManifest(copy.manifest);
  const edited = !expected || sha256(json) !== expected;
  if (!copy.render) return { copy, edited };
  try {
    return { copy, edited, render: readPackedRender(data, copy.render) };
  } catch (err) {
    if (!(err instanceof TickmarkError) || err.code !== 'TM_ERR_MANIFEST') throw err;
    return { copy, edited, renderRefused: (err.details as { reason?: string }).reason ?? err.message };
  }
}

/**
 * The copy as the hidden sheet holds it, and whether it was edited since it was written (its
 * SHA-256 no longer matches): for `verify`, which reports an edit as a difference.
 */
export function readMachineRows(rows: readonly (readonly string[])[]): { copy: WorkbookMachineCopy; edited: boolean } {
  const { copy, edited } = readMachineSheet(rows);
  return { copy, edited };
}

/**
 * Read the copy back from the hidden sheet's rows (header row first), checking its format and hash.
 *
 * @example
 * parseMachineRows([['part', 'text'], ['format', 'tickmark-workbook/1'], ['sha256', '…'], ['1', '{…}']])
 */
export function parseMachineRows(rows: readonly (readonly string[])[]): WorkbookMachineCopy {
  const { copy, edited } = readMachineRows(rows);
  if (edited) bad('the machine-readable copy in the workbook was edited (its SHA-256 does not match)');
  return copy;
}
