/**
 * The help a person reads: `tickmark --help` (the commands), `tickmark help CMD` and
 * `tickmark CMD --help` (usage, what it does, every flag with its value, default and valid
 * values, the positional arguments, examples, environment variables and exit codes).
 *
 * @example
 * commandHelp(pullCommand).split('\n')[0] // 'Usage: tickmark pull FILE|POPULATION_ID --period A..B --seed S -o FILE [options]'
 */
import { ENGINE_VERSION } from '../../version.js';
import type { Command } from '../command.js';
import { COMMAND_DOCS, ENVIRONMENT, EXIT_CODES } from './commands.js';
import { flagDoc } from './flags.js';

const wrap = (text: string, width: number, indent: string): string => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join(`\n${indent}`);
};

export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `tickmark ${ENGINE_VERSION} — audit sampling and population testing`,
    '',
    'Usage: tickmark <command> [options]      tickmark help <command> (or <command> --help) for its flags and examples',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global flags: --json (machine-readable output and errors), --quiet (no progress), --verbose (stack traces), --help, --version',
  ].join('\n');
}

/** The usage line: the command, its positionals, its required flags, then [options]. */
export function usageLine(c: Command): string {
  const doc = COMMAND_DOCS[c.name];
  const positionals = (doc?.positionals ?? []).map((p) => (p.optional ? `[${p.name}]` : p.name));
  const required = (doc?.required ?? []).map((f) => {
    const d = flagDoc(c.name, f);
    const short = c.options[f]?.short;
    return `${short ? `-${short}` : `--${f}`}${d?.value ? ` ${d.value}` : ''}`;
  });
  return ['tickmark', c.name, ...positionals, ...required, '[options]'].join(' ');
}

export function commandHelp(c: Command): string {
  const doc = COMMAND_DOCS[c.name];
  const out = [`Usage: ${usageLine(c)}`, '', c.summary];
  if (doc?.positionals.length) {
    out.push('', 'Arguments:');
    for (const p of doc.positionals) out.push(`  ${p.name}${p.optional ? ' (optional)' : ''}\n      ${wrap(p.description, 90, '      ')}`);
  }
  out.push('', 'Options:');
  const required = new Set(doc?.required ?? []);
  for (const [name, o] of Object.entries(c.options).sort(([a], [b]) => Number(required.has(b)) - Number(required.has(a)) || a.localeCompare(b))) {
    const d = flagDoc(c.name, name);
    const head = `  ${o.short ? `-${o.short}, ` : ''}--${name}${d?.value ? ` ${d.value}` : o.type === 'string' ? ' VALUE' : ''}${o.multiple ? ' (repeatable)' : ''}${required.has(name) ? ' (required)' : ''}`;
    const tail = [
      d?.description ?? '',
      d?.values ? `One of: ${d.values.join(', ')}.` : '',
      d?.default ? `Default: ${d.default}.` : '',
      d?.env ? `Environment: ${d.env}.` : '',
    ].filter(Boolean).join(' ');
    out.push(head, `      ${wrap(tail, 90, '      ')}`);
  }
  if (doc?.examples.length) {
    out.push('', 'Examples:');
    for (const e of doc.examples) out.push(`  ${e.command}`, `      ${wrap(e.does, 90, '      ')}`);
  }
  out.push('', 'Environment:', ...ENVIRONMENT.map((e) => `  ${e.name.padEnd(18)} ${e.description}`));
  out.push('', 'Exit codes:', ...EXIT_CODES.map((e) => `  ${String(e.code).padEnd(3)} ${e.meaning}`));
  return out.join('\n');
}
