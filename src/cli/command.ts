/**
 * The shape of one CLI command: its flags (node:util parseArgs options), a usage line, and a
 * `run` that returns the process exit code. Commands print through `io` so tests can capture them.
 */
import type { ParseArgsConfig } from 'node:util';

export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars only then). */
  isTTY: boolean;
}

export interface CommandContext {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  io: CommandIO;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** What the command starts once its arguments are read, before `run` loads what it needs (e.g. the ingest's workers). */
  prepare?(ctx: CommandContext): void;
  run(ctx: CommandContext): Promise<number>;
}

/** Exit codes shared by every command. */
export const exit = { ok: 0, findings: 1, usage: 2, badInput: 3 } as const;
