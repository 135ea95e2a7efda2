/** Test helper: run the `tickmark` CLI entry in this process, capturing what it prints. */
import { main } from '../../src/cli/main.js';

export async function tickmark(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export async function tickmarkJson<T = Record<string, any>>(...argv: string[]): Promise<T> {
  const r = await tickmark(...argv, '--json');
  if (r.code > 1) throw new Error(`tickmark ${argv.join(' ')} exited ${r.code}: ${r.err}`);
  return JSON.parse(r.out) as T;
}
