import { CommandBus } from '@nestjs/cqrs';
import { exportUsageCsv, OverrideEntitlement, parseOverrideArguments, parseUsageExportArgs, USAGE_EXPORT_USAGE } from '@workbay/billing';
import { AppConfig, createPool, loadConfig, migrate, openEventStore, RequestContext } from '@workbay/platform';
import { createWorker } from '../../worker/src/create-worker';
import { seedDemo } from './demo';
import { ALL_MIGRATIONS } from './migrations';

const USAGE = `workbay <command>
  migrate                    apply database migrations (creates the database and roles if missing)
  rebuild <projection>       rebuild a read model from position 0 (the API keeps serving the old rows until it commits)
  catch-up                   run every projection up to the head once, then exit
  verify <tenantId>          recompute the tenant's hash chains; exit 1 and name the first broken link if tampered
  replay <tenantId>          print the tenant's events in order as JSON lines (for auditors)
  demo                       seed a demo shop through the API and print logins and example calls
  billing:override --tenant <id> [--feature <f>=on|off|plan] [--quota <meter>=<hard>|soft:<n>,hard:<n>|plan]
                             override a tenant's plan (as system:cli) until the admin realm has an API for it
  ${USAGE_EXPORT_USAGE}
                             usage per tenant x meter x day as CSV on stdout (platform finance; system role)`;

async function main(argv: string[]) {
  const [command, arg, ...rest] = argv;
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
    case 'usage:export': {
      const request = parseUsageExportArgs(argv.slice(1), new Date());
      const pool = createPool(config.SYSTEM_DATABASE_URL, 1);
      try {
        await exportUsageCsv(pool, request, process.stdout);
      } finally {
        await pool.end().catch(() => undefined);
      }
      return 0;
    }
    case 'demo':
      await seedDemo(config);
      return 0;
    case 'billing:override':
      return overrideEntitlements(config, [arg, ...rest].filter((a): a is string => a !== undefined));
    default:
      console.log(USAGE);
      return command ? 2 : 0;
  }
}

/** Each override is its own event in the tenant's billing-entitlements stream; the API processes' caches drop the tenant on commit. */
async function overrideEntitlements(config: AppConfig, args: string[]): Promise<number> {
  const { tenantId, overrides } = parseOverrideArguments(args);
  const pool = createPool(config.SYSTEM_DATABASE_URL, 1);
  try {
    const { rowCount } = await pool.query('select 1 from platform.tenants where id = $1', [tenantId]);
    if (!rowCount) throw new Error(`no tenant ${tenantId}`);
  } finally {
    await pool.end().catch(() => undefined);
  }
  const worker = await createWorker(config);
  try {
    const context = worker.app.get(RequestContext);
    const commands = worker.app.get(CommandBus);
    for (const override of overrides) {
      const result = await context.runAsSystemFor(tenantId, { actor: 'system:cli' }, () => commands.execute(new OverrideEntitlement(override)));
      console.log(JSON.stringify({ tenantId, ...override, ...result }));
    }
  } finally {
    await worker.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
