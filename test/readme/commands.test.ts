/**
 * Every shell command in the README runs as written, in the README's order, from a clean working
 * directory (no data directory, no `out/`): a block is one bash script started at the directory's
 * root, each command checked for the exit code it expects (0, or what its `# exit N` comment says).
 * Blocks marked `<!-- not-run: reason -->` are the stated exceptions. Needs the build (`pretest`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { readmeBlocks, shellCommands, workingDir, type ShellCommand } from './blocks.js';

const shellBlocks = readmeBlocks().filter((b) => b.lang === 'sh' || b.lang === 'bash');

/** The block as a script that stops at the first command whose exit code is not the expected one. */
function script(commands: ShellCommand[]): string {
  return commands
    .map((c) => `${c.text}\nrc=$?; if [ "$rc" -ne ${c.exit} ]; then echo "README line ${c.line}: exit $rc, expected ${c.exit}: ${c.text.replace(/["$`\\]/g, '\\$&')}" >&2; exit 100; fi`)
    .join('\n');
}

function environment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC', NO_COLOR: '1' };
  delete env.TICKMARK_DATA_DIR;
  return env;
}

describe('the README', () => {
  it('marks few blocks not-run, each with its reason, and runs commands of every kind', () => {
    const notRun = shellBlocks.filter((b) => b.notRun !== undefined);
    expect(notRun.map((b) => b.notRun!.length > 10)).toEqual(notRun.map(() => true));
    expect(notRun.length).toBeLessThanOrEqual(3);
    const run = shellBlocks.filter((b) => b.notRun === undefined).flatMap(shellCommands);
    const verbs = new Set(run.map((c) => /^npx tickmark (\S+)/.exec(c.text)?.[1]));
    for (const verb of ['pull', 'verify', 'ingest', 'check', 'plan', 'sample', 'test', 'evaluate', 'ls', 'prune', 'init', 'sql']) expect(verbs, verb).toContain(verb);
  });

  it('every shell command runs as written, from a clean working directory, in order', { timeout: 180_000 }, () => {
    const dir = workingDir(tempDir('tickmark-readme-'));
    for (const block of shellBlocks) {
      if (block.notRun !== undefined) continue;
      const commands = shellCommands(block);
      expect(commands.length, `README line ${block.line}`).toBeGreaterThan(0);
      const ran = spawnSync('bash', ['-c', script(commands)], { cwd: dir, env: environment(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(ran.status, `README block at line ${block.line}:\n${ran.stderr.slice(-4000)}`).toBe(0);
    }
    // What the README says the commands write is there.
    for (const file of ['out/CC8.1-sample.xlsx', 'out/CC8.1-v2.xlsx', 'results/request.json', 'out/tickmark.bash', 'out/fy25/CC8.1.xlsx']) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    const config = JSON.parse(readFileSync(join(dir, 'out/fy25/tickmark.json'), 'utf8'));
    expect(config).toMatchObject({ client: 'Acme', engagement: 'SOC 2 2025', period: { start: '2025-01-01', end: '2025-12-31' }, seed: '20251231' });
  });
});
