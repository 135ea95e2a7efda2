/** The CLI's `main` run in this process, with what it prints captured (stdout and stderr apart). */
import { main } from '../../src/cli/main.js';

export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t.endsWith('\n') ? t : `${t}\n`), err: (t) => (err += t.endsWith('\n') ? t : `${t}\n`), isTTY: false });
  return { code, out, err };
}
