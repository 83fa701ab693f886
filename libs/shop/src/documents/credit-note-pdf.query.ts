import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import type { CreditNoteView } from '../credit-notes/credit-note.dto';
import { CreditNoteDetail } from '../credit-notes/credit-note-board.queries';
import type { InvoiceView } from '../invoices/invoice.dto';
import { InvoiceDetail } from '../invoices/invoice-board.queries';
import { creditNoteDocument } from './credit-note-document.builder';
import { DocumentPartiesReader } from './document-parties.reader';
import { partiesAtIssue } from './invoice-document.builder';
import type { RenderedPdf } from './invoice-pdf.query';
import { renderTaxDocument } from './tax-document.layout';

/** A credit note as a PDF; 404 (the credit note detail's) for an id this tenant does not have. */
export class CreditNotePdf extends Query<RenderedPdf> {
  constructor(readonly creditNoteId: string) {
    super();
  }
}

@QueryHandler(CreditNotePdf)
export class CreditNotePdfHandler implements IQueryHandler<CreditNotePdf> {
  constructor(private readonly queries: QueryBus, private readonly parties: DocumentPartiesReader) {}

  async execute({ creditNoteId }: CreditNotePdf): Promise<RenderedPdf> {
    const note: CreditNoteView = await this.queries.execute(new CreditNoteDetail(creditNoteId));
    // The credited invoice gives the parties as invoiced, its date, and each line's HSN/SAC.
    const invoice: InvoiceView = await this.queries.execute(new InvoiceDetail(note.invoiceId));
    const parties = partiesAtIssue({ ...(await this.parties.read(invoice)), invoice });
    const hsnSac = new Map(invoice.lines.map((l) => [l.lineId, l.hsnSac]));
    const creditNote = { ...note, reverseCharge: invoice.reverseCharge, lines: note.lines.map((l) => ({ ...l, hsnSac: hsnSac.get(l.lineId) ?? null })) };
    const document = creditNoteDocument({ ...parties, creditNote, invoiceIssuedAt: invoice.issuedAt });
    return { filename: `${note.number}.pdf`, pdf: await renderTaxDocument(document) };
  }
}
