/** Every CLI command, in the order `tickmark --help` lists them. */
import type { Command } from '../command.js';
import { checkCommand } from './check.js';
import { evaluateCommand } from './evaluate.js';
import { exportCommand } from './export.js';
import { generateCommand } from './generate.js';
import { ingestCommand } from './ingest.js';
import { planCommand } from './plan.js';
import { pullCommand } from './pull.js';
import { sampleCommand } from './sample.js';
import { serveCommand } from './serve.js';
import { sqlCommand } from './sql.js';
import { testCommand } from './test.js';
import { tokenCommand } from './token.js';
import { verifyCommand } from './verify.js';
import { completionCommand, completionSource } from './completion.js';
import { initCommand } from './init.js';
import { lsCommand, showCommand } from './ls.js';
import { pruneCommand } from './prune.js';

export const commands: Command[] = [
  pullCommand, ingestCommand, checkCommand, planCommand, sampleCommand, testCommand, evaluateCommand, verifyCommand,
  exportCommand, sqlCommand, lsCommand, showCommand, pruneCommand, initCommand, serveCommand, tokenCommand, generateCommand, completionCommand,
];
completionSource.commands = commands;
