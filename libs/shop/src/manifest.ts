import { ContextManifest, statelessProcess } from '@workbay/platform';
import { CustomerRow, VehicleRow } from './customers/customer-directory.entities';
import { HouseholdRow } from './households/household-directory.entities';
import { customerDirectoryProjection } from './customers/customer-directory.projection';
import { CannedJobRow } from './job-catalog/job-catalog.entities';
import { InvoiceLineRow, InvoicePaymentRow, InvoiceRow } from './invoices/invoice-board.entities';
import { invoiceBoardProjection } from './invoices/invoice-board.projection';
import { CreditNoteRow } from './credit-notes/credit-note-board.entities';
import { creditNoteBoardProjection } from './credit-notes/credit-note-board.projection';
import { jobCatalogProjection } from './job-catalog/job-catalog.projection';
import { LocationRow } from './locations/location-directory.entities';
import { locationDirectoryProjection } from './locations/location-directory.projection';
import { QuoteLineRow, QuoteRow } from './quotes/quote-board.entities';
import { quoteBoardProjection } from './quotes/quote-board.projection';
import { quoteToRepairOrder } from './repair-orders/quote-to-repair-order.process';
import { RepairOrderLineRow, RepairOrderRow } from './repair-orders/repair-order-board.entities';
import { repairOrderBoardProjection } from './repair-orders/repair-order-board.projection';
import { usageSignals } from './usage/usage-signals.process';
import { cancelOpenOnlinePayments } from './invoices/cancel-open-online-payments';
import { SHOP_MIGRATIONS } from './migrations';
import { SHOP_AUDITABLE_RECORDS } from './shared/shop-audit-records';
import { SHOP_GRANTS } from './shop.grants';
import { ShopModule } from './shop.module';
import { dashboardsProjection } from './dashboards/dashboards.projection';
import { HistoryVehicleRow, ServiceVisitRow } from './vehicles/vehicle-history.entities';
import { vehicleHistoryProjection } from './vehicles/vehicle-history.projection';

const entities: Function[] = [HistoryVehicleRow, ServiceVisitRow, LocationRow, CustomerRow, VehicleRow, HouseholdRow, QuoteRow, QuoteLineRow, CannedJobRow, RepairOrderRow, RepairOrderLineRow, InvoiceRow, InvoiceLineRow, InvoicePaymentRow, CreditNoteRow];
const projections = [vehicleHistoryProjection, customerDirectoryProjection, quoteBoardProjection, locationDirectoryProjection, jobCatalogProjection, repairOrderBoardProjection, invoiceBoardProjection, creditNoteBoardProjection, dashboardsProjection];

/** The shop: locations, customers, vehicles, quotes, repair orders, invoices, dashboards. The same module serves API and worker (its command handlers run process managers' commands). */
export const SHOP: ContextManifest = {
  name: 'shop',
  module: { api: ShopModule, worker: ShopModule },
  entities,
  projections,
  processes: [quoteToRepairOrder, usageSignals, cancelOpenOnlinePayments].map(statelessProcess),
  migrations: SHOP_MIGRATIONS,
  grants: SHOP_GRANTS,
  auditableRecords: SHOP_AUDITABLE_RECORDS,
  entitlements: [],
};

