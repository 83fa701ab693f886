import PDFDocument from 'pdfkit';
import { DOCUMENT_FONTS } from './document-fonts';
import type { DocumentLine, DocumentParty, TaxDocument } from './tax-document';

const MARGIN = 40;
const WIDTH = 595.28 - 2 * MARGIN; // A4 in points
const BOTTOM = 841.89 - MARGIN;

type Column = { header: string; width: number; align: 'left' | 'right'; value: (l: DocumentLine) => string };

const columns = (withHsn: boolean): Column[] => {
  const all: (Column | null)[] = [
    { header: 'Description', width: withHsn ? 135 : 185, align: 'left', value: (l) => (l.discount ? `${l.description}\n(discount ${l.discount})` : l.description) },
    withHsn ? { header: 'HSN/SAC', width: 50, align: 'left', value: (l) => l.hsnSac ?? '' } : null,
    { header: 'Qty', width: 30, align: 'right', value: (l) => l.quantity },
    { header: 'Unit price', width: 65, align: 'right', value: (l) => l.unitPrice },
    { header: 'Amount', width: 70, align: 'right', value: (l) => l.amount },
    { header: 'Tax', width: 95, align: 'left', value: (l) => l.tax },
    { header: 'Total', width: 70, align: 'right', value: (l) => l.total },
  ];
  return all.filter((c): c is Column => c !== null);
};

/**
 * Places a tax document on A4 pages: parties and facts, the lines (the header repeated on each
 * page), the tax split, the totals and the notes. Pure but for pdfkit: the same document gives
 * the same text, and nothing here decides what is printed.
 */
export function renderTaxDocument(document: TaxDocument): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: document.meta.title, Subject: document.meta.subject, Producer: 'Workbay' } });
  pdf.registerFont('regular', DOCUMENT_FONTS.regular);
  pdf.registerFont('bold', DOCUMENT_FONTS.bold);
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  pdf.font('bold').fontSize(18).text(document.title, MARGIN, MARGIN, { width: WIDTH / 2 });
  let factsY = MARGIN;
  for (const fact of document.facts) {
    pdf.font('regular').fontSize(9).text(fact.label, MARGIN + WIDTH / 2, factsY, { width: 90 });
    pdf.font('bold').text(fact.value, MARGIN + WIDTH / 2 + 95, factsY, { width: WIDTH / 2 - 95 });
    factsY = pdf.y + 2;
  }
  const partiesY = Math.max(factsY, MARGIN + 40) + 12;
  const sellerEnd = party(pdf, 'From', document.seller, MARGIN, partiesY);
  const buyerEnd = party(pdf, 'Bill to', document.buyer, MARGIN + WIDTH / 2, partiesY);
  let y = Math.max(sellerEnd, buyerEnd) + 16;

  y = lineTable(pdf, document.lines, y);
  y = keyValues(pdf, document.taxHeading, document.taxSplit, y + 12);
  y = keyValues(pdf, null, document.totals, y + 8);
  pdf.font('regular').fontSize(9);
  for (const note of document.notes) {
    y = room(pdf, y, pdf.heightOfString(note, { width: WIDTH }));
    pdf.text(note, MARGIN, y, { width: WIDTH });
    y = pdf.y + 4;
  }
  const { start, count } = pdf.bufferedPageRange();
  for (let page = start; page < start + count; page++) {
    pdf.switchToPage(page);
    footer(pdf, `${document.meta.title} · page ${page - start + 1} of ${count}`);
    if (document.stamp) stamp(pdf, document.stamp);
  }
  pdf.end();
  return done;
}

function party(pdf: PDFKit.PDFDocument, heading: string, p: DocumentParty, x: number, y: number): number {
  const width = WIDTH / 2 - 10;
  pdf.font('regular').fontSize(8).fillColor('#555555').text(heading.toUpperCase(), x, y, { width });
  pdf.fillColor('black').font('bold').fontSize(11).text(p.name, x, pdf.y + 2, { width });
  pdf.font('regular').fontSize(9);
  for (const line of [p.branch, ...p.address, p.taxId, ...p.extra]) if (line) pdf.text(line, x, pdf.y + 1, { width });
  return pdf.y;
}

/** Moves to a new page when `height` does not fit below `y`; the y to write at. */
function room(pdf: PDFKit.PDFDocument, y: number, height: number): number {
  if (y + height <= BOTTOM) return y;
  pdf.addPage();
  return MARGIN;
}

function row(pdf: PDFKit.PDFDocument, cells: string[], cols: Column[], y: number, font: 'regular' | 'bold'): number {
  pdf.font(font).fontSize(8);
  const height = Math.max(...cells.map((c, i) => pdf.heightOfString(c || ' ', { width: cols[i].width - 4 })));
  const top = room(pdf, y, height + 4);
  let x = MARGIN;
  cells.forEach((cell, i) => {
    pdf.font(font).fontSize(8).text(cell, x + 2, top + 2, { width: cols[i].width - 4, align: cols[i].align });
    x += cols[i].width;
  });
  return top + height + 4;
}

function lineTable(pdf: PDFKit.PDFDocument, lines: DocumentLine[], y: number): number {
  const cols = columns(lines.some((l) => l.hsnSac !== null));
  const header = () => cols.map((c) => c.header);
  let at = row(pdf, header(), cols, y, 'bold');
  pdf.moveTo(MARGIN, at).lineTo(MARGIN + WIDTH, at).lineWidth(0.5).stroke();
  for (const line of lines) {
    const cells = cols.map((c) => c.value(line));
    pdf.font('regular').fontSize(8);
    const height = Math.max(...cells.map((c, i) => pdf.heightOfString(c || ' ', { width: cols[i].width - 4 })));
    if (at + height + 4 > BOTTOM) {
      pdf.addPage();
      at = row(pdf, header(), cols, MARGIN, 'bold');
    }
    at = row(pdf, cells, cols, at, 'regular');
  }
  pdf.moveTo(MARGIN, at).lineTo(MARGIN + WIDTH, at).stroke();
  return at;
}

/** Right-hand label/value block: the tax split, the totals. */
function keyValues(pdf: PDFKit.PDFDocument, heading: string | null, rows: { label: string; value: string; strong?: boolean }[], y: number): number {
  const x = MARGIN + WIDTH - 260;
  let at = y;
  if (heading) {
    at = room(pdf, at, 14);
    pdf.font('bold').fontSize(9).text(heading, x, at, { width: 260 });
    at = pdf.y + 2;
  }
  for (const r of rows) {
    pdf.font(r.strong ? 'bold' : 'regular').fontSize(r.strong ? 10 : 9);
    at = room(pdf, at, 14);
    pdf.text(r.label, x, at, { width: 150 });
    pdf.text(r.value, x + 150, at, { width: 110, align: 'right' });
    at += r.strong ? 15 : 13;
  }
  return at;
}

function footer(pdf: PDFKit.PDFDocument, text: string): void {
  // Below the bottom margin pdfkit would open a new page for the text; lift the margin for it.
  const bottom = pdf.page.margins.bottom;
  pdf.page.margins.bottom = 0;
  pdf.font('regular').fontSize(7).fillColor('#555555').text(text, MARGIN, BOTTOM + 14, { width: WIDTH, align: 'right' }).fillColor('black');
  pdf.page.margins.bottom = bottom;
}

function stamp(pdf: PDFKit.PDFDocument, text: string): void {
  pdf.save();
  pdf.rotate(-30, { origin: [297, 420] }).font('bold').fontSize(96).fillColor('#cc0000').fillOpacity(0.25)
    .text(text, 0, 370, { width: 595, align: 'center' });
  pdf.restore();
}
