/**
 * The `tickmark` command line: a thin shell over the library. Finds the command (did-you-mean
 * when mistyped), reads its flags (did-you-mean for a mistyped flag; every missing required flag
 * reported at once; extra arguments refused), fills what the engagement file `tickmark.json`
 * says (flags win), runs it, and maps coded errors to exit codes with a message and a hint —
 * as JSON `{code, message, hint, details}` on stdout under `--json`. An unexpected error exits
 * 70 and asks for a report.
 */
import { parseArgs } from 'node:util';
import { TickmarkError, tickmarkError } from '../errors.js';
import { closePools } from '../pool/pool.js';
import { ENGINE_VERSION } from '../version.js';
import type { Command, CommandContext, CommandIO } from './command.js';
import { commandNames, loadCommand, loadCommands } from './commands/index.js';
import { applyConfig, loadConfig } from './config.js';
import { didYouMean } from '../text/closest.js';
import { COMMAND_DOCS } from './help/commands.js';
import { commandHelp, mainHelp, usageLine } from './help/render.js';

/** Exit code of an unexpected (internal) error: distinct from findings (1). */
export const INTERNAL_EXIT = 70;

const processIO: CommandIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  isTTY: Boolean(process.stderr.isTTY),
};

/** Flags every command takes, read before the command's own. */
const GLOBAL = { quiet: 'quiet', verbose: 'verbose' } as const;

async function findCommand(name: string): Promise<Command> {
  const command = await loadCommand(name);
  if (command) return command;
  throw tickmarkError('TM_ERR_USAGE', { message: `unknown command "${name}"${didYouMean(name, [...commandNames])}; run \`tickmark --help\` for the list` });
}

/** node:util's parse error as a coded usage error, with a did-you-mean for an unknown flag. */
function parseError(command: Command, err: Error): TickmarkError {
  const unknown = /Unknown option '(-{1,2})([^']+)'/.exec(err.message);
  if (unknown) {
    const flags = Object.keys(command.options);
    return tickmarkError('TM_ERR_USAGE', { message: `unknown flag ${unknown[1]}${unknown[2]} for ${command.name}${didYouMean(unknown[2]!, flags, '--')}\nUsage: ${usageLine(command)}` });
  }
  return tickmarkError('TM_ERR_USAGE', { message: `${err.message.replace(/\. To specify a positional argument.*$/s, '')}\nUsage: ${usageLine(command)}` });
}

/** Every required flag missing, at once; and no more positional arguments than the command takes. */
function checkArguments(command: Command, ctx: CommandContext): void {
  const doc = COMMAND_DOCS[command.name];
  if (!doc) return;
  const standIn = doc.requiredUnless !== undefined && ctx.values[doc.requiredUnless] !== undefined;
  const missing = (standIn ? [] : doc.required).filter((f) => ctx.values[f] === undefined || ctx.values[f] === '');
  if (missing.length) {
    const names = missing.map((f) => (command.options[f]?.short ? `-${command.options[f]!.short} (--${f})` : `--${f}`));
    throw tickmarkError('TM_ERR_USAGE', { message: `missing ${missing.length === 1 ? 'flag' : 'flags'} ${names.join(', ')}\nUsage: ${usageLine(command)}` });
  }
  const max = doc.positionals.at(-1)?.name.endsWith('…') ? Number.POSITIVE_INFINITY : doc.positionals.length;
  if (ctx.positionals.length > max) {
    const extra = ctx.positionals.slice(max);
    throw tickmarkError('TM_ERR_USAGE', { message: `${command.name} takes ${max === 0 ? 'no arguments' : `at most ${max} argument${max === 1 ? '' : 's'} (${doc.positionals.map((p) => p.name).join(', ')})`}; unexpected: ${extra.map((a) => JSON.stringify(a)).join(' ')}${extra.some((a) => a.includes('=')) ? ' (a flag needs -- before its name)' : ''}` });
  }
}

function report(err: unknown, name: string, io: CommandIO, json: boolean, verbose: boolean): number {
  const coded = err instanceof TickmarkError ? err : undefined;
  if (json) {
    const body = coded ? coded.toJSON() : { code: 'TM_ERR_INTERNAL', message: `internal error: ${(err as Error)?.message ?? String(err)}`, hint: 'Please report this with the command you ran.', details: {} };
    io.out(JSON.stringify({ error: body }, null, 2));
  } else if (coded) {
    io.err(`tickmark ${name}: ${coded.message}\n  [${coded.code}] ${coded.hint}${verbose && coded.stack ? `\n${coded.stack}` : ''}`);
  } else {
    io.err(`tickmark ${name}: internal error: ${(err as Error)?.message ?? String(err)}\n  Please report this at the project's issue tracker with the command you ran${verbose ? '' : ' (rerun with --verbose for the stack trace)'}.${verbose ? `\n${(err as Error)?.stack ?? ''}` : ''}`);
  }
  if (!coded) return INTERNAL_EXIT;
  return coded.code === 'TM_ERR_INTERNAL' ? INTERNAL_EXIT : coded.exitCode;
}

export async function main(argv: string[], io: CommandIO = processIO): Promise<number> {
  const quiet = argv.includes(`--${GLOBAL.quiet}`) || argv.includes('-q');
  const verbose = argv.includes(`--${GLOBAL.verbose}`);
  const args = argv.filter((a) => a !== `--${GLOBAL.quiet}` && a !== `--${GLOBAL.verbose}` && a !== '-q');
  const quietIO: CommandIO = quiet ? { ...io, isTTY: false } : io;
  const [name, ...rest] = args;
  const json = rest.includes('--json');
  if (!name || name === '--help' || name === '-h') {
    io.out(mainHelp(await loadCommands()));
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(ENGINE_VERSION);
    return 0;
  }
  try {
    if (name === 'help') {
      io.out(rest[0] ? commandHelp(await findCommand(rest[0])) : mainHelp(await loadCommands()));
      return 0;
    }
    const command = await findCommand(name);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(commandHelp(command));
      return 0;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    } catch (err) {
      throw parseError(command, err as Error);
    }
    const ctx: CommandContext = { values: parsed.values as CommandContext['values'], positionals: parsed.positionals, io: quietIO };
    applyConfig(command, ctx, loadConfig(process.cwd()));
    checkArguments(command, ctx);
    command.prepare?.(ctx);
    return await command.run(ctx);
  } catch (err) {
    return report(err, name, io, json, verbose);
  } finally {
    await closePools();
  }
}
