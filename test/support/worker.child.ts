import { loadConfig } from '@workbay/platform';
import { createWorker } from '../../apps/worker/src/create-worker';

// The worker process with every context, for tests that SIGKILL it
// (run with `node -r ./test/support/swc-register.js`); configured by the environment.
createWorker(loadConfig(), { idleDelayMs: 20 })
  .then((worker) => {
    worker.start();
    console.log('worker started');
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
