/**
 * `tickmark serve`: run the HTTP service (127.0.0.1:3000 by default) until SIGINT/SIGTERM.
 * The server (fastify and its plugins, ~160 modules) loads only here, not for every command.
 */
import { statSync } from 'node:fs';
import { tickmarkError } from '../../errors.js';
import { int, readJsonFile, str } from '../args.js';
import { exit, type Command } from '../command.js';
import type { ServerLimits } from '../../server/options.js';

/**
 * The PostgreSQL sources of `--sql-sources FILE` (checked by the server: names, postgres:// URLs).
 * The file holds credentials, so one that its group or others may read is refused, as libpq
 * ignores such a password file.
 */
export function sqlSourcesFile(path: string): unknown {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    throw tickmarkError('TM_ERR_FILE_NOT_FOUND', { path });
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--sql-sources', expected: 'must be readable by its owner only (chmod 600): it holds database credentials', got: `${path} (mode ${(mode & 0o777).toString(8)})` });
  }
  return readJsonFile(path, '--sql-sources');
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the HTTP service (engagements, uploads, samples, workbooks) with API tokens',
  usage:
    'tickmark serve [--host 127.0.0.1] [--port 3000] [--data-dir D] [--workers N] [--upload-limit BYTES] [--rate N] ' +
    '[--max-running N] [--max-running-per-engagement N] [--max-queued N] [--max-queued-per-engagement N] [--max-uploads-per-token N] [--upload-idle SECONDS] [--retention-days DAYS] [--sql-sources FILE]',
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    workers: { type: 'string' },
    'upload-limit': { type: 'string' },
    rate: { type: 'string' },
    'max-running': { type: 'string' },
    'max-running-per-engagement': { type: 'string' },
    'max-queued': { type: 'string' },
    'max-queued-per-engagement': { type: 'string' },
    'max-uploads-per-token': { type: 'string' },
    'upload-idle': { type: 'string' },
    'retention-days': { type: 'string' },
    'sql-sources': { type: 'string' },
    log: { type: 'boolean' },
  },
  async run(ctx) {
    const port = int(ctx, 'port', { min: 0, max: 65535 }) ?? 3000;
    const workers = int(ctx, 'workers', { min: 0, max: 64 });
    const dataDir = str(ctx, 'data-dir');
    const retentionDays = int(ctx, 'retention-days', { min: 1 });
    const idleSeconds = int(ctx, 'upload-idle', { min: 1 });
    const limits: ServerLimits = {};
    const flagged: [keyof ServerLimits, string][] = [
      ['uploadBytes', 'upload-limit'], ['ratePerMinute', 'rate'], ['maxRunningJobs', 'max-running'], ['maxRunningPerEngagement', 'max-running-per-engagement'],
      ['maxQueuedJobs', 'max-queued'], ['maxQueuedPerEngagement', 'max-queued-per-engagement'], ['maxUploadsPerToken', 'max-uploads-per-token'],
    ];
    for (const [limit, flag] of flagged) {
      const v = int(ctx, flag, { min: 1 });
      if (v !== undefined) limits[limit] = v;
    }
    if (idleSeconds !== undefined) limits.uploadIdleMs = idleSeconds * 1000;
    const sourcesFile = str(ctx, 'sql-sources');
    const sqlSources = sourcesFile === undefined ? undefined : sqlSourcesFile(sourcesFile);
    const { startServer } = await import('../../server/listen.js');
    const server = await startServer({
      host: str(ctx, 'host') ?? '127.0.0.1',
      port,
      logger: ctx.values.log === true,
      ...(dataDir ? { dataDir } : {}),
      ...(workers !== undefined ? { workers } : {}),
      ...(retentionDays !== undefined ? { retentionDays } : {}),
      ...(sqlSources !== undefined ? { sqlSources: sqlSources as Record<string, string> } : {}),
      limits,
    });
    ctx.io.err(`tickmark serving on ${server.url} (web app: ${server.url}/, API reference: ${server.url}/docs, OpenAPI: ${server.url}/v1/openapi.json); Ctrl-C to stop`);
    if (!['127.0.0.1', '::1', 'localhost'].includes(str(ctx, 'host') ?? '127.0.0.1')) {
      ctx.io.err('warning: listening beyond this machine; tokens travel in clear text unless a TLS proxy is in front');
    }
    // Runs until a signal: startServer's handler closes the app and exits the process.
    await new Promise<never>(() => {});
    return exit.ok;
  },
};
