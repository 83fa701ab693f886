import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility } from '@workbay/platform';
import { AsOfArg } from '../shared/as-of';
import { CommandResultView } from '../shared/command-result';
import { IdOf } from '../shared/id-param';
import {
  InvoiceBoardArgs, InvoicePage, InvoiceView, IssueInvoiceInput, OnlinePaymentView, PaymentResultView, RecordPaymentInput, RefundPaymentInput,
  RefundResultView, StartOnlinePaymentInput, VoidInvoiceInput,
} from './invoice.dto';
import { INVOICE_BOARD, InvoiceBoard, InvoiceDetail } from './invoice-board.queries';
import { IssueInvoice } from './issue-invoice';
import { RecordPayment } from './record-payment';
import { RefundPayment } from './refund-payment';
import { StartOnlinePayment } from './start-online-payment';
import { VoidInvoice } from './void-invoice';

const invoiceId = () => Args('id', { type: () => ID }, IdOf('invoice'));

@Resolver(() => InvoiceView)
export class InvoicesResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView)
  @RequireAbility('create', 'Invoice')
  issueInvoice(
    @Args('repairOrderId', { type: () => ID }, IdOf('repair order')) repairOrderId: string,
    @Args('input', { type: () => IssueInvoiceInput, nullable: true }) input?: IssueInvoiceInput,
  ): Promise<CommandResultView> {
    return this.commands.execute(new IssueInvoice(repairOrderId, input ?? {}));
  }

  @Mutation(() => PaymentResultView)
  @RequireAbility('pay', 'Invoice')
  recordPayment(@invoiceId() id: string, @Args('input') input: RecordPaymentInput): Promise<PaymentResultView> {
    return this.commands.execute(new RecordPayment(id, input));
  }

  @Mutation(() => RefundResultView)
  @RequireAbility('refund', 'Invoice')
  refundPayment(
    @invoiceId() id: string,
    @Args('paymentId', { type: () => ID }, IdOf('payment')) paymentId: string,
    @Args('input', { type: () => RefundPaymentInput, nullable: true }) input?: RefundPaymentInput,
  ): Promise<RefundResultView> {
    return this.commands.execute(new RefundPayment(id, paymentId, input ?? {}));
  }

  @Mutation(() => OnlinePaymentView)
  @RequireAbility('pay', 'Invoice')
  startOnlinePayment(
    @invoiceId() id: string,
    @Args('input', { type: () => StartOnlinePaymentInput, nullable: true }) input?: StartOnlinePaymentInput,
  ): Promise<OnlinePaymentView> {
    return this.commands.execute(new StartOnlinePayment(id, input ?? {}));
  }

  @Mutation(() => CommandResultView)
  @RequireAbility('void', 'Invoice')
  voidInvoice(@invoiceId() id: string, @Args('input') input: VoidInvoiceInput): Promise<CommandResultView> {
    return this.commands.execute(new VoidInvoice(id, input));
  }

  @Query(() => InvoicePage)
  @RequireAbility('read', 'Invoice')
  @ReadsProjectionQuery(INVOICE_BOARD)
  invoices(@Args() { first, after, status, customerId, locationId }: InvoiceBoardArgs): Promise<InvoicePage> {
    return this.queries.execute(new InvoiceBoard(first ?? 20, after, { status, customerId, locationId }));
  }

  @Query(() => InvoiceView)
  @RequireAbility('read', 'Invoice')
  @ReadsProjectionQuery(INVOICE_BOARD)
  invoice(@invoiceId() id: string, @AsOfArg() asOf?: string): Promise<InvoiceView> {
    return this.queries.execute(new InvoiceDetail(id, asOf));
  }
}
