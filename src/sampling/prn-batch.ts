/**
 * PRNs of a whole chunk in one call: the same function as prn.ts (the top 52 bits of
 * SHA-256(seed ␟ key)), computed straight from the chunk's Latin-1 text and the key's cell
 * offsets — no JS string and no call per record — by one of two kernels:
 * - `sha-ni`: native code on the CPU's SHA instructions (prn-kernel/sha256-prn-ni.c), built by
 *   `npm run build` when a C compiler is there.
 * - `wasm-simd`: WebAssembly, four records at a time in SIMD lanes (prn-kernel/sha256-prn.c),
 *   everywhere else.
 * The native one can share a call's rows among threads (`setPrnKernelThreads`).
 * Both are checked against node:crypto (test/sampling/prn-batch.test.ts); TICKMARK_PRN_KERNEL=wasm
 * forces the WebAssembly one. Rows a kernel cannot take (a non-ASCII key, whose Latin-1 bytes are
 * not its UTF-8; a null, empty or quoted-literal cell) come back as -1 for the caller to compute
 * with `prn()`. Without either kernel, `prnSpans` returns undefined.
 *
 * @example
 * const prns = prnSpans('20251231\u001f', text, start, end, rows) // prns[i] === prn('20251231', key i), or -1
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { KERNEL_WASM_BASE64 } from './prn-kernel/kernel-wasm.js';

/** The slice of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

interface Kernel {
  memory: WasmMemory;
  prnSpans: (prefix: number, prefixLen: number, text: number, start: number, end: number, rows: number, out: number) => void;
  /** First free byte of linear memory. */
  base: number;
}

/** Rows per kernel call: small calls let V8 move the kernel to its optimising tier early. */
const BATCH = 4096;
const PAGE = 65_536;

let kernel: Kernel | null | undefined;

/** The native kernel's exports (prn-kernel/sha256-prn-ni.c). */
interface NativeKernel {
  shaNi: boolean;
  prnSpans(prefix: Uint8Array, text: Uint8Array, start: Int32Array, end: Int32Array, rows: number, out: Float64Array, threads?: number): void;
}
let native: NativeKernel | null | undefined;

/** Threads one call of the native kernel may use, the calling one included. */
let kernelThreads = 1;

/**
 * Let each call of the native kernel share its rows among up to `threads` threads (the calling
 * one included; 1 = the calling thread alone, the default) — for a scan that runs in this thread
 * alone with more cores than one given to it. The PRNs are the same. Returns the previous value.
 */
export function setPrnKernelThreads(threads: number): number {
  const before = kernelThreads;
  kernelThreads = Number.isInteger(threads) && threads > 1 ? threads : 1;
  return before;
}

/** The native kernel when it was built and this CPU has SHA instructions; else null. */
function loadNative(): NativeKernel | null {
  if (native !== undefined) return native;
  native = null;
  if (process.env.TICKMARK_PRN_KERNEL === 'wasm') return native;
  const file = join(packageRoot(), 'dist', 'native', 'prn-ni.node');
  if (!existsSync(file)) return native;
  try {
    const loaded = createRequire(import.meta.url)(file) as NativeKernel;
    if (loaded.shaNi && typeof loaded.prnSpans === 'function') native = loaded;
  } catch {
    // built for another Node or CPU: the WebAssembly kernel serves
  }
  return native;
}

export type PrnKernelName = 'sha-ni' | 'wasm-simd' | 'none';

/** Which kernel `prnSpans` uses in this process (the bench prints it). */
export function prnKernel(): PrnKernelName {
  return loadNative() ? 'sha-ni' : loadKernel() ? 'wasm-simd' : 'none';
}

function loadKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  try {
    if (!wasm) throw new Error('no WebAssembly');
    const instance = new wasm.Instance(new wasm.Module(Buffer.from(KERNEL_WASM_BASE64, 'base64')), {});
    const e = instance.exports as { memory: WasmMemory; prn_spans: Kernel['prnSpans']; __heap_base: { value: number } };
    kernel = { memory: e.memory, prnSpans: e.prn_spans, base: (Number(e.__heap_base.value) + 15) & ~15 };
  } catch {
    kernel = null; // no SIMD in this runtime: callers hash record by record
  }
  return kernel;
}

/**
 * PRN of each row whose key is `bytes[start[i] .. end[i])` (Latin-1), with `prefix` = seed + U+001F
 * prepended; -1 for rows the caller must compute. Undefined when the kernel is unavailable.
 */
export function prnSpans(prefix: string, bytes: Uint8Array, start: Int32Array, end: Int32Array, rows: number): Float64Array | undefined {
  const n = loadNative();
  if (n) {
    const out = new Float64Array(rows);
    n.prnSpans(Buffer.from(prefix, 'utf8'), bytes, start, end, rows, out, kernelThreads);
    return out;
  }
  return wasmPrnSpans(prefix, bytes, start, end, rows);
}

/** `prnSpans` on the WebAssembly kernel (exported for the tests that compare the two kernels). */
export function wasmPrnSpans(prefix: string, bytes: Uint8Array, start: Int32Array, end: Int32Array, rows: number): Float64Array | undefined {
  const k = loadKernel();
  if (!k) return undefined;
  const prefixBytes = Buffer.from(prefix, 'utf8');
  const prefixAt = k.base;
  const startAt = prefixAt + ((prefixBytes.length + 15) & ~15);
  const endAt = startAt + BATCH * 4;
  const outAt = endAt + BATCH * 4;
  const textAt = outAt + BATCH * 8;
  const need = textAt + bytes.length;
  if (need > k.memory.buffer.byteLength) k.memory.grow(Math.ceil((need - k.memory.buffer.byteLength) / PAGE));
  const memory = k.memory.buffer;
  new Uint8Array(memory, prefixAt, prefixBytes.length).set(prefixBytes);
  new Uint8Array(memory, textAt, bytes.length).set(bytes);
  const startMem = new Int32Array(memory, startAt, BATCH);
  const endMem = new Int32Array(memory, endAt, BATCH);
  const outMem = new Float64Array(memory, outAt, BATCH);
  const out = new Float64Array(rows);
  for (let from = 0; from < rows; from += BATCH) {
    const n = Math.min(BATCH, rows - from);
    startMem.set(start.subarray(from, from + n));
    endMem.set(end.subarray(from, from + n));
    k.prnSpans(prefixAt, prefixBytes.length, textAt, startAt, endAt, n, outAt);
    out.set(n === BATCH ? outMem : outMem.subarray(0, n), from);
  }
  return out;
}

/**
 * PRN of each key string through the kernel (quoted key cells, composite keys): the ASCII keys are
 * laid end to end in one buffer; -1 for a key the caller must hash itself (non-ASCII, empty).
 * Undefined when the kernel is unavailable.
 */
export function prnKeys(prefix: string, keys: readonly string[]): Float64Array | undefined {
  const joined = keys.join('');
  const bytes = Buffer.from(joined, 'latin1'); // one byte per character, so offsets are string offsets
  const wide = NON_ASCII.test(joined);
  const start = new Int32Array(keys.length);
  const end = new Int32Array(keys.length);
  let at = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    // A non-ASCII key's UTF-8 is not its Latin-1 (nor a wider character its low byte): the caller hashes it.
    start[i] = wide && NON_ASCII.test(k) ? -1 : at;
    at += k.length;
    end[i] = at;
  }
  return prnSpans(prefix, bytes, start, end, keys.length);
}

const NON_ASCII = /[^\x00-\x7f]/;
