import { ProcessManager, Projection } from '@workbay/platform';
import { CustomerRow, VehicleRow } from './customers/customer-directory.entities';
import { HouseholdRow } from './households/household-directory.entities';
import { customerDirectoryProjection } from './customers/customer-directory.projection';
import { CannedJobRow } from './job-catalog/job-catalog.entities';
import { jobCatalogProjection } from './job-catalog/job-catalog.projection';
import { LocationRow } from './locations/location-directory.entities';
import { locationDirectoryProjection } from './locations/location-directory.projection';
import { QuoteLineRow, QuoteRow } from './quotes/quote-board.entities';
import { quoteBoardProjection } from './quotes/quote-board.projection';
import { quoteToRepairOrder } from './repair-orders/quote-to-repair-order.process';
import { usageSignals } from './usage/usage-signals.process';

export { ShopModule } from './shop.module';
export { SHOP_MIGRATIONS } from './migrations';
export * from './domain';

export const SHOP_ENTITIES: Function[] = [LocationRow, CustomerRow, VehicleRow, HouseholdRow, QuoteRow, QuoteLineRow, CannedJobRow];
export const SHOP_PROJECTIONS: Projection[] = [customerDirectoryProjection, quoteBoardProjection, locationDirectoryProjection, jobCatalogProjection];
/** Durable process managers, run by the worker on its checkpointed subscription. */
export const SHOP_PROCESSES: ProcessManager[] = [quoteToRepairOrder, usageSignals];
