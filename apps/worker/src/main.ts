import { loadConfig } from '@workbay/platform';
import { createServer } from 'node:http';
import { createWorker } from './create-worker';

async function main() {
  const config = loadConfig();
  const worker = await createWorker(config);
  worker.start();
  // The worker has no HTTP API; Prometheus scrapes it here (WORKER_METRICS_PORT, 0 turns it off).
  const server = createServer(async (req, res) => {
    if (req.url !== '/metrics') return void res.writeHead(404).end();
    try {
      res.writeHead(200, { 'content-type': worker.metrics.contentType }).end(await worker.metrics.metrics());
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  // A taken port costs the metrics, not the projections.
  server.on('error', (error) => console.error(JSON.stringify({ level: 'error', msg: 'worker metrics server failed', error: String(error) })));
  if (config.WORKER_METRICS_PORT > 0) server.listen(config.WORKER_METRICS_PORT);
  console.log(JSON.stringify({
    level: 'info',
    msg: 'Workbay worker started: projections and process managers catching up, Stripe webhook jobs running',
    metrics: config.WORKER_METRICS_PORT > 0 ? `http://localhost:${config.WORKER_METRICS_PORT}/metrics` : 'off',
  }));
  const shutdown = async (signal: string) => {
    console.log(JSON.stringify({ level: 'info', msg: `worker stopping on ${signal}` }));
    server.close();
    await worker.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
