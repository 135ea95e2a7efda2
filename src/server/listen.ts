/**
 * `startServer`: build the app and listen (127.0.0.1:3000 by default). SIGINT/SIGTERM shut it
 * down gracefully: stop accepting connections, cancel running jobs and in-flight uploads (their
 * partial temp files are removed by the ingest), close the store and the worker pool.
 *
 * @example
 * const server = await startServer({ port: 0, dataDir: '.tickmark' })
 * console.log(server.url) // http://127.0.0.1:54321
 * await server.close()
 */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { closePools, setWorkerNice } from '../pool/pool.js';

/** Nice value of the service's worker threads. */
const SERVICE_WORKER_NICE = 10;
import { buildApp } from './app.js';
import type { ServerOptions } from './options.js';

export interface StartOptions extends ServerOptions {
  host?: string;
  port?: number;
  /** Install SIGINT/SIGTERM handlers (default true). */
  handleSignals?: boolean;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  port: number;
  /** Graceful shutdown; resolves when everything is closed. Safe to call twice. */
  close(): Promise<void>;
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const { host = '127.0.0.1', port = 3000, handleSignals = true, ...appOptions } = opts;
  // The service's worker threads compute at a lower priority than its event loop, so a heavy
  // ingest, scan or workbook never delays the answers to other requests (pools started later).
  setWorkerNice(SERVICE_WORKER_NICE);
  const app = buildApp(appOptions);
  await app.listen({ host, port });
  const address = app.server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    app.log.info({ signal }, 'shutting down');
    void close().then(() => process.exit(0), () => process.exit(1));
  };
  const close = () =>
    (closing ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await app.close();
      await closePools();
    })());
  if (handleSignals) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { app, url: `http://${shownHost}:${address.port}`, port: address.port, close };
}
