/**
 * `tickmark serve`: run the HTTP service (127.0.0.1:3000 by default) until SIGINT/SIGTERM.
 * The server (fastify and its plugins, ~160 modules) loads only here, not for every command.
 */
import { int, str } from '../args.js';
import { exit, type Command } from '../command.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the HTTP service (engagements, uploads, samples, workbooks) with API tokens',
  usage: 'tickmark serve [--host 127.0.0.1] [--port 3000] [--data-dir D] [--workers N] [--upload-limit BYTES] [--rate N]',
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    workers: { type: 'string' },
    'upload-limit': { type: 'string' },
    rate: { type: 'string' },
    log: { type: 'boolean' },
  },
  async run(ctx) {
    const port = int(ctx, 'port', { min: 0, max: 65535 }) ?? 3000;
    const workers = int(ctx, 'workers', { min: 0, max: 64 });
    const uploadBytes = int(ctx, 'upload-limit', { min: 1 });
    const ratePerMinute = int(ctx, 'rate', { min: 1 });
    const dataDir = str(ctx, 'data-dir');
    const { startServer } = await import('../../server/listen.js');
    const server = await startServer({
      host: str(ctx, 'host') ?? '127.0.0.1',
      port,
      logger: ctx.values.log === true,
      ...(dataDir ? { dataDir } : {}),
      ...(workers !== undefined ? { workers } : {}),
      limits: { ...(uploadBytes ? { uploadBytes } : {}), ...(ratePerMinute ? { ratePerMinute } : {}) },
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
