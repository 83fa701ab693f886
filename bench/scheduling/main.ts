/**
 * `npm run bench:scheduling`: scheduling's benchmarks in one run, on one fresh database, each
 * with its baseline in the same run (see each file): booking.ts (ReserveSlot decisions/s under
 * contention) and availability.ts (availability queries/s, cached and computed). Each starts its
 * own servers, one after the other, so neither measures under the other's load.
 * `BENCH_SCHEDULING=booking` or `=availability` runs one of them.
 */
import { createBenchDatabase } from '../http/platform';
import { runAvailabilityBench } from './availability';
import { runBookingBench } from './booking';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main(): Promise<void> {
  const db = await createBenchDatabase(ADMIN_URL);
  try {
    const only = process.env.BENCH_SCHEDULING;
    if (!only || only === 'booking') await runBookingBench(db);
    if (!only || only === 'availability') await runAvailabilityBench(db);
  } finally {
    await db.drop();
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
