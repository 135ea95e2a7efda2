/**
 * The http suite's server, run as `node bench/measure.js http-server <json>` in its own process
 * (so its RSS is its own): `startServer` on 127.0.0.1, a free port, logging off, `workers`
 * threads, the per-token rate limit raised to `ratePerMinute`. Prints `{"url"}` once listening,
 * then serves until its stdin ends (the bench closes it, or the bench died) or SIGTERM; closes
 * gracefully and lets measure.js print `{seconds, maxRssMB}` (the server's lifetime peak).
 */
export default async function httpServer(args, lib) {
  const { startServer } = await lib('server/listen.js');
  const server = await startServer({
    host: '127.0.0.1', port: 0, dataDir: args.dataDir, workers: args.workers, logger: false, handleSignals: false,
    limits: { ratePerMinute: args.ratePerMinute },
  });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  await new Promise((resolve) => {
    process.stdin.once('end', resolve).once('close', resolve).resume();
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return { rows: 0 };
}
