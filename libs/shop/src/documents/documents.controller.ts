import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IdOf, ReadsProjection, RequireAbility } from '@workbay/platform';
import { CREDIT_NOTE_BOARD } from '../credit-notes/credit-note-board.projection';
import { INVOICE_BOARD } from '../invoices/invoice-board.queries';
import { CreditNotePdf } from './credit-note-pdf.query';
import { InvoicePdf, RenderedPdf } from './invoice-pdf.query';

const PDF = { 'application/pdf': { schema: { type: 'string', format: 'binary' } } };

const file = ({ filename, pdf }: RenderedPdf) =>
  new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${filename}"`, length: pdf.length });

/** Printable documents over REST only: GraphQL's invoice and credit note carry `pdfUrl`, the path here. */
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('invoices/:id/pdf')
  @ApiTags('invoices')
  @RequireAbility('read', 'Invoice')
  @ReadsProjection(INVOICE_BOARD)
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the invoice as a PDF (A4): parties, tax ids, place of supply, lines, tax split, totals, paid and due', content: PDF })
  @ApiOperation({ summary: 'The invoice as a PDF to hand to the customer' })
  async invoicePdf(@Param('id', IdOf('invoice')) id: string): Promise<StreamableFile> {
    return file(await this.queries.execute(new InvoicePdf(id)));
  }

  @Get('credit-notes/:id/pdf')
  @ApiTags('credit notes')
  @RequireAbility('read', 'CreditNote')
  @ReadsProjection(CREDIT_NOTE_BOARD)
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the credit note as a PDF (A4): its number, the invoice credited with its date, the reason, parties, lines and the tax reversed per component', content: PDF })
  @ApiOperation({ summary: 'The credit note as a PDF to hand to the customer' })
  async creditNotePdf(@Param('id', IdOf('credit note')) id: string): Promise<StreamableFile> {
    return file(await this.queries.execute(new CreditNotePdf(id)));
  }
}
