import { Module } from '@nestjs/common';
import { CustomerDetailHandler, CustomerDirectoryHandler } from './customers/customer-directory.queries';
import { CustomerReferenceHandler } from './customers/customer-reference.handler';
import { CustomersController } from './customers/customers.controller';
import { CustomersResolver } from './customers/customers.resolver';
import { RegisterCustomerHandler } from './customers/register-customer';
import { SetPreferredLocationsHandler } from './customers/set-preferred-locations';
import { SetCustomerBillingHandler } from './customers/set-customer-billing';
import { UpdateCustomerContactHandler } from './customers/update-customer-contact';
import { FormHouseholdHandler } from './households/form-household';
import { HouseholdDetailHandler, HouseholdDirectoryHandler } from './households/household-directory.queries';
import { AddHouseholdMemberHandler, RemoveHouseholdMemberHandler } from './households/household-membership';
import { HouseholdsController } from './households/households.controller';
import { HouseholdsResolver } from './households/households.resolver';
import { RenameHouseholdHandler } from './households/rename-household';
import { SetHouseholdBillingHandler } from './households/set-household-billing';
import { DefineCannedJobHandler } from './job-catalog/define-canned-job';
import { JobCatalogController } from './job-catalog/job-catalog.controller';
import { CannedJobDetailHandler, JobCatalogHandler } from './job-catalog/job-catalog.queries';
import { JobCatalogResolver } from './job-catalog/job-catalog.resolver';
import { RetireCannedJobHandler } from './job-catalog/retire-canned-job';
import { ReviseCannedJobHandler } from './job-catalog/revise-canned-job';
import { ChangeLocationTaxHandler } from './locations/change-location-tax';
import { SetLocationTaxIdHandler } from './locations/set-location-tax-id';
import { CloseLocationHandler } from './locations/close-location';
import { LocationDetailHandler, LocationDirectoryHandler } from './locations/location-directory.queries';
import { LocationNames } from './locations/location-names';
import { LocationReferenceHandler } from './locations/location-reference.query';
import { LocationSeats } from './locations/location-seats';
import { LocationsController } from './locations/locations.controller';
import { LocationsResolver } from './locations/locations.resolver';
import { OpenLocationHandler } from './locations/open-location';
import { UpdateLocationHandler } from './locations/update-location';
import { ApproveQuoteHandler } from './quotes/approve-quote';
import { ApplyApprovedDiscountHandler } from './quotes/apply-approved-discount';
import { QuoteDiscountThresholdHandler, QuoteDiscountThresholds, SetQuoteDiscountThresholdHandler } from './quotes/quote-discount-threshold';
import { QuoteDiscountThresholdController } from './quotes/quote-discount-threshold.controller';
import { QuoteDiscountThresholdResolver } from './quotes/quote-discount-threshold.resolver';
import { CreateQuoteHandler } from './quotes/create-quote';
import { OpenVisitQuoteHandler } from './quotes/open-visit-quote';
import { QuoteLineSource } from './quotes/quote-line-source';
import { ReviseQuoteHandler } from './quotes/revise-quote';
import { SignalBillableUsageHandler } from './usage/signal-billable-usage';
import { DeclineQuoteHandler } from './quotes/decline-quote';
import { QuoteBoardHandler, QuoteDetailHandler } from './quotes/quote-board.queries';
import { QuoteReferenceHandler } from './quotes/quote-reference.query';
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
import { StripeRefunds } from './invoices/stripe-refunds';
import { StripeDisputes } from './invoices/stripe-disputes';
import { CancelOpenOnlinePaymentsHandler } from './invoices/cancel-open-online-payments';
import { VoidInvoiceHandler } from './invoices/void-invoice';
import { CreditNoteDetailHandler, CreditNoteListHandler, InvoiceCreditNotesHandler } from './credit-notes/credit-note-board.queries';
import { CreditNotesController } from './credit-notes/credit-notes.controller';
import { CreditNotesResolver } from './credit-notes/credit-notes.resolver';
import { IssueCreditNoteHandler } from './credit-notes/issue-credit-note';
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
import { DocumentsController } from './documents/documents.controller';
import { DocumentPartiesReader } from './documents/document-parties.reader';
import { InvoicePdfHandler } from './documents/invoice-pdf.query';
import { CreditNotePdfHandler } from './documents/credit-note-pdf.query';

/** The shop context's edge: REST controllers and GraphQL resolvers over the same command/query handlers. */
@Module({
  controllers: [LocationsController, CustomersController, HouseholdsController, VehiclesController, QuotesController, QuoteDiscountThresholdController, JobCatalogController, RepairOrdersController, InvoicesController, CreditNotesController, DocumentsController, DashboardsController],
  providers: [
    LocationNames, LocationSeats, OpenLocationHandler, UpdateLocationHandler, ChangeLocationTaxHandler, SetLocationTaxIdHandler, CloseLocationHandler,
    LocationDirectoryHandler, LocationDetailHandler, LocationsResolver, LocationReferenceHandler,
    RegisterCustomerHandler, AddVehicleHandler,
    QuoteLineSource, QuoteReferenceHandler, CreateQuoteHandler, OpenVisitQuoteHandler, ReviseQuoteHandler, SendQuoteHandler, ApproveQuoteHandler, DeclineQuoteHandler,
    QuoteDiscountThresholds, SetQuoteDiscountThresholdHandler, QuoteDiscountThresholdHandler, QuoteDiscountThresholdResolver, ApplyApprovedDiscountHandler,
    OpenRepairOrderForQuoteHandler, SignalBillableUsageHandler,
    { provide: WorkLocations, useClass: ShopWorkLocations },
    UpdateCustomerContactHandler, SetPreferredLocationsHandler, SetCustomerBillingHandler, RecordMileageHandler, VehicleDetailHandler, VehicleHistoryHandler,
    FormHouseholdHandler, RenameHouseholdHandler, SetHouseholdBillingHandler, AddHouseholdMemberHandler, RemoveHouseholdMemberHandler,
    HouseholdDirectoryHandler, HouseholdDetailHandler, HouseholdsResolver,
    CustomerDirectoryHandler, CustomerDetailHandler, CustomerReferenceHandler, QuoteBoardHandler, QuoteDetailHandler,
    CustomersResolver, VehiclesResolver, QuotesResolver,
    DefineCannedJobHandler, ReviseCannedJobHandler, RetireCannedJobHandler, JobCatalogHandler, CannedJobDetailHandler, JobCatalogResolver,
    AssignTechnicianHandler, StartWorkHandler, CompleteWorkHandler, RequestAdvisorReviewHandler, ReturnWorkHandler, ApproveWorkHandler,
    RepairOrderBoardHandler, RepairOrderDetailHandler, RepairOrdersResolver,
    IssueInvoiceHandler, RecordPaymentHandler, RefundPaymentHandler, StartOnlinePaymentHandler, StripeInvoicePayments, StripeRefunds, StripeDisputes, CancelOpenOnlinePaymentsHandler, VoidInvoiceHandler, InvoiceBoardHandler, InvoiceDetailHandler, InvoicesResolver,
    IssueCreditNoteHandler, CreditNoteListHandler, CreditNoteDetailHandler, InvoiceCreditNotesHandler, CreditNotesResolver,
    DocumentPartiesReader, InvoicePdfHandler, CreditNotePdfHandler,
    RepairOrderStatusBoardHandler, TechnicianEfficiencyHandler, RevenueByDayHandler, QuoteApprovalRateHandler, OutstandingBalancesHandler, DashboardsResolver,
  ],
})
export class ShopModule {}
