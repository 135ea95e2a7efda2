/**
 * Every CLI command, in the order `tickmark --help` lists them. A command's module (and what it
 * imports) loads only when that command runs; the help and the completion scripts load them all.
 */
import type { Command } from '../command.js';

const modules: Record<string, () => Promise<Command>> = {
  pull: async () => (await import('./pull.js')).pullCommand,
  ingest: async () => (await import('./ingest.js')).ingestCommand,
  check: async () => (await import('./check.js')).checkCommand,
  plan: async () => (await import('./plan.js')).planCommand,
  sample: async () => (await import('./sample.js')).sampleCommand,
  test: async () => (await import('./test.js')).testCommand,
  evaluate: async () => (await import('./evaluate.js')).evaluateCommand,
  verify: async () => (await import('./verify.js')).verifyCommand,
  export: async () => (await import('./export.js')).exportCommand,
  sql: async () => (await import('./sql.js')).sqlCommand,
  ls: async () => (await import('./ls.js')).lsCommand,
  show: async () => (await import('./ls.js')).showCommand,
  prune: async () => (await import('./prune.js')).pruneCommand,
  init: async () => (await import('./init.js')).initCommand,
  serve: async () => (await import('./serve.js')).serveCommand,
  token: async () => (await import('./token.js')).tokenCommand,
  generate: async () => (await import('./generate.js')).generateCommand,
  completion: async () => (await import('./completion.js')).completionCommand,
};

/** The command names, in help order. */
export const commandNames: readonly string[] = Object.keys(modules);

/** Every command (the completion command then lists them all). */
export async function loadCommands(): Promise<Command[]> {
  const all = await Promise.all(commandNames.map((name) => modules[name]!()));
  (await import('./completion.js')).completionSource.commands = all;
  return all;
}

/** The command of this name, loading only its module; undefined for no such command. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  const load = Object.hasOwn(modules, name) ? modules[name] : undefined;
  if (!load) return undefined;
  if (name === 'completion') await loadCommands();
  return load();
}
