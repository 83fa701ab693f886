import { Body, Controller, Get, HttpCode, Param, Post, Query as QueryParams } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ReadsProjection, RequireAbility } from '@workbay/platform';
import { AsOfArgs, CommandResultView, IdOf } from '@workbay/platform';
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

@ApiTags('invoices')
@ApiBearerAuth()
@Controller()
export class InvoicesController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post('repair-orders/:id/invoice')
  @RequireAbility('create', 'Invoice')
  @ApiCreatedResponse({ type: CommandResultView, description: 'id is the invoice id (one invoice per repair order)' })
  @ApiOperation({ summary: 'Issues the invoice of an approved repair order (tax by the location\'s jurisdiction)' })
  issue(@Param('id', IdOf('repair order')) id: string, @Body() input: IssueInvoiceInput): Promise<CommandResultView> {
    return this.commands.execute(new IssueInvoice(id, input));
  }

  @Post('invoices/:id/payments')
  @RequireAbility('pay', 'Invoice')
  @ApiCreatedResponse({ type: PaymentResultView })
  @ApiOperation({ summary: 'Records a payment (cash, check, card-present, other) against an invoice' })
  pay(@Param('id', IdOf('invoice')) id: string, @Body() input: RecordPaymentInput): Promise<PaymentResultView> {
    return this.commands.execute(new RecordPayment(id, input));
  }

  @Post('invoices/:id/payments/:paymentId/refund')
  @HttpCode(200)
  @RequireAbility('refund', 'Invoice')
  @ApiOkResponse({ type: RefundResultView })
  @ApiProblems(502)
  @ApiOperation({ summary: 'Refunds a payment, in full or in part' })
  refund(
    @Param('id', IdOf('invoice')) id: string,
    @Param('paymentId', IdOf('payment')) paymentId: string,
    @Body() input: RefundPaymentInput,
  ): Promise<RefundResultView> {
    return this.commands.execute(new RefundPayment(id, paymentId, input));
  }

  @Post('invoices/:id/online-payments')
  @ApiProblems(502)
  @RequireAbility('pay', 'Invoice')
  @ApiCreatedResponse({
    type: OnlinePaymentView,
    description: "a Stripe PaymentIntent on the shop's connected account for the customer to confirm; the payment is recorded from Stripe's webhook",
  })
  @ApiOperation({ summary: 'Starts an online card payment (a Stripe PaymentIntent on the shop\'s account)' })
  startOnlinePayment(@Param('id', IdOf('invoice')) id: string, @Body() input: StartOnlinePaymentInput): Promise<OnlinePaymentView> {
    return this.commands.execute(new StartOnlinePayment(id, input));
  }

  @Post('invoices/:id/void')
  @HttpCode(200)
  @RequireAbility('void', 'Invoice')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Voids an invoice (it keeps its number; the repair order can be invoiced again)' })
  void(@Param('id', IdOf('invoice')) id: string, @Body() input: VoidInvoiceInput): Promise<CommandResultView> {
    return this.commands.execute(new VoidInvoice(id, input));
  }

  @Get('invoices')
  @RequireAbility('read', 'Invoice')
  @ReadsProjection(INVOICE_BOARD)
  @ApiOkResponse({ type: InvoicePage })
  @ApiOperation({ summary: 'Invoices, paged by cursor' })
  list(@QueryParams() { first, after, status, customerId, locationId }: InvoiceBoardArgs): Promise<InvoicePage> {
    return this.queries.execute(new InvoiceBoard(first ?? 20, after, { status, customerId, locationId }));
  }

  @Get('invoices/:id')
  @RequireAbility('read', 'Invoice')
  @ReadsProjection(INVOICE_BOARD)
  @ApiOkResponse({ type: InvoiceView })
  @ApiOperation({ summary: 'One invoice (or as it stood at ?asOf=)' })
  detail(@Param('id', IdOf('invoice')) id: string, @QueryParams() { asOf }: AsOfArgs): Promise<InvoiceView> {
    return this.queries.execute(new InvoiceDetail(id, asOf));
  }
}
