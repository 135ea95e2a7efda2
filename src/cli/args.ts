/**
 * Flag helpers shared by commands: typed reads with coded errors that name the flag.
 */
import { readFileSync } from 'node:fs';
import { tickmarkError } from '../errors.js';
import type { CommandContext } from './command.js';

export function str(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function requireStr(ctx: CommandContext, name: string): string {
  const v = str(ctx, name);
  if (v === undefined || v === '') throw tickmarkError('TM_ERR_USAGE', { message: `--${name} is required` });
  return v;
}

export function int(ctx: CommandContext, name: string, opts: { min?: number; max?: number } = {}): number | undefined {
  const v = str(ctx, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  const min = opts.min ?? 0;
  if (!Number.isInteger(n) || n < min || (opts.max !== undefined && n > opts.max)) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: `--${name}`, expected: `must be an integer ≥ ${min}${opts.max !== undefined ? ` and ≤ ${opts.max}` : ''}`, got: v });
  }
  return n;
}

export function flag(ctx: CommandContext, name: string): boolean {
  return ctx.values[name] === true;
}

export function list(ctx: CommandContext, name: string): string[] {
  const v = ctx.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw tickmarkError('TM_ERR_FILE_NOT_FOUND', { path });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: what, expected: 'must be a JSON file', got: `${path}: ${(err as Error).message}` });
  }
}

/** Print a value as JSON (one object) for `--json`. */
export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.io.out(JSON.stringify(value, null, 2));
}
