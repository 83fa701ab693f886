import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility } from '@workbay/platform';
import { AsOfArg, CommandResultView, IdOf } from '@workbay/platform';
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

const invoiceId = () => Args('id', { type: () => ID, description: 'the invoice' }, IdOf('invoice'));

@Resolver(() => InvoiceView)
export class InvoicesResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView, { description: 'Issues the invoice of an approved repair order, taxed by its location' })
  @RequireAbility('create', 'Invoice')
  issueInvoice(
    @Args('repairOrderId', { type: () => ID, description: 'the approved repair order to invoice' }, IdOf('repair order')) repairOrderId: string,
    @Args('input', { type: () => IssueInvoiceInput, nullable: true, description: 'place of supply and location, when needed' }) input?: IssueInvoiceInput,
  ): Promise<CommandResultView> {
    return this.commands.execute(new IssueInvoice(repairOrderId, input ?? {}));
  }

  @Mutation(() => PaymentResultView, { description: 'Records a payment received (cash, check, card present, other)' })
  @RequireAbility('pay', 'Invoice')
  recordPayment(@invoiceId() id: string, @Args('input', { description: 'the payment' }) input: RecordPaymentInput): Promise<PaymentResultView> {
    return this.commands.execute(new RecordPayment(id, input));
  }

  @Mutation(() => RefundResultView, { description: 'Refunds all or part of a payment (at Stripe too for a Stripe payment)' })
  @RequireAbility('refund', 'Invoice')
  refundPayment(
    @invoiceId() id: string,
    @Args('paymentId', { type: () => ID, description: 'the payment to refund' }, IdOf('payment')) paymentId: string,
    @Args('input', { type: () => RefundPaymentInput, nullable: true, description: 'amount and reason; omitted: all of the payment not yet refunded' }) input?: RefundPaymentInput,
  ): Promise<RefundResultView> {
    return this.commands.execute(new RefundPayment(id, paymentId, input ?? {}));
  }

  @Mutation(() => OnlinePaymentView, { description: "Starts an online card payment: a Stripe PaymentIntent on the shop's connected account" })
  @RequireAbility('pay', 'Invoice')
  startOnlinePayment(
    @invoiceId() id: string,
    @Args('input', { type: () => StartOnlinePaymentInput, nullable: true, description: 'amount; omitted: the whole balance due' }) input?: StartOnlinePaymentInput,
  ): Promise<OnlinePaymentView> {
    return this.commands.execute(new StartOnlinePayment(id, input ?? {}));
  }

  @Mutation(() => CommandResultView, { description: 'Voids an invoice; it keeps its number and the repair order can be invoiced again' })
  @RequireAbility('void', 'Invoice')
  voidInvoice(@invoiceId() id: string, @Args('input', { description: 'why it is voided' }) input: VoidInvoiceInput): Promise<CommandResultView> {
    return this.commands.execute(new VoidInvoice(id, input));
  }

  @Query(() => InvoicePage, { description: 'Invoices, newest first' })
  @RequireAbility('read', 'Invoice')
  @ReadsProjectionQuery(INVOICE_BOARD)
  invoices(@Args() { first, after, status, customerId, locationId }: InvoiceBoardArgs): Promise<InvoicePage> {
    return this.queries.execute(new InvoiceBoard(first ?? 20, after, { status, customerId, locationId }));
  }

  @Query(() => InvoiceView, { description: 'One invoice with its lines, taxes and payments' })
  @RequireAbility('read', 'Invoice')
  @ReadsProjectionQuery(INVOICE_BOARD)
  invoice(@invoiceId() id: string, @AsOfArg() asOf?: string): Promise<InvoiceView> {
    return this.queries.execute(new InvoiceDetail(id, asOf));
  }
}
