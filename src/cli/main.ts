/**
 * The `tickmark` command line: a thin shell over the library. Parses the command and its flags,
 * runs it, and maps coded errors to exit codes (2 usage, 3 bad input) with a message and a hint.
 */
import { parseArgs } from 'node:util';
import { TickmarkError, tickmarkError } from '../errors.js';
import { closePools } from '../pool/pool.js';
import { ENGINE_VERSION } from '../version.js';
import type { Command, CommandIO } from './command.js';
import { commands } from './commands/index.js';

const processIO: CommandIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  isTTY: Boolean(process.stderr.isTTY),
};

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `tickmark ${ENGINE_VERSION} — audit sampling and population testing`,
    '',
    'Usage: tickmark <command> [options]   (tickmark <command> --help for its flags)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

function commandHelp(c: Command): string {
  const flags = Object.entries(c.options).map(([name, o]) => `  --${name}${o.type === 'string' ? ' <value>' : ''}${o.short ? ` (-${o.short})` : ''}`);
  return [`Usage: ${c.usage}`, '', c.summary, '', 'Options:', ...flags].join('\n');
}

export async function main(argv: string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(ENGINE_VERSION);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`tickmark: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(command));
    return 0;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    } catch (err) {
      throw tickmarkError('TM_ERR_USAGE', { message: `${(err as Error).message}\nUsage: ${command.usage}` });
    }
    return await command.run({ values: parsed.values as never, positionals: parsed.positionals, io });
  } catch (err) {
    if (err instanceof TickmarkError) {
      io.err(`tickmark ${name}: ${err.message}\n  [${err.code}] ${err.hint}`);
      return err.exitCode;
    }
    io.err(`tickmark ${name}: unexpected error: ${(err as Error)?.stack ?? String(err)}`);
    return 1;
  } finally {
    await closePools();
  }
}
