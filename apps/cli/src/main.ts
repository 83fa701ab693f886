import { createPool, loadConfig, migrate, openEventStore } from '@workbay/platform';
import { createWorker } from '../../worker/src/create-worker';
import { seedDemo } from './demo';
import { ALL_MIGRATIONS } from './migrations';

const USAGE = `workbay <command>
  migrate                    apply database migrations (creates the database and roles if missing)
  rebuild <projection>       rebuild a read model from position 0 (the API keeps serving the old rows until it commits)
  catch-up                   run every projection up to the head once, then exit
  verify <tenantId>          recompute the tenant's hash chains; exit 1 and name the first broken link if tampered
  replay <tenantId>          print the tenant's events in order as JSON lines (for auditors)
  demo                       seed a demo shop through the API and print logins and example calls`;

async function main(argv: string[]) {
  const [command, arg] = argv;
  const config = loadConfig();
  switch (command) {
    case 'migrate': {
      const applied = await migrate(config.DATABASE_URL, ALL_MIGRATIONS, (m) => console.log(m));
      console.log(applied.length ? `migrations applied: ${applied.length}` : 'database is up to date');
      return 0;
    }
    case 'rebuild':
    case 'catch-up': {
      const worker = await createWorker(config);
      try {
        if (command === 'catch-up') await worker.runner.catchUpAll();
        else {
          if (!arg) throw new Error('usage: workbay rebuild <projection>');
          console.log(`rebuilt ${arg} from ${await worker.runner.rebuild(arg)} events`);
        }
      } finally {
        await worker.close();
      }
      return 0;
    }
    case 'verify':
    case 'replay': {
      if (!arg) throw new Error(`usage: workbay ${command} <tenantId>`);
      const pool = createPool(config.SYSTEM_DATABASE_URL, 2);
      const store = openEventStore(config, pool);
      try {
        if (command === 'verify') {
          const report = await store.verifyTenant(arg);
          console.log(JSON.stringify(report, null, 2));
          return report.ok ? 0 : 1;
        }
        for (let after = 0; ; ) {
          const events = await store.readTenant(arg, after, 1000);
          if (events.length === 0) break;
          for (const e of events) console.log(JSON.stringify(e));
          after = events[events.length - 1].globalPosition;
        }
        return 0;
      } finally {
        await store.close();
        await pool.end().catch(() => undefined);
      }
    }
    case 'demo':
      await seedDemo(config);
      return 0;
    default:
      console.log(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
