import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdOf, ReadsProjectionQuery, RequireAbility } from '@workbay/platform';
import { CreditNoteListArgs, CreditNotePage, CreditNoteResultView, CreditNoteView, InvoiceCreditNotesArgs, IssueCreditNoteInput } from './credit-note.dto';
import { CREDIT_NOTE_BOARD } from './credit-note-board.projection';
import { CreditNoteDetail, CreditNoteList, InvoiceCreditNotes } from './credit-note-board.queries';
import { IssueCreditNote } from './issue-credit-note';

const invoiceId = () => Args('invoiceId', { type: () => ID, description: 'the invoice' }, IdOf('invoice'));

@Resolver(() => CreditNoteView)
export class CreditNotesResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CreditNoteResultView, { description: "Issues a credit note against an issued invoice, reversing tax at the invoice's rates" })
  @RequireAbility('create', 'CreditNote')
  issueCreditNote(@invoiceId() id: string, @Args('input', { description: 'reason and lines credited' }) input: IssueCreditNoteInput): Promise<CreditNoteResultView> {
    return this.commands.execute(new IssueCreditNote(id, input));
  }

  @Query(() => CreditNotePage, { description: 'Credit notes, newest first' })
  @RequireAbility('read', 'CreditNote')
  @ReadsProjectionQuery(CREDIT_NOTE_BOARD)
  creditNotes(@Args() { first, after, invoiceId: ofInvoice, customerId }: CreditNoteListArgs): Promise<CreditNotePage> {
    return this.queries.execute(new CreditNoteList(first ?? 20, after, { invoiceId: ofInvoice, customerId }));
  }

  @Query(() => CreditNoteView, { description: 'One credit note with its lines and tax split' })
  @RequireAbility('read', 'CreditNote')
  @ReadsProjectionQuery(CREDIT_NOTE_BOARD)
  creditNote(@Args('id', { type: () => ID, description: 'the credit note' }, IdOf('credit note')) id: string): Promise<CreditNoteView> {
    return this.queries.execute(new CreditNoteDetail(id));
  }

  @Query(() => CreditNotePage, { description: "An invoice's credit notes, newest first (404 for an invoice this shop does not have)" })
  @RequireAbility('read', 'CreditNote')
  @ReadsProjectionQuery(CREDIT_NOTE_BOARD)
  invoiceCreditNotes(@Args() { invoiceId: id, first, after }: InvoiceCreditNotesArgs): Promise<CreditNotePage> {
    return this.queries.execute(new InvoiceCreditNotes(id, first ?? 20, after));
  }
}
