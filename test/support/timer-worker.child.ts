import { loadConfig } from '@workbay/platform';
import { createWorker } from '../../apps/worker/src/create-worker';
import { BellModule, reminders } from './timer-fixtures';

// A worker process with the test's reminder process manager, for tests that SIGKILL it
// (run with `node -r ./test/support/swc-register.js`); configured by the environment.
createWorker(loadConfig(), { idleDelayMs: 20, processes: [reminders], modules: [BellModule] })
  .then((worker) => {
    worker.start();
    console.log('worker started');
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
