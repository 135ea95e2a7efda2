/** Every CLI command, in the order `tickmark --help` lists them. */
import type { Command } from '../command.js';
import { ingestCommand } from './ingest.js';

export const commands: Command[] = [ingestCommand];
