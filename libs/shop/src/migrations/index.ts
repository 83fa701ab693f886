import { Migration0002ShopReadModels } from './0002-shop-read-models';
import { Migration0003ShopLocations } from './0003-shop-locations';
import { Migration0004ShopJobCatalog } from './0004-shop-job-catalog';
import { Migration0005ShopRepairOrders } from './0005-shop-repair-orders';
import { Migration0006ShopInvoices } from './0006-shop-invoices';
import { Migration0007ShopQuoteRevisions } from './0007-shop-quote-revisions';
import { Migration0008ShopHouseholds } from './0008-shop-households';
import { Migration0009ShopDashboards } from './0009-shop-dashboards';
import { Migration0010ShopVehicleHistory } from './0010-shop-vehicle-history';
import { Migration0011ShopQuoteDiscounts } from './0011-shop-quote-discounts';
import { Migration0012ShopCreditNotes } from './0012-shop-credit-notes';
import { Migration0013ShopPlaceOfSupply } from './0013-shop-place-of-supply';
import { Migration0014ShopInvoiceDisputes } from './0014-shop-invoice-disputes';
import { Migration0015ShopHouseholdBilling } from './0015-shop-household-billing';

export const SHOP_MIGRATIONS: Function[] = [Migration0002ShopReadModels, Migration0003ShopLocations, Migration0004ShopJobCatalog, Migration0005ShopRepairOrders, Migration0006ShopInvoices, Migration0007ShopQuoteRevisions, Migration0008ShopHouseholds, Migration0009ShopDashboards, Migration0010ShopVehicleHistory, Migration0011ShopQuoteDiscounts, Migration0012ShopCreditNotes, Migration0013ShopPlaceOfSupply, Migration0014ShopInvoiceDisputes, Migration0015ShopHouseholdBilling];
