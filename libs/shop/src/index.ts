import { ProcessManager, Projection } from '@workbay/platform';
import { CustomerRow, VehicleRow } from './customers/customer-directory.entities';
import { HouseholdRow } from './households/household-directory.entities';
import { customerDirectoryProjection } from './customers/customer-directory.projection';
import { CannedJobRow } from './job-catalog/job-catalog.entities';
import { InvoiceLineRow, InvoicePaymentRow, InvoiceRow } from './invoices/invoice-board.entities';
import { invoiceBoardProjection } from './invoices/invoice-board.projection';
import { jobCatalogProjection } from './job-catalog/job-catalog.projection';
import { LocationRow } from './locations/location-directory.entities';
import { locationDirectoryProjection } from './locations/location-directory.projection';
import { QuoteLineRow, QuoteRow } from './quotes/quote-board.entities';
import { quoteBoardProjection } from './quotes/quote-board.projection';
import { quoteToRepairOrder } from './repair-orders/quote-to-repair-order.process';
import { RepairOrderLineRow, RepairOrderRow } from './repair-orders/repair-order-board.entities';
import { repairOrderBoardProjection } from './repair-orders/repair-order-board.projection';
import { usageSignals } from './usage/usage-signals.process';
import { dashboardsProjection } from './dashboards/dashboards.projection';
import { HistoryVehicleRow, ServiceVisitRow } from './vehicles/vehicle-history.entities';
import { vehicleHistoryProjection } from './vehicles/vehicle-history.projection';

export { ShopModule } from './shop.module';
export { SHOP_MIGRATIONS } from './migrations';
export * from './domain';

export const SHOP_ENTITIES: Function[] = [HistoryVehicleRow, ServiceVisitRow, LocationRow, CustomerRow, VehicleRow, HouseholdRow, QuoteRow, QuoteLineRow, CannedJobRow, RepairOrderRow, RepairOrderLineRow, InvoiceRow, InvoiceLineRow, InvoicePaymentRow];
export const SHOP_PROJECTIONS: Projection[] = [vehicleHistoryProjection, customerDirectoryProjection, quoteBoardProjection, locationDirectoryProjection, jobCatalogProjection, repairOrderBoardProjection, invoiceBoardProjection, dashboardsProjection];
/** Durable process managers, run by the worker on its checkpointed subscription. */
export const SHOP_PROCESSES: ProcessManager[] = [quoteToRepairOrder, usageSignals];
