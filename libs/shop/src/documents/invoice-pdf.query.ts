import { OnModuleInit } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { InvoiceView } from '../invoices/invoice.dto';
import { InvoiceDetail } from '../invoices/invoice-board.queries';
import { assertDocumentFonts } from './document-fonts';
import { DocumentPartiesReader } from './document-parties.reader';
import { invoiceDocument } from './invoice-document.builder';
import { renderTaxDocument } from './tax-document.layout';

export interface RenderedPdf {
  filename: string;
  pdf: Buffer;
}

/** An invoice as a PDF a customer can be handed; 404 (the invoice detail's) for an id this tenant does not have. */
export class InvoicePdf extends Query<RenderedPdf> {
  constructor(readonly invoiceId: string) {
    super();
  }
}

@QueryHandler(InvoicePdf)
export class InvoicePdfHandler implements IQueryHandler<InvoicePdf>, OnModuleInit {
  constructor(private readonly queries: QueryBus, private readonly parties: DocumentPartiesReader) {}

  onModuleInit(): void {
    assertDocumentFonts();
  }

  async execute({ invoiceId }: InvoicePdf): Promise<RenderedPdf> {
    const invoice: InvoiceView = await this.queries.execute(new InvoiceDetail(invoiceId));
    const parties = await this.parties.read(invoice);
    return { filename: `${invoice.number}.pdf`, pdf: await renderTaxDocument(invoiceDocument({ ...parties, invoice })) };
  }
}
