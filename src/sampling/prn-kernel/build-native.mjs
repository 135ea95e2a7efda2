// Build the native PRN kernel (sha256-prn-ni.c) into dist/native/prn-ni.node; part of `npm run build`.
// Optional by design: without an x64 CPU, a C compiler (`cc`, or $CC) or Node's headers, it says so
// and exits 0, and tickmark uses the WebAssembly kernel (same PRNs, about 4x slower here).
// Before keeping the file it loads it and checks it against node:crypto on a few keys.
// TICKMARK_NATIVE=0 skips the build; TICKMARK_REQUIRE_NATIVE=1 (CI) makes a failure an error.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const source = join(here, 'sha256-prn-ni.c');
const outDir = join(root, 'dist', 'native');
const out = join(outDir, 'prn-ni.node');
const required = process.env.TICKMARK_REQUIRE_NATIVE === '1';

function skip(reason) {
  const line = `tickmark: native PRN kernel not built (${reason}); the WebAssembly kernel is used`;
  if (required) {
    console.error(line);
    process.exit(1);
  }
  console.log(line);
  process.exit(0);
}

rmSync(out, { force: true }); // never leave a kernel built from older source
if (process.env.TICKMARK_NATIVE === '0') skip('TICKMARK_NATIVE=0');
if (process.arch !== 'x64' || !['linux', 'darwin'].includes(process.platform)) skip(`no SHA-NI build for ${process.platform}-${process.arch}`);

const headers = [
  join(dirname(process.execPath), '..', 'include', 'node'),
  process.env.npm_config_nodedir && join(process.env.npm_config_nodedir, 'include', 'node'),
  join(homedir(), '.cache', 'node-gyp', process.versions.node, 'include', 'node'),
].find((dir) => dir && existsSync(join(dir, 'node_api.h')));
if (!headers) skip("Node's headers (node_api.h) not found");

mkdirSync(outDir, { recursive: true });
const temp = join(outDir, `prn-ni.${process.pid}.tmp.node`); // require() picks the loader by extension
const cc = process.env.CC || 'cc';
const args = ['-O2', '-shared', '-fPIC', '-pthread', '-fvisibility=hidden', '-std=c11', '-Wall', '-Werror', '-I', headers, '-o', temp, source];
if (process.platform === 'darwin') args.unshift('-undefined', 'dynamic_lookup');
const built = spawnSync(cc, args, { encoding: 'utf8' });
if (built.error || built.status !== 0) {
  rmSync(temp, { force: true });
  skip(built.error ? `${cc}: ${built.error.message}` : `${cc} failed: ${built.stderr.trim().split('\n').slice(0, 3).join(' ')}`);
}

// Load it and compare with node:crypto before keeping it.
let kernel;
try {
  kernel = createRequire(import.meta.url)(temp);
} catch (err) {
  rmSync(temp, { force: true });
  skip(`the built file does not load: ${err.message.split('\n')[0]}`);
}
if (!kernel.shaNi) {
  renameSync(temp, out); // built, but this CPU has no SHA extensions: prn-batch.ts will not call it
  console.log('tickmark: native PRN kernel built; this CPU has no SHA extensions, so the WebAssembly kernel is used');
  process.exit(0);
}
const keys = ['CHG-0000001', 'a', 'x'.repeat(47), 'y'.repeat(200), 'AB-12/7 #3'];
const text = Buffer.from(keys.join(''), 'latin1');
const start = new Int32Array(keys.length);
const end = new Int32Array(keys.length);
keys.reduce((at, k, i) => ((start[i] = at), (end[i] = at + k.length), at + k.length), 0);
const prns = new Float64Array(keys.length);
kernel.prnSpans(Buffer.from('20251231\u001f'), text, start, end, keys.length, prns);
const expected = keys.map((k) => {
  const d = createHash('sha256').update(`20251231\u001f${k}`).digest();
  return (d.readUInt32BE(0) * 2 ** 20 + (d.readUInt32BE(4) >>> 12)) / 2 ** 52;
});
// The same rows split across threads: the same PRNs.
const many = Array.from({ length: 20_000 }, (_, i) => `CHG${i}`);
const manyText = Buffer.from(many.join(''), 'latin1');
const manyStart = new Int32Array(many.length);
const manyEnd = new Int32Array(many.length);
many.reduce((at, k, i) => ((manyStart[i] = at), (manyEnd[i] = at + k.length), at + k.length), 0);
const alone = new Float64Array(many.length);
const shared = new Float64Array(many.length);
kernel.prnSpans(Buffer.from('7\u001f'), manyText, manyStart, manyEnd, many.length, alone);
kernel.prnSpans(Buffer.from('7\u001f'), manyText, manyStart, manyEnd, many.length, shared, 3);
if (expected.some((v, i) => v !== prns[i]) || alone.some((v, i) => v !== shared[i])) {
  rmSync(temp, { force: true });
  skip('self-check against node:crypto failed');
}
renameSync(temp, out);
console.log(`tickmark: native PRN kernel built (SHA-NI): ${out}`);
