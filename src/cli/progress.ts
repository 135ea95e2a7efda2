/**
 * A progress bar on stderr, only when stderr is a terminal (never in pipes, logs or tests).
 */
import type { CommandIO } from './command.js';

export function progressBar(io: CommandIO, label: string, total?: number): { update(done: number, extra?: string): void; done(): void } {
  if (!io.isTTY) return { update() {}, done() {} };
  let last = 0;
  return {
    update(done, extra = '') {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const pct = total ? Math.min(1, done / total) : 0;
      const bar = total ? '█'.repeat(Math.round(pct * 30)).padEnd(30, '░') : '';
      process.stderr.write(`\r${label} ${bar} ${total ? `${(pct * 100).toFixed(0)}%` : ''} ${extra}   `);
    },
    done() {
      process.stderr.write('\r\x1b[K');
    },
  };
}
