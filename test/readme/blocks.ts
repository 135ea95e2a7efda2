/**
 * The README's fenced code blocks, as the README tests read them: each block's language, the line
 * it opens on, its text, and the reason given by a `<!-- not-run: reason -->` comment on the line
 * before it (then the block is shown, not run). Shell blocks split into commands: `\` continuations
 * joined, comment lines dropped, and the exit code a command's own comment expects (`# exit 1: …`).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mkdirSync, symlinkSync } from 'node:fs';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface Block {
  lang: string;
  /** 1-based line of the opening fence. */
  line: number;
  text: string;
  notRun?: string;
  /** The `## ` section the block is in. */
  section: string;
}

export interface ShellCommand {
  /** 1-based README line the command starts on. */
  line: number;
  text: string;
  exit: number;
}

export function readmeBlocks(markdown = readFileSync(join(ROOT, 'README.md'), 'utf8')): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^## (.+)$/.exec(lines[i]!);
    if (heading) section = heading[1]!;
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    if (i === lines.length) throw new Error(`README line ${start + 1}: the fence is never closed`);
    let before = start - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    const mark = before >= 0 ? /^<!-- not-run: (.+?) -->$/.exec(lines[before]!.trim()) : null;
    blocks.push({ lang: open[1]!, line: start + 1, text: body.join('\n'), section, ...(mark ? { notRun: mark[1]! } : {}) });
  }
  return blocks;
}

/** A shell block's commands, one per logical line. */
export function shellCommands(block: Block): ShellCommand[] {
  const lines = block.text.split('\n');
  const out: ShellCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = i;
    let text = lines[i]!;
    while (text.endsWith('\\') && i + 1 < lines.length) text = text.slice(0, -1) + lines[++i]!.trimStart();
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const expected = /\s#\s*exit (\d+)\b/.exec(trimmed);
    out.push({ line: block.line + 1 + first, text: trimmed, exit: expected ? Number(expected[1]) : 0 });
  }
  return out;
}

/**
 * A working directory where the README's relative paths resolve as in a checkout: the fixtures,
 * and `npx tickmark` finding this build's CLI as an installed package's bin (npx's own lookup).
 */
export function workingDir(dir: string): string {
  symlinkSync(join(ROOT, 'fixtures'), join(dir, 'fixtures'));
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(join(ROOT, 'bin/tickmark.js'), join(dir, 'node_modules/.bin/tickmark'));
  return dir;
}
