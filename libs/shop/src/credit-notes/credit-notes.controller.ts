import { Body, Controller, Get, Param, Post, Query as QueryParams } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdOf, PageArgs, ReadsProjection, RequireAbility } from '@workbay/platform';
import { CreditNoteListArgs, CreditNotePage, CreditNoteResultView, CreditNoteView, IssueCreditNoteInput } from './credit-note.dto';
import { CREDIT_NOTE_BOARD } from './credit-note-board.projection';
import { CreditNoteDetail, CreditNoteList, InvoiceCreditNotes } from './credit-note-board.queries';
import { IssueCreditNote } from './issue-credit-note';

@ApiTags('credit notes')
@ApiBearerAuth()
@Controller()
export class CreditNotesController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post('invoices/:id/credit-notes')
  @RequireAbility('create', 'CreditNote')
  @ApiCreatedResponse({ type: CreditNoteResultView, description: 'id is the credit note id; the invoice\'s receivable drops by its grand total at once' })
  @ApiOperation({
    summary: 'Issues a credit note against an issued invoice (returned quantities or amounts off lines, tax reversed at the invoice\'s rates)',
    description: '422 names the field: a line credited past what is left of it (`lines[i].quantity` / `lines[i].amountMinor`), an unknown line, '
      + 'a void invoice (`invoiceId`); 409 when concurrent writes to the invoice kept winning.',
  })
  issue(@Param('id', IdOf('invoice')) id: string, @Body() input: IssueCreditNoteInput): Promise<CreditNoteResultView> {
    return this.commands.execute(new IssueCreditNote(id, input));
  }

  @Get('credit-notes')
  @RequireAbility('read', 'CreditNote')
  @ReadsProjection(CREDIT_NOTE_BOARD)
  @ApiOkResponse({ type: CreditNotePage })
  @ApiOperation({ summary: 'Credit notes, newest first, paged by cursor' })
  list(@QueryParams() { first, after, invoiceId, customerId }: CreditNoteListArgs): Promise<CreditNotePage> {
    return this.queries.execute(new CreditNoteList(first ?? 20, after, { invoiceId, customerId }));
  }

  @Get('credit-notes/:id')
  @RequireAbility('read', 'CreditNote')
  @ReadsProjection(CREDIT_NOTE_BOARD)
  @ApiOkResponse({ type: CreditNoteView })
  @ApiOperation({ summary: 'One credit note with its lines and tax split' })
  detail(@Param('id', IdOf('credit note')) id: string): Promise<CreditNoteView> {
    return this.queries.execute(new CreditNoteDetail(id));
  }

  @Get('invoices/:id/credit-notes')
  @RequireAbility('read', 'CreditNote')
  @ReadsProjection(CREDIT_NOTE_BOARD)
  @ApiOkResponse({ type: CreditNotePage })
  @ApiOperation({ summary: "An invoice's credit notes, newest first" })
  ofInvoice(@Param('id', IdOf('invoice')) id: string, @QueryParams() { first, after }: PageArgs): Promise<CreditNotePage> {
    return this.queries.execute(new InvoiceCreditNotes(id, first ?? 20, after));
  }
}
