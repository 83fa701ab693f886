import { Module } from '@nestjs/common';
import { CustomerDetailHandler, CustomerDirectoryHandler } from './customers/customer-directory.queries';
import { CustomersController } from './customers/customers.controller';
import { CustomersResolver } from './customers/customers.resolver';
import { RegisterCustomerHandler } from './customers/register-customer';
import { SetPreferredLocationsHandler } from './customers/set-preferred-locations';
import { UpdateCustomerContactHandler } from './customers/update-customer-contact';
import { FormHouseholdHandler } from './households/form-household';
import { HouseholdDetailHandler, HouseholdDirectoryHandler } from './households/household-directory.queries';
import { AddHouseholdMemberHandler, RemoveHouseholdMemberHandler } from './households/household-membership';
import { HouseholdsController } from './households/households.controller';
import { HouseholdsResolver } from './households/households.resolver';
import { RenameHouseholdHandler } from './households/rename-household';
import { DefineCannedJobHandler } from './job-catalog/define-canned-job';
import { JobCatalogController } from './job-catalog/job-catalog.controller';
import { CannedJobDetailHandler, JobCatalogHandler } from './job-catalog/job-catalog.queries';
import { JobCatalogResolver } from './job-catalog/job-catalog.resolver';
import { RetireCannedJobHandler } from './job-catalog/retire-canned-job';
import { ReviseCannedJobHandler } from './job-catalog/revise-canned-job';
import { ChangeLocationTaxHandler } from './locations/change-location-tax';
import { CloseLocationHandler } from './locations/close-location';
import { LocationDetailHandler, LocationDirectoryHandler } from './locations/location-directory.queries';
import { LocationNames } from './locations/location-names';
import { LocationsController } from './locations/locations.controller';
import { LocationsResolver } from './locations/locations.resolver';
import { OpenLocationHandler } from './locations/open-location';
import { UpdateLocationHandler } from './locations/update-location';
import { ApproveQuoteHandler } from './quotes/approve-quote';
import { CreateQuoteHandler } from './quotes/create-quote';
import { QuoteLineSource } from './quotes/quote-line-source';
import { ReviseQuoteHandler } from './quotes/revise-quote';
import { SignalBillableUsageHandler } from './usage/signal-billable-usage';
import { DeclineQuoteHandler } from './quotes/decline-quote';
import { QuoteBoardHandler, QuoteDetailHandler } from './quotes/quote-board.queries';
import { QuotesController } from './quotes/quotes.controller';
import { QuotesResolver } from './quotes/quotes.resolver';
import { SendQuoteHandler } from './quotes/send-quote';
import { ApproveWorkHandler } from './repair-orders/approve-work';
import { AssignTechnicianHandler } from './repair-orders/assign-technician';
import { CompleteWorkHandler } from './repair-orders/complete-work';
import { OpenRepairOrderForQuoteHandler } from './repair-orders/open-repair-order';
import { RepairOrderBoardHandler, RepairOrderDetailHandler } from './repair-orders/repair-order-board.queries';
import { RepairOrdersController } from './repair-orders/repair-orders.controller';
import { RepairOrdersResolver } from './repair-orders/repair-orders.resolver';
import { RequestAdvisorReviewHandler } from './repair-orders/request-advisor-review';
import { ReturnWorkHandler } from './repair-orders/return-work';
import { StartWorkHandler } from './repair-orders/start-work';
import { InvoiceBoardHandler, InvoiceDetailHandler } from './invoices/invoice-board.queries';
import { InvoicesController } from './invoices/invoices.controller';
import { InvoicesResolver } from './invoices/invoices.resolver';
import { IssueInvoiceHandler } from './invoices/issue-invoice';
import { RecordPaymentHandler } from './invoices/record-payment';
import { RefundPaymentHandler } from './invoices/refund-payment';
import { StartOnlinePaymentHandler } from './invoices/start-online-payment';
import { StripeInvoicePayments } from './invoices/stripe-invoice-payments';
import { VoidInvoiceHandler } from './invoices/void-invoice';
import { AddVehicleHandler } from './vehicles/add-vehicle';
import { VehiclesController } from './vehicles/vehicles.controller';
import { VehiclesResolver } from './vehicles/vehicles.resolver';
import { DashboardsController } from './dashboards/dashboards.controller';
import {
  OutstandingBalancesHandler, QuoteApprovalRateHandler, RepairOrderStatusBoardHandler, RevenueByDayHandler, TechnicianEfficiencyHandler,
} from './dashboards/dashboards.queries';
import { DashboardsResolver } from './dashboards/dashboards.resolver';
import { RecordMileageHandler } from './vehicles/record-mileage';
import { ShopWorkLocations } from './locations/shop-work-locations';
import { WorkLocations } from '@workbay/identity/contract';
import { VehicleDetailHandler } from './vehicles/vehicle-detail.query';
import { VehicleHistoryHandler } from './vehicles/vehicle-history.queries';

/** The shop context's edge: REST controllers and GraphQL resolvers over the same command/query handlers. */
@Module({
  controllers: [LocationsController, CustomersController, HouseholdsController, VehiclesController, QuotesController, JobCatalogController, RepairOrdersController, InvoicesController, DashboardsController],
  providers: [
    LocationNames, OpenLocationHandler, UpdateLocationHandler, ChangeLocationTaxHandler, CloseLocationHandler,
    LocationDirectoryHandler, LocationDetailHandler, LocationsResolver,
    RegisterCustomerHandler, AddVehicleHandler,
    QuoteLineSource, CreateQuoteHandler, ReviseQuoteHandler, SendQuoteHandler, ApproveQuoteHandler, DeclineQuoteHandler,
    OpenRepairOrderForQuoteHandler, SignalBillableUsageHandler,
    { provide: WorkLocations, useClass: ShopWorkLocations },
    UpdateCustomerContactHandler, SetPreferredLocationsHandler, RecordMileageHandler, VehicleDetailHandler, VehicleHistoryHandler,
    FormHouseholdHandler, RenameHouseholdHandler, AddHouseholdMemberHandler, RemoveHouseholdMemberHandler,
    HouseholdDirectoryHandler, HouseholdDetailHandler, HouseholdsResolver,
    CustomerDirectoryHandler, CustomerDetailHandler, QuoteBoardHandler, QuoteDetailHandler,
    CustomersResolver, VehiclesResolver, QuotesResolver,
    DefineCannedJobHandler, ReviseCannedJobHandler, RetireCannedJobHandler, JobCatalogHandler, CannedJobDetailHandler, JobCatalogResolver,
    AssignTechnicianHandler, StartWorkHandler, CompleteWorkHandler, RequestAdvisorReviewHandler, ReturnWorkHandler, ApproveWorkHandler,
    RepairOrderBoardHandler, RepairOrderDetailHandler, RepairOrdersResolver,
    IssueInvoiceHandler, RecordPaymentHandler, RefundPaymentHandler, StartOnlinePaymentHandler, StripeInvoicePayments, VoidInvoiceHandler, InvoiceBoardHandler, InvoiceDetailHandler, InvoicesResolver,
    RepairOrderStatusBoardHandler, TechnicianEfficiencyHandler, RevenueByDayHandler, QuoteApprovalRateHandler, OutstandingBalancesHandler, DashboardsResolver,
  ],
})
export class ShopModule {}
