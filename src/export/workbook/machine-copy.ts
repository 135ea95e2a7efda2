/**
 * The machine-readable copy of a workbook, in its very hidden sheet "tickmark", so that `verify`
 * can work from the workbook alone: the manifest, the population's kind, mapping and typing
 * options (to ingest the file the same way), the engine version, and the automated test results
 * with the rule-set spec that produced them. Stored as ASCII JSON cut into cells (a cell holds
 * 32,767 characters) with the SHA-256 of the JSON, so an edit of the copy is detected.
 * The workbook's keywords (a core document property) carry the selection hash for a quick look.
 *
 * @example
 * const copy = machineCopy(model)
 * parseMachineRows(machineSheet(copy).rows.map(r => r.map(String))).manifest.selectionSha256 === copy.manifest.selectionSha256 // true
 */
import { createHash, type Hash } from 'node:crypto';
import { DeflateStream, ScratchBuffers, utf8Of } from '../../xlsx/index.js';
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { tickmarkError } from '../../errors.js';
import type { SampleRequest } from '../../sampling/request.js';
import type { Kind } from '../../population/kinds.js';
import type { SourceFingerprint, TypingOptions } from '../../population/types.js';
import type { Status } from '../../rules/types.js';
import { parseManifest, type SelectionManifest } from '../../sampling/manifest.js';
import type { TestJob } from '../../rules/evaluate/test-job.js';
import { SheetBuilder, type SheetContent } from './content.js';
import type { ControlInfo, WorkbookInput } from './input.js';
import type { WorkbookModel } from './model.js';

export const MACHINE_SHEET = 'tickmark';
export const MACHINE_FORMAT = 'tickmark-workbook/2';
/** Formats read back: /1 holds no render input (verify then compares the Selection sheet only). */
const READABLE_FORMATS = new Set(['tickmark-workbook/1', MACHINE_FORMAT]);
/**
 * The layout of the sheets rendered from a render input: bump it whenever a change to the sheets
 * moves or rewords a cell, so that `verify` can tell a workbook laid out by another tickmark
 * (whose cells it would re-render differently) from an edited one.
 */
export const WORKBOOK_LAYOUT = 2;
/** Past this many bytes of JSON, the render copy is deflated at level 1. */
const BIG_RENDER_BYTES = 1 << 20;
/** Characters of JSON per cell (below Excel's 32,767). */
const PART_CHARS = 30_000;
/** Bytes of the deflated render copy per cell: PART_CHARS of base64. */
const PART_BYTES = (PART_CHARS / 4) * 3;

/** The automated results per item per attribute, as tested. */
export interface WorkbookTestResults {
  /** How the tests were run (absent when the caller did not say: verify then cannot re-run them). */
  job?: TestJob;
  attributes: { attribute: string; rule: string; mode: 'automated' | 'manual' }[];
  /** One entry per tested item; `statuses` in attribute order. */
  items: { record: number; key: string; statuses: Status[] }[];
}

export interface WorkbookMachineCopy {
  format: typeof MACHINE_FORMAT;
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
   * The input every sheet was rendered from (all but the population data stream), deflated and
   * base64-encoded in the rows `r1`, `r2`…: verify re-renders the sheets from it and compares
   * every cell. Its SHA-256 is of the JSON, so the head's checksum covers it too.
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

/**
 * `JSON.stringify(value)` in pieces: an object's members one at a time, down to `depth` levels of
 * objects (below that, each value is stringified whole), an array's items one at a time, each
 * whole (a long array is a list of small records). The pieces join into exactly the text
 * `JSON.stringify` gives, without that text — or any large part of it — ever being one string.
 */
export function* jsonPieces(value: unknown, depth = 3): Generator<string> {
  if (depth <= 0 || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    if (!value.length) {
      yield '[]';
      return;
    }
    for (let i = 0; i < value.length; i++) yield `${i ? ',' : '['}${JSON.stringify(value[i]) ?? 'null'}`;
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(item, depth - 1);
  }
  yield '}';
}

/** Characters of JSON gathered before they are encoded, hashed and deflated. */
const PACK_PIECE_CHARS = 1 << 20;

/** The render input's JSON in UTF-8 pieces of about a megabyte, each hashed into `hash` as it is made. */
function* renderJson(input: RenderInput, hash: Hash, scratch: ScratchBuffers): Generator<Buffer> {
  let pending: string[] = [];
  let pendingChars = 0;
  const take = (): Buffer => {
    const json = utf8Of(pending, pendingChars, scratch);
    pending = [];
    pendingChars = 0;
    hash.update(json);
    return json;
  };
  for (const piece of jsonPieces(input)) {
    pending.push(piece);
    pendingChars += piece.length;
    if (pendingChars >= PACK_PIECE_CHARS) yield take();
  }
  yield take();
}

/** The deflated JSON as base64 parts (below Excel's 32,767 characters a cell), with what the copy records of it. */
function packed(deflated: Buffer, hash: Hash, bytes: number): { meta: NonNullable<WorkbookMachineCopy['render']>; parts: string[] } {
  // PART_CHARS base64 characters are PART_BYTES bytes (a multiple of 3: the parts join into the base64 of the whole).
  const parts: string[] = [];
  for (let i = 0; i < deflated.length; i += PART_BYTES) parts.push(deflated.toString('base64', i, Math.min(deflated.length, i + PART_BYTES)));
  return { meta: { sha256: hash.digest('hex'), bytes, parts: parts.length, layout: WORKBOOK_LAYOUT }, parts };
}

/**
 * The render input, deflated and cut into base64 parts. The JSON is produced, hashed and deflated
 * in pieces (each ending on a sync flush: the pieces form one stream): a large sample's copy
 * (hundreds of MB of JSON) is never held whole.
 */
export function packRenderInput(input: RenderInput): { meta: NonNullable<WorkbookMachineCopy['render']>; parts: string[] } {
  const hash = createHash('sha256');
  const scratch = new ScratchBuffers();
  const deflated: Buffer[] = [];
  let bytes = 0;
  let last: Buffer | undefined;
  const deflate = (json: Buffer, end: boolean) => {
    bytes += json.length;
    // Level 1 once the copy is large (thousands of items): faster, a little larger.
    deflated.push(deflateRawSync(json, { level: bytes > BIG_RENDER_BYTES ? 1 : 6, finishFlush: end ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }));
    scratch.give(json);
  };
  for (const json of renderJson(input, hash, scratch)) {
    if (last) deflate(last, false);
    last = json;
  }
  deflate(last ?? Buffer.alloc(0), true);
  return packed(Buffer.concat(deflated), hash, bytes);
}

/**
 * The same, the JSON deflated on the thread pool while the next piece is made: a copy whose first
 * piece is its whole is deflated at once as above (the same bytes); a larger one through one
 * deflate stream at level 1.
 */
export async function packRenderInputAsync(input: RenderInput): Promise<{ meta: NonNullable<WorkbookMachineCopy['render']>; parts: string[] }> {
  const hash = createHash('sha256');
  const scratch = new ScratchBuffers();
  const pieces = renderJson(input, hash, scratch);
  const first = pieces.next();
  const second = first.done ? first : pieces.next();
  if (second.done) {
    const json = first.done ? Buffer.alloc(0) : first.value;
    return packed(deflateRawSync(json, { level: json.length > BIG_RENDER_BYTES ? 1 : 6 }), hash, json.length);
  }
  const deflated: Buffer[] = [];
  const stream = new DeflateStream(1, (bytes) => void deflated.push(bytes));
  let bytes = 0;
  for (const json of [first.value!, second.value]) {
    bytes += json.length;
    await stream.write(json, () => scratch.give(json));
  }
  for (const json of pieces) {
    bytes += json.length;
    await stream.write(json, () => scratch.give(json));
  }
  await stream.end();
  return packed(Buffer.concat(deflated), hash, bytes);
}

/**
 * The render input from the machine sheet's rows; undefined when the copy holds none (format /1),
 * refused (TM_ERR_MANIFEST) when a part is missing or it does not match its SHA-256.
 */
export function readRenderInput(rows: readonly (readonly string[])[], copy: WorkbookMachineCopy): RenderInput | undefined {
  if (!copy.render) return undefined;
  const parts = rows.filter((r) => /^r\d+$/.test(r[0] ?? '')).sort((a, b) => Number(a[0]!.slice(1)) - Number(b[0]!.slice(1)));
  if (parts.length !== copy.render.parts || parts.some((p, i) => p[0] !== `r${i + 1}`)) bad('a part of the render copy in the machine-readable copy is missing');
  let json: string;
  try {
    json = inflateRawSync(Buffer.from(parts.map((p) => p[1] ?? '').join(''), 'base64')).toString('utf8');
  } catch {
    return bad('the render copy in the machine-readable copy does not inflate');
  }
  if (sha256(json) !== copy.render.sha256) bad('the render copy in the machine-readable copy was edited (its SHA-256 does not match)');
  return JSON.parse(json) as RenderInput;
}

/** The copy of a model. */
export function machineCopy(model: WorkbookModel): WorkbookMachineCopy {
  const { input } = model;
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

/** JSON with every non-ASCII character escaped (\uXXXX): safe to cut anywhere. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A render input as `packRenderInput` packs it. */
export type PackedRenderInput = ReturnType<typeof packRenderInput>;

/**
 * The hidden sheet: a header row, the JSON's SHA-256, then the JSON in parts (`1`, `2`…), then the
 * deflated render input in parts (`r1`, `r2`…) when given (packed by `packRenderInput`).
 */
export function machineSheet(copy: WorkbookMachineCopy, packed?: PackedRenderInput): SheetContent {
  const json = asciiJson(packed ? { ...copy, render: packed.meta } : copy);
  const b = new SheetBuilder(MACHINE_SHEET, 'veryHidden');
  b.add('part', 'text');
  b.add('format', MACHINE_FORMAT);
  b.add('sha256', sha256(json));
  for (let i = 0, part = 1; i < json.length; i += PART_CHARS, part++) b.add(String(part), json.slice(i, i + PART_CHARS));
  packed?.parts.forEach((p, i) => b.add(`r${i + 1}`, p));
  const content = b.done();
  content.widths = [10, 100];
  return content;
}

const bad = (reason: string): never => {
  throw tickmarkError('TM_ERR_MANIFEST', { reason });
};

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

/**
 * The copy as the hidden sheet holds it, and whether it was edited since it was written (its
 * SHA-256 no longer matches): for `verify`, which reports an edit as a difference.
 */
export function readMachineRows(rows: readonly (readonly string[])[]): { copy: WorkbookMachineCopy; edited: boolean } {
  const [header, ...data] = rows;
  if (header?.[0] !== 'part') bad(`the "${MACHINE_SHEET}" sheet has no header row`);
  const format = data.find((r) => r[0] === 'format')?.[1];
  if (!format || !READABLE_FORMATS.has(format)) bad(`the "${MACHINE_SHEET}" sheet is in format ${JSON.stringify(format ?? null)}, expected ${MACHINE_FORMAT}`);
  const expected = data.find((r) => r[0] === 'sha256')?.[1];
  const parts = data.filter((r) => /^\d+$/.test(r[0] ?? '')).sort((a, b) => Number(a[0]) - Number(b[0]));
  parts.forEach((p, i) => {
    if (Number(p[0]) !== i + 1) bad(`part ${i + 1} of the machine-readable copy is missing`);
  });
  const json = parts.map((p) => p[1] ?? '').join('');
  let copy: WorkbookMachineCopy;
  try {
    copy = JSON.parse(json) as WorkbookMachineCopy;
  } catch {
    return bad('the machine-readable copy is not JSON');
  }
  if (!copy || typeof copy !== 'object' || typeof copy.kind !== 'string' || !copy.mapping || !copy.typing) bad('the machine-readable copy lacks kind, mapping or typing');
  copy.manifest = parseManifest(copy.manifest);
  return { copy, edited: !expected || sha256(json) !== expected };
}
