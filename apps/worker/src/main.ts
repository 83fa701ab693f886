import { loadConfig } from '@workbay/platform';
import { createWorker } from './create-worker';

async function main() {
  const config = loadConfig();
  const worker = await createWorker(config);
  worker.runner.start();
  console.log(JSON.stringify({ level: 'info', msg: 'Workbay worker started: projections catching up' }));
  const shutdown = async (signal: string) => {
    console.log(JSON.stringify({ level: 'info', msg: `worker stopping on ${signal}` }));
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
